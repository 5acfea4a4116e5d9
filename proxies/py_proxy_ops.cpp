// What a PyProxy (js/pyproxy.mjs) asks of its Python object. Arguments and
// results are isthmus_js_slot vectors; -1 means "a Python error is pending"
// (isthmus_take_error gives it to JS as a PythonError).
#include <Python.h>
#include <emscripten.h>

#include "../bridge/wire/small_vector.h"
#include "../typeconv/errors.h"
#include "../bridge/wire/abi.h"
#include "../bridge/wire/python_attr.h"
#include "../typeconv/js_to_py.h"
#include "../typeconv/py_to_js.h"

using namespace isthmus;

namespace {
PyObject* arg(const isthmus_js_slot* slot) { return js_slot_to_py(*slot); }
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void isthmus_py_incref(PyObject* obj) { Py_INCREF(obj); }

/// The type's tp_name ("list", "collections.OrderedDict", "Point"): cheap,
/// for the message of a destroyed proxy.
EMSCRIPTEN_KEEPALIVE const char* isthmus_py_type_name(PyObject* obj) { return Py_TYPE(obj)->tp_name; }

/// An interned str for an attribute name (a new reference), or null with the
/// error pending.
EMSCRIPTEN_KEEPALIVE PyObject* isthmus_py_intern(const isthmus_js_slot* name) {
  PyObject* str = arg(name);
  if (!str || !PyUnicode_Check(str)) {
    if (str) PyErr_SetString(PyExc_TypeError, "attribute name must be a string");
    Py_XDECREF(str);
    fail_to_js();
    return nullptr;
  }
  PyUnicode_InternInPlace(&str);
  return str;
}
EMSCRIPTEN_KEEPALIVE void isthmus_py_decref(PyObject* obj) { Py_DECREF(obj); }

/// -2: no such attribute (JS answers undefined). -3: a method of obj's type
/// that obj does not shadow; nothing was bound: out->id is the function
/// (kept alive by the type), so JS can reuse the PyProxy it made for
/// obj.<name> last time or ask isthmus_py_bind_method for one. This saves
/// a bound-method object and its conversion on every `proxy.m()`.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_getattr(PyObject* obj, const isthmus_js_slot* key, isthmus_js_slot* out) {
  PyObject* name = arg(key);
  if (!name) return fail_to_js();
  PyObject* value = nullptr;
  int unbound = _PyObject_GetMethod(obj, name, &value);
  Py_DECREF(name);
  if (!value) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return fail_to_js();
    PyErr_Clear();
    return -2;
  }
  if (unbound) {
    out->id = static_cast<int32_t>(reinterpret_cast<intptr_t>(value));
    Py_DECREF(value);  // the type's dict holds it until JS binds it
    return -3;
  }
  return give_to_js(value, out);
}

/// obj.<name> for a function isthmus_py_getattr answered -3 with.
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
  PyObject* name = arg(key);
  PyObject* v = value ? arg(value) : nullptr;
  int rc = name && (v || !value) ? PyObject_SetAttr(obj, name, v) : -1;
  Py_XDECREF(name);
  Py_XDECREF(v);
  return rc < 0 ? fail_to_js() : 0;
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_hasattr(PyObject* obj, const isthmus_js_slot* key) {
  PyObject* name = arg(key);
  if (!name) return fail_to_js();
  int r = PyObject_HasAttr(obj, name);
  Py_DECREF(name);
  return r;
}

/// -2: no such key or index (PyProxy.get answers undefined).
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_getitem(PyObject* obj, const isthmus_js_slot* key, isthmus_js_slot* out) {
  PyObject* k = arg(key);
  if (!k) return fail_to_js();
  PyObject* v = PyObject_GetItem(obj, k);
  Py_DECREF(k);
  if (!v && (PyErr_ExceptionMatches(PyExc_KeyError) || PyErr_ExceptionMatches(PyExc_IndexError))) {
    PyErr_Clear();
    return -2;
  }
  return give_to_js(v, out);
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_setitem(PyObject* obj, const isthmus_js_slot* key,
                                                const isthmus_js_slot* value) {
  PyObject* k = arg(key);
  PyObject* v = value && k ? arg(value) : nullptr;
  int rc = -1;
  if (k && value && v) rc = PyObject_SetItem(obj, k, v);
  if (k && !value) rc = PyObject_DelItem(obj, k);
  Py_XDECREF(k);
  Py_XDECREF(v);
  return rc < 0 ? fail_to_js() : 0;
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_contains(PyObject* obj, const isthmus_js_slot* key) {
  PyObject* k = arg(key);
  if (!k) return fail_to_js();
  int r = PySequence_Contains(obj, k);
  Py_DECREF(k);
  return r < 0 ? fail_to_js() : r;
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_length(PyObject* obj) {
  Py_ssize_t n = PyObject_Length(obj);
  return n < 0 ? fail_to_js() : static_cast<int32_t>(n);
}

/// Call with nargs positional slots; kwargs (nullable) is a JS object slot
/// whose own entries become keyword arguments.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_call(PyObject* callable, const isthmus_js_slot* args, int32_t nargs,
                                             const isthmus_js_slot* kwargs, isthmus_js_slot* out) {
  SmallVector<PyObject*, 8> argv(static_cast<size_t>(nargs));
  int32_t converted = 0;
  PyObject* kw = nullptr;
  PyObject* result = nullptr;
  for (; converted < nargs; ++converted) {
    argv[converted] = arg(&args[converted]);
    if (!argv[converted]) break;
  }
  if (converted == nargs) {
    if (kwargs) {
      PyObject* entries = arg(kwargs);  // a JsProxy of the options object
      PyObject* dict = entries ? PyObject_CallMethod(entries, "to_py", nullptr) : nullptr;
      Py_XDECREF(entries);
      if (dict && !PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "callKwargs: the last argument must be an object of keyword arguments");
        Py_CLEAR(dict);
      }
      kw = dict;
    }
    if (!kwargs || kw) {
      result = kw ? PyObject_VectorcallDict(callable, argv.data(), nargs, kw)
                  : PyObject_Vectorcall(callable, argv.data(), nargs, nullptr);
    }
  }
  for (int32_t i = 0; i < converted; ++i) Py_DECREF(argv[i]);
  Py_XDECREF(kw);
  // Calling an async function from JS starts it: the coroutine becomes a
  // Task on the event loop (a thenable PyProxy for JS).
  if (result && PyCoro_CheckExact(result)) {
    static PyObject* cache = nullptr;
    PyObject* ensure_future = cached_python_attr(&cache, "asyncio", "ensure_future");
    PyObject* task = ensure_future ? PyObject_CallOneArg(ensure_future, result) : nullptr;
    Py_DECREF(result);
    result = task;
  }
  return give_to_js(result, out);
}

EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_iter(PyObject* obj, isthmus_js_slot* out) {
  return give_to_js(PyObject_GetIter(obj), out);
}

/// Next item: -2 when exhausted.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_next(PyObject* it, isthmus_js_slot* out) {
  PyObject* item = PyIter_Next(it);
  if (!item) return PyErr_Occurred() ? fail_to_js() : -2;
  return give_to_js(item, out);
}

