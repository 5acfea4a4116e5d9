#include "python_error.h"

#include <Python.h>

#include "../proxies/js_proxy.h"
#include "python_attr.h"
#include "../typeconv/py_to_js.h"

namespace isthmus {
namespace {

// _isthmus.errors.format_exception(exc) -> str, or nullptr (error cleared).
PyObject* format_with_python(PyObject* exc) {
  static PyObject* cache = nullptr;
  PyObject* format = cached_python_attr(&cache, "_isthmus.errors", "format_exception");
  if (!format) {
    PyErr_Clear();
    return nullptr;
  }
  PyObject* text = PyObject_CallOneArg(format, exc);
  if (!text || !PyUnicode_Check(text)) {
    Py_XDECREF(text);
    PyErr_Clear();
    return nullptr;
  }
  return text;
}

PyObject* format_fallback(PyObject* exc, PyObject* type_name) {
  PyObject* text = PyUnicode_FromFormat("%U: %S", type_name, exc);
  if (!text) {
    PyErr_Clear();
    text = PyUnicode_FromString("<exception could not be formatted>");
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
  PyObject* cause = PyException_GetCause(exc);
  PyObject* context = PyException_GetContext(exc);
  drop_tracebacks(cause, depth + 1);
  if (context != cause) drop_tracebacks(context, depth + 1);
  Py_XDECREF(cause);
  Py_XDECREF(context);
}

}  // namespace

JsRef take_python_error() {
  PyObject *type = nullptr, *value = nullptr, *tb = nullptr;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  if (tb && value) PyException_SetTraceback(value, tb);
  // A JS error that went through Python arrives as the very same object.
  if (value) {
    if (JsId id = js_proxy_id(value); id >= kJsFirstDynamic) {
      JsRef original = JsRef::borrow(JsHandle(id));
      Py_XDECREF(type);
      Py_XDECREF(value);
      Py_XDECREF(tb);
      return original;
    }
  }
  PyObject* type_name = type ? PyType_GetName(reinterpret_cast<PyTypeObject*>(type)) : nullptr;
  if (!type_name) {
    PyErr_Clear();
    type_name = PyUnicode_FromString("Exception");
  }
  PyObject* message = value ? format_with_python(value) : nullptr;
  if (!message) message = format_fallback(value ? value : Py_None, type_name);
  drop_tracebacks(value);
  JsRef js_message = py_str_to_js(message);
  JsRef js_type = py_str_to_js(type_name);
  Py_DECREF(message);
  Py_DECREF(type_name);
  Py_XDECREF(type);
  Py_XDECREF(tb);
  PyErr_Clear();
  // The PythonError keeps `value` (our reference) for a round trip.
  return JsRef::adopt(isthmus_js_python_error(js_message.release(), js_type.release(), value));
}

}  // namespace isthmus
