// Deep Python -> JS conversion: pyodide.ffi.to_js and PyProxy.toJs.
#pragma once
#include <Python.h>

namespace isthmus {

struct ToJsOptions {
  int depth = -1;                         // levels to convert; -1: all
  PyObject* pyproxies = nullptr;          // JsProxy of a JS Array collecting made proxies
  bool create_pyproxies = true;           // false: ConversionError instead of a PyProxy
  PyObject* dict_converter = nullptr;     // called with an Array of [key, value] pairs
  PyObject* default_converter = nullptr;  // (value, convert, cache_conversion)
};

/// The converted value: a JsProxy of the new JS value, or obj itself when it
/// is already JS or a scalar. nullptr with an error set (ConversionError...).
PyObject* to_js_deep(PyObject* obj, const ToJsOptions& options);

/// pyodide.ffi.ConversionError (created by init_conversion_error).
PyObject* conversion_error();
bool init_conversion_error(PyObject* module);

/// repr(obj) for an error message; when repr itself raises, "<X object>"
/// (PyErr_Format's %R would then leave the error without its message).
/// New reference; nullptr only when out of memory (MemoryError set).
PyObject* repr_for_message(PyObject* obj);

}  // namespace isthmus
