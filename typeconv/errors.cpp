#include "errors.h"

#include "../bridge/wire/py_ref.h"
#include "../bridge/wire/python_attr.h"
#include "../bridge/wire/wire.h"
#include "../proxies/js_exception.h"
#include "../proxies/js_proxy.h"
#include "js_to_py.h"
#include "py_to_js.h"

namespace isthmus {
namespace {

JsRef pending_error;

// ---- Python -> JS ---------------------------------------------------------------

// _isthmus.errors.format_escaping(exc) -> str, or an empty PyRef (error cleared).
PyRef format_with_python(PyObject* exc) {
  static PyObject* cache = nullptr;
  PyObject* format = cached_python_attr(&cache, "_isthmus.errors", "format_escaping");
  PyRef text = PyRef::steal(format ? PyObject_CallOneArg(format, exc) : nullptr);
  if (!text || !PyUnicode_Check(text.get())) {
    PyErr_Clear();
    return PyRef();
  }
  return text;
}

PyRef format_fallback(PyObject* exc, PyObject* type_name) {
  PyRef text = PyRef::steal(PyUnicode_FromFormat("%U: %S", type_name, exc));
  if (!text) {
    PyErr_Clear();
    text = PyRef::steal(PyUnicode_FromString("<exception could not be formatted>"));
  }
  return text;
}

// The PythonError keeps the exception for a round trip, but not its
// tracebacks: their frames (and through f_back, the frames of every Python
// call under way) would keep their locals alive while the JS error lives, and
// a local that leads back to the error (a Promise rejected with it) is a
// cycle across the two collectors that neither can free. The message keeps
// the text.
void drop_tracebacks(PyObject* exc, int depth = 0) {
  if (!exc || !PyExceptionInstance_Check(exc) || depth > 32) return;
  PyException_SetTraceback(exc, Py_None);
  PyRef cause = PyRef::steal(PyException_GetCause(exc));
  PyRef context = PyRef::steal(PyException_GetContext(exc));
  drop_tracebacks(cause.get(), depth + 1);
  if (context.get() != cause.get()) drop_tracebacks(context.get(), depth + 1);
}

// ---- JS -> Python ---------------------------------------------------------------

// KeyError/IndexError with the key as the one argument: PyErr_SetObject
// would take None for no arguments (a KeyError without a message) and a
// tuple for several.
PyObject* raise_lookup_error(PyObject* type, const isthmus_js_slot& key) {
  PyRef k = PyRef::steal(js_slot_to_py(key));
  if (!k) return nullptr;
  PyRef exc = PyRef::steal(PyObject_CallOneArg(type, k.get()));
  if (exc) PyErr_SetObject(type, exc.get());
  return nullptr;
}

PyObject* raise_with_message(PyObject* type, const isthmus_js_slot& message) {
  PyRef text = PyRef::steal(js_slot_to_py(message));
  if (text) PyErr_SetObject(type, text.get());
  return nullptr;
}

}  // namespace

JsRef take_python_error() {
  PyObject *type = nullptr, *value = nullptr, *tb = nullptr;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  if (tb && value) PyException_SetTraceback(value, tb);
  PyRef owned_type = PyRef::steal(type), owned_value = PyRef::steal(value), owned_tb = PyRef::steal(tb);
  // A JS error that went through Python arrives as the very same object.
  if (value) {
    if (JsId id = js_proxy_id(value); id >= kJsFirstDynamic) return JsRef::borrow(JsHandle(id));
  }
  PyRef type_name = PyRef::steal(type ? PyType_GetName(reinterpret_cast<PyTypeObject*>(type)) : nullptr);
  if (!type_name) {
    PyErr_Clear();
    type_name = PyRef::steal(PyUnicode_FromString("Exception"));
  }
  PyRef message = value ? format_with_python(value) : PyRef();
  if (!message) message = format_fallback(value ? value : Py_None, type_name.get());
  drop_tracebacks(value);
  JsRef js_message = py_str_to_js(message.get());
  JsRef js_type = py_str_to_js(type_name.get());
  PyErr_Clear();
  // The PythonError keeps `value` (our reference) for a round trip.
  return JsRef::adopt(isthmus_js_python_error(js_message.release(), js_type.release(), owned_value.release()));
}

void set_pending_error(JsRef error) { pending_error = std::move(error); }

JsRef take_pending_error() { return std::exchange(pending_error, JsRef()); }

int32_t fail_to_js() {
  set_pending_error(take_python_error());
  return wire::THREW;
}

int32_t give_to_js(PyObject* result, isthmus_js_slot* out) {
  PyRef owned = PyRef::steal(result);
  if (!result) return fail_to_js();
  return py_to_result_slot(result, out) ? out->kind : fail_to_js();
}

PyObject* raise_js_error() {
  JsRef error = JsRef::adopt(isthmus_js_take_error());
  isthmus_js_slot out;
  auto kind = static_cast<wire::ErrorKind>(
      isthmus_js_op_value(static_cast<int32_t>(wire::Op::ERROR_KIND), error.id(), nullptr, &out));
  switch (kind) {
    case wire::ErrorKind::KEY_ERROR:
      return raise_lookup_error(PyExc_KeyError, out);
    case wire::ErrorKind::INDEX_ERROR:
      return raise_lookup_error(PyExc_IndexError, out);
    case wire::ErrorKind::STOP_ITERATION:
      return raise_lookup_error(PyExc_StopIteration, out);
    case wire::ErrorKind::ATTRIBUTE_ERROR:
      return raise_with_message(PyExc_AttributeError, out);
    case wire::ErrorKind::TYPE_ERROR:
      return raise_with_message(PyExc_TypeError, out);
    case wire::ErrorKind::VALUE_ERROR:
      return raise_with_message(PyExc_ValueError, out);
    case wire::ErrorKind::OVERFLOW_ERROR:
      return raise_with_message(PyExc_OverflowError, out);
    case wire::ErrorKind::PYTHON_ERROR: {
      // A Python exception that went through JS: the very same object.
      PyObject* exc = reinterpret_cast<PyObject*>(static_cast<intptr_t>(out.num));
      PyObject* tb = PyException_GetTraceback(exc);
      PyErr_Restore(Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(exc))), Py_NewRef(exc), tb);
      return nullptr;
    }
    case wire::ErrorKind::JS_EXCEPTION:
      break;
  }
  PyRef exc = PyRef::steal(make_js_exception(std::move(error)));
  if (exc) PyErr_SetObject(reinterpret_cast<PyObject*>(JsExceptionType), exc.get());
  return nullptr;
}

PyObject* js_value_to_exception(PyObject* value) {
  SlotKeepAlive keep;
  isthmus_js_slot slot;
  if (!py_to_slot(value, &slot, keep, /*owned=*/true)) return nullptr;
  isthmus_js_slot out;
  isthmus_js_op_value(static_cast<int32_t>(wire::Op::SET_PENDING_ERROR), kJsUndefined, &slot, &out);
  raise_js_error();
  PyObject *type, *exc, *tb;
  PyErr_Fetch(&type, &exc, &tb);
  PyErr_NormalizeException(&type, &exc, &tb);
  if (tb && exc) PyException_SetTraceback(exc, tb);
  PyRef owned_type = PyRef::steal(type), owned_tb = PyRef::steal(tb);
  return exc;
}

}  // namespace isthmus
