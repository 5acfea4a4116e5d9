// What a PyProxy (js/pyproxy.mjs) asks of its Python object. Arguments and
// results are isthmus_js_slot vectors; -1 means "a Python error is pending"
// (isthmus_take_error gives it to JS as a PythonError).
#include <Python.h>
#include <emscripten.h>

#include "../bridge/wire/abi.h"
#include "../bridge/wire/py_ref.h"
#include "../bridge/wire/python_attr.h"
#include "../bridge/wire/small_vector.h"
#include "../bridge/wire/wire.h"
#include "../typeconv/errors.h"
#include "../typeconv/js_to_py.h"
#include "../typeconv/py_to_js.h"

using namespace isthmus;

namespace {
PyRef arg(const isthmus_js_slot* slot) { return PyRef::steal(js_slot_to_py(*slot)); }
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void isthmus_py_incref(PyObject* obj) { Py_INCREF(obj); }

/// The type's tp_name ("list", "collections.OrderedDict", "Point"): cheap,
/// for the message of a destroyed proxy.
EMSCRIPTEN_KEEPALIVE const char* isthmus_py_type_name(PyObject* obj) { return Py_TYPE(obj)->tp_name; }

/// An interned str for an attribute name (a new reference), or null with the
/// error pending.
EMSCRIPTEN_KEEPALIVE PyObject* isthmus_py_intern(const isthmus_js_slot* name) {
  PyRef str = arg(name);
  if (!str || !PyUnicode_Check(str.get())) {
    if (str) PyErr_SetString(PyExc_TypeError, "attribute name must be a string");
    fail_to_js();
    return nullptr;
  }
  PyObject* interned = str.release();
  PyUnicode_InternInPlace(&interned);
  return interned;
}
EMSCRIPTEN_KEEPALIVE void isthmus_py_decref(PyObject* obj) { Py_DECREF(obj); }

/// ABSENT: no such attribute (JS answers undefined). UNBOUND_METHOD: a method of obj's type
/// that obj does not shadow; nothing was bound: out->id is the function
/// (kept alive by the type), so JS can reuse the PyProxy it made for
/// obj.<name> last time or ask isthmus_py_bind_method for one. This saves
/// a bound-method object and its conversion on every `proxy.m()`.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_getattr(PyObject* obj, const isthmus_js_slot* key, isthmus_js_slot* out) {
  PyRef name = arg(key);
  if (!name) return fail_to_js();
  PyObject* value = nullptr;
  int unbound = _PyObject_GetMethod(obj, name.get(), &value);
  if (!value) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return fail_to_js();
    PyErr_Clear();
    return wire::ABSENT;
  }
  if (unbound) {
    out->id = static_cast<int32_t>(reinterpret_cast<intptr_t>(value));
    Py_DECREF(value);  // the type's dict holds it until JS binds it
    return wire::UNBOUND_METHOD;
  }
  return give_to_js(value, out);
}

