#include "js_exception.h"

#include "../bridge/wire/py_ref.h"
#include "../bridge/wire/python_attr.h"
#include "../typeconv/js_to_py.h"
#include "js_proxy.h"

namespace isthmus {

PyTypeObject* JsExceptionType = nullptr;

namespace {

struct JsExceptionObject {
  PyBaseExceptionObject base;
  JsId id;
};

void exception_finalize(PyObject* self) {
  auto* e = reinterpret_cast<JsExceptionObject*>(self);
  JsRef::reattach(e->id);
  e->id = kJsError;
}

PyObject* exception_js_error(PyObject* self, void*) {
  auto* e = reinterpret_cast<JsExceptionObject*>(self);
  if (e->id == kJsError) Py_RETURN_NONE;
  return js_proxy_new(JsRef::borrow(JsHandle(e->id)), JsRef(), ISTHMUS_JS_OBJECT);
}

PyObject* exception_getattro(PyObject* self, PyObject* name) {
  PyObject* r = PyObject_GenericGetAttr(self, name);
  if (r || !PyErr_ExceptionMatches(PyExc_AttributeError)) return r;
  auto* e = reinterpret_cast<JsExceptionObject*>(self);
  if (e->id == kJsError) return nullptr;
  PyErr_Clear();
  PyRef err = PyRef::steal(exception_js_error(self, nullptr));
  if (!err) return nullptr;
  return PyObject_GetAttr(err.get(), name);  // name, message, stack... of the JS error
}

// JsException(name, message="", stack="") from Python: a new JS Error
// (python/_isthmus/errors.py). The bridge makes its own from a JS error
// through the base type's tp_new (make_js_exception).
PyObject* exception_new(PyTypeObject*, PyObject* args, PyObject* kwargs) {
  static PyObject* helper = nullptr;
  PyObject* fn = cached_python_attr(&helper, "_isthmus.errors", "new_js_exception");
  return fn ? PyObject_Call(fn, args, kwargs) : nullptr;
}

// Its arguments are the message JS gives (make_js_exception), not those of
// the constructor call (BaseException's init would put those in args).
int exception_init(PyObject*, PyObject*, PyObject*) { return 0; }

// repr() is str(), the JS error's text, as in Pyodide (where a JsException
// is a JsProxy of the error).
PyObject* exception_repr(PyObject* self) { return PyObject_Str(self); }

// pickle: a new JS error with the same name, message and stack (a JS object
// cannot be pickled itself).
PyObject* exception_reduce(PyObject* self, PyObject*) {
  static PyObject* helper = nullptr;
  PyObject* fn = cached_python_attr(&helper, "_isthmus.errors", "reduce_js_exception");
  return fn ? PyObject_CallOneArg(fn, self) : nullptr;
}

PyMethodDef exception_methods[] = {
    {"__reduce__", exception_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef exception_getset[] = {
    {"js_error", exception_js_error, nullptr, "The JS error object", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyObject* make_js_exception(JsRef error) {
  JsRef text = JsRef::adopt(isthmus_js_error_text(error.id()));
  PyRef message = PyRef::steal(js_string_to_py(text));
  if (!message) return nullptr;
  PyRef args = PyRef::steal(PyTuple_Pack(1, message.get()));
  if (!args) return nullptr;
  PyObject* exc = reinterpret_cast<PyTypeObject*>(PyExc_Exception)->tp_new(JsExceptionType, args.get(), nullptr);
  if (!exc) return nullptr;
  reinterpret_cast<JsExceptionObject*>(exc)->id = error.detach();
  return exc;
}

JsId js_exception_id(PyObject* obj) {
  if (JsExceptionType && PyObject_TypeCheck(obj, JsExceptionType)) {
    return reinterpret_cast<JsExceptionObject*>(obj)->id;
  }
  return kJsError;
}

bool init_js_exception_type(PyObject* module) {
  PyType_Slot exception_slots[] = {
      {Py_tp_new, reinterpret_cast<void*>(exception_new)},
      {Py_tp_init, reinterpret_cast<void*>(exception_init)},
      {Py_tp_finalize, reinterpret_cast<void*>(exception_finalize)},
      {Py_tp_getattro, reinterpret_cast<void*>(exception_getattro)},
      {Py_tp_getset, exception_getset},
      {Py_tp_methods, exception_methods},
      {Py_tp_repr, reinterpret_cast<void*>(exception_repr)},
      {Py_tp_doc, const_cast<char*>("A JavaScript error raised in Python.")},
      {0, nullptr},
  };
  PyType_Spec exception_spec = {"pyodide.ffi.JsException", sizeof(JsExceptionObject), 0,
                                Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, exception_slots};
  JsExceptionType = reinterpret_cast<PyTypeObject*>(PyType_FromSpecWithBases(&exception_spec, PyExc_Exception));
  return JsExceptionType &&
         PyModule_AddObjectRef(module, "JsException", reinterpret_cast<PyObject*>(JsExceptionType)) == 0;
}

}  // namespace isthmus