/// Generator protocol for JS: send(value) / throw(error). -2: StopIteration,
/// with its value in *out.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_gen_send(PyObject* gen, const isthmus_js_slot* value, int32_t is_throw,
                                                 isthmus_js_slot* out) {
  PyObject* v = arg(value);
  if (!v) return fail_to_js();
  PyObject* result = nullptr;
  if (is_throw) {
    PyObject* exc = v;
    if (!PyExceptionInstance_Check(exc)) {
      // A JS error: raise it as JsException inside the generator.
      exc = PyObject_CallFunction(PyExc_Exception, "O", v);
    } else {
      Py_INCREF(exc);
    }
    result = exc ? PyObject_CallMethod(gen, "throw", "O", exc) : nullptr;
    Py_XDECREF(exc);
  } else {
    result = PyObject_CallMethod(gen, "send", "O", v);
  }
  Py_DECREF(v);
  if (!result && PyErr_ExceptionMatches(PyExc_StopIteration)) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject* ret = value ? PyObject_GetAttrString(value, "value") : Py_NewRef(Py_None);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    if (!ret) return fail_to_js();
    give_to_js(ret, out);
    return -2;
  }
  return give_to_js(result, out);
}

/// What wire.h DESCRIBE asks: a string (kind and *out) or a truth value.
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_describe(PyObject* obj, int32_t what, isthmus_js_slot* out) {
  using D = isthmus::wire::Describe;
  switch (static_cast<D>(what)) {
    case D::REPR:
      return give_to_js(PyObject_Repr(obj), out);
    case D::STR:
      return give_to_js(PyObject_Str(obj), out);
    case D::TYPE_NAME: {  // "module.Name", or "Name" for builtins (as Pyodide's PyProxy.type)
      PyObject* type = reinterpret_cast<PyObject*>(Py_TYPE(obj));
      PyObject* mod = PyObject_GetAttrString(type, "__module__");
      PyObject* qual = PyObject_GetAttrString(type, "__qualname__");
      PyObject* name = nullptr;
      if (mod && qual) {
        name = PyUnicode_Check(mod) && PyUnicode_CompareWithASCIIString(mod, "builtins") != 0
                   ? PyUnicode_FromFormat("%U.%U", mod, qual)
                   : Py_NewRef(qual);
      }
      Py_XDECREF(mod);
      Py_XDECREF(qual);
      return give_to_js(name, out);
    }
    case D::CALLABLE:
      return PyCallable_Check(obj);
    case D::GENERATOR:
      return PyGen_Check(obj) || PyObject_HasAttrString(obj, "send") && PyObject_HasAttrString(obj, "throw") &&
                                     PyIter_Check(obj);
    case D::ITERABLE:
      return Py_TYPE(obj)->tp_iter != nullptr || PySequence_Check(obj);
    case D::AWAITABLE:
      return Py_TYPE(obj)->tp_as_async != nullptr && Py_TYPE(obj)->tp_as_async->am_await != nullptr;
  }
  PyErr_Format(PyExc_SystemError, "isthmus_py_describe: unknown question %d", what);
  return fail_to_js();
}

/// dir(obj) as a JS array of strings (owned by JS).
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_dir(PyObject* obj, isthmus_js_slot* out) {
  PyObject* names = PyObject_Dir(obj);
  if (!names) return fail_to_js();
  PyObject* tuple = PySequence_Tuple(names);
  Py_DECREF(names);
  return give_to_js(tuple, out);  // a PyProxy of the tuple; JS copies the names
}

}  // extern "C"