/// obj.<name> for a function isthmus_py_getattr answered UNBOUND_METHOD with.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_bind_method(PyObject* obj, PyObject* func, isthmus_js_slot* out) {
  descrgetfunc get = Py_TYPE(func)->tp_descr_get;
  if (!get) {
    Py_INCREF(func);
    return give_to_js(func, out);
  }
  return give_to_js(get(func, obj, reinterpret_cast<PyObject*>(Py_TYPE(obj))), out);
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_setattr(PyObject* obj, const isthmus_js_slot* key,
                                                const isthmus_js_slot* value) {
  PyRef name = arg(key);
  PyRef v = value ? arg(value) : PyRef();
  int rc = name && (v || !value) ? PyObject_SetAttr(obj, name.get(), v.get()) : -1;
  return rc < 0 ? fail_to_js() : 0;
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_hasattr(PyObject* obj, const isthmus_js_slot* key) {
  PyRef name = arg(key);
  if (!name) return fail_to_js();
  return PyObject_HasAttr(obj, name.get());
}

/// ABSENT: no such key or index (PyProxy.get answers undefined).
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_getitem(PyObject* obj, const isthmus_js_slot* key, isthmus_js_slot* out) {
  PyRef k = arg(key);
  if (!k) return fail_to_js();
  PyObject* v = PyObject_GetItem(obj, k.get());
  if (!v && (PyErr_ExceptionMatches(PyExc_KeyError) || PyErr_ExceptionMatches(PyExc_IndexError))) {
    PyErr_Clear();
    return wire::ABSENT;
  }
  return give_to_js(v, out);
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_setitem(PyObject* obj, const isthmus_js_slot* key,
                                                const isthmus_js_slot* value) {
  PyRef k = arg(key);
  PyRef v = value && k ? arg(value) : PyRef();
  int rc = -1;
  if (k && value && v) rc = PyObject_SetItem(obj, k.get(), v.get());
  if (k && !value) rc = PyObject_DelItem(obj, k.get());
  return rc < 0 ? fail_to_js() : 0;
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_contains(PyObject* obj, const isthmus_js_slot* key) {
  PyRef k = arg(key);
  if (!k) return fail_to_js();
  int r = PySequence_Contains(obj, k.get());
  return r < 0 ? fail_to_js() : r;
}

/// ABSENT when obj's type has no length at all (a function, a plain object):
/// PyProxy.length is then the Python attribute `length`, if any, as in Pyodide.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_length(PyObject* obj) {
  PyTypeObject* type = Py_TYPE(obj);
  if (!(type->tp_as_sequence && type->tp_as_sequence->sq_length) &&
      !(type->tp_as_mapping && type->tp_as_mapping->mp_length)) {
    return wire::ABSENT;
  }
  Py_ssize_t n = PyObject_Length(obj);
  return n < 0 ? fail_to_js() : static_cast<int32_t>(n);
}

/// Call with nargs positional slots; kwargs (nullable) is a JS object slot
/// whose own entries become keyword arguments.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_call(PyObject* callable, const isthmus_js_slot* args, int32_t nargs,
                                             const isthmus_js_slot* kwargs, isthmus_js_slot* out) {
  // Hot path: the argument vector holds raw new references (a vector of
  // PyRef would not be a PyObject* array for vectorcall), released below.
  SmallVector<PyObject*, 8> argv(static_cast<size_t>(nargs));
  int32_t converted = 0;
  PyRef kw;
  PyRef result;
  for (; converted < nargs; ++converted) {
    argv[converted] = js_slot_to_py(args[converted]);
    if (!argv[converted]) break;
  }
  if (converted == nargs) {
    if (kwargs) {
      PyRef entries = arg(kwargs);  // a JsProxy of the options object
      kw = PyRef::steal(entries ? PyObject_CallMethod(entries.get(), "to_py", nullptr) : nullptr);
      if (kw && !PyDict_Check(kw.get())) {
        PyErr_SetString(PyExc_TypeError, "callKwargs: the last argument must be an object of keyword arguments");
        kw = PyRef();
      }
    }
    if (!kwargs || kw) {
      result = PyRef::steal(kw ? PyObject_VectorcallDict(callable, argv.data(), nargs, kw.get())
                               : PyObject_Vectorcall(callable, argv.data(), nargs, nullptr));
    }
  }
  for (int32_t i = 0; i < converted; ++i) Py_DECREF(argv[i]);
  // Calling an async function from JS starts it: the coroutine becomes a
  // Task on the event loop (a thenable PyProxy for JS); python/_isthmus/api.py.
  if (result && PyCoro_CheckExact(result.get())) {
    static PyObject* cache = nullptr;
    PyObject* start = cached_python_attr(&cache, "_isthmus.api", "start_called_coroutine");
    result = PyRef::steal(start ? PyObject_CallFunctionObjArgs(start, callable, result.get(), nullptr) : nullptr);
  }
  return give_to_js(result.release(), out);
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_iter(PyObject* obj, isthmus_js_slot* out) {
  return give_to_js(PyObject_GetIter(obj), out);
}

/// Next item: ABSENT when exhausted.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_next(PyObject* it, isthmus_js_slot* out) {
  PyObject* item = PyIter_Next(it);
  if (!item) return PyErr_Occurred() ? fail_to_js() : wire::ABSENT;
  return give_to_js(item, out);
}

/// Generator protocol for JS: send(value) / throw(error). ABSENT: StopIteration,
/// with its value in *out.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_gen_send(PyObject* gen, const isthmus_js_slot* value, int32_t is_throw,
                                                 isthmus_js_slot* out) {
  PyRef v = arg(value);
  if (!v) return fail_to_js();
  PyRef result;
  if (is_throw) {
    // A JS error: raise it as an Exception inside the generator.
    PyRef exc = PyExceptionInstance_Check(v.get()) ? PyRef::borrow(v.get())
                                                   : PyRef::steal(PyObject_CallFunction(PyExc_Exception, "O", v.get()));
    result = PyRef::steal(exc ? PyObject_CallMethod(gen, "throw", "O", exc.get()) : nullptr);
  } else if (!PyGen_Check(gen) && PyIter_Check(gen) && !PyObject_HasAttrString(gen, "send")) {
    // A plain iterator (iter([1, 2]), a class with __next__): next() steps
    // it, as in Pyodide; the value sent is dropped, as next() drops it.
    PyObject* item = PyIter_Next(gen);
    if (item) return give_to_js(item, out);
    if (PyErr_Occurred()) return fail_to_js();
    give_to_js(Py_NewRef(Py_None), out);
    return wire::ABSENT;
  } else {
    result = PyRef::steal(PyObject_CallMethod(gen, "send", "O", v.get()));
  }
  if (!result && PyErr_ExceptionMatches(PyExc_StopIteration)) {
    PyObject *type, *stop, *tb;
    PyErr_Fetch(&type, &stop, &tb);
    PyErr_NormalizeException(&type, &stop, &tb);
    PyRef owned_type = PyRef::steal(type), owned_stop = PyRef::steal(stop), owned_tb = PyRef::steal(tb);
    PyObject* ret = stop ? PyObject_GetAttrString(stop, "value") : Py_NewRef(Py_None);
    if (!ret) return fail_to_js();
    give_to_js(ret, out);
    return wire::ABSENT;
  }
  return give_to_js(result.release(), out);
}

/// A generator, or an iterator with a generator's send and throw.
static bool is_generator(PyObject* obj) {
  return PyGen_Check(obj) ||
         (PyIter_Check(obj) && PyObject_HasAttrString(obj, "send") && PyObject_HasAttrString(obj, "throw"));
}

/// The wire.h API_FLAG bits of obj, from its type's slots (no Python code
/// runs, so it never fails), as Pyodide's PyProxy types are chosen.
static int32_t api_flags(PyObject* obj) {
  namespace F = isthmus::wire::api_flag;
  PyTypeObject* t = Py_TYPE(obj);
  PyMappingMethods* mp = t->tp_as_mapping;
  PySequenceMethods* sq = t->tp_as_sequence;
  PyAsyncMethods* am = t->tp_as_async;
  int32_t flags = 0;
  if ((mp && mp->mp_subscript) || (sq && sq->sq_item)) flags |= F::GET;
  if ((mp && mp->mp_ass_subscript) || (sq && sq->sq_ass_item)) flags |= F::SET;
  if (sq && sq->sq_contains) flags |= F::HAS;
  if ((mp && mp->mp_length) || (sq && sq->sq_length)) flags |= F::LENGTH;
  if ((t->tp_iternext && t->tp_iternext != &_PyObject_NextNotImplemented) || (am && am->am_anext)) flags |= F::NEXT;
  if (is_generator(obj) || PyAsyncGen_CheckExact(obj)) flags |= F::GENERATOR;
  if (t->tp_as_buffer && t->tp_as_buffer->bf_getbuffer) flags |= F::BUFFER;
  return flags;
}

/// What wire.h DESCRIBE asks: a string (kind and *out) or a truth value.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_describe(PyObject* obj, int32_t what, isthmus_js_slot* out) {
  using D = isthmus::wire::Describe;
  switch (static_cast<D>(what)) {
    case D::REPR:
      return give_to_js(PyObject_Repr(obj), out);
    case D::STR:
      return give_to_js(PyObject_Str(obj), out);
    case D::TYPE_NAME:  // the type's tp_name, as Pyodide's PyProxy.type: "A" for a class
                        // defined in Python, "datetime.datetime" for a C type
      return give_to_js(PyUnicode_FromString(Py_TYPE(obj)->tp_name), out);
    case D::CALLABLE:
      return PyCallable_Check(obj);
    case D::GENERATOR:
      return is_generator(obj);
    case D::ITERABLE:
      return Py_TYPE(obj)->tp_iter != nullptr || PySequence_Check(obj);
    case D::AWAITABLE:
      return Py_TYPE(obj)->tp_as_async != nullptr && Py_TYPE(obj)->tp_as_async->am_await != nullptr;
    case D::DICT:
      return PyDict_CheckExact(obj);
    case D::API_FLAGS:
      return api_flags(obj);
  }
  PyErr_Format(PyExc_SystemError, "isthmus_py_describe: unknown question %d", what);
  return fail_to_js();
}

/// dir(obj) as a JS array of strings (owned by JS).
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_dir(PyObject* obj, isthmus_js_slot* out) {
  PyRef names = PyRef::steal(PyObject_Dir(obj));
  if (!names) return fail_to_js();
  return give_to_js(PySequence_Tuple(names.get()), out);  // a PyProxy of the tuple; JS copies the names
}

}  // extern "C"
