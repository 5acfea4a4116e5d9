// JsProxy: JS values seen from Python (raw CPython types for speed).
#pragma once
#include <Python.h>

#include "../bridge/js_ref.h"

namespace isthmus {

struct JsProxyObject {
  PyObject_HEAD
  JsId id;              // owned
  JsId this_id;         // owned, or kJsError: `this` for calls of a method
  vectorcallfunc vectorcall;
};

/// Create the types and jsnull; add them to `module`. False with an error set.
bool init_js_proxy_types(PyObject* module);

/// A new JsProxy owning `value` (and `self`, the `this` of calls, if valid).
/// kind (isthmus_js_kind) picks the type: functions are callable.
PyObject* js_proxy_new(JsRef value, JsRef self, int32_t kind);

/// The id a JsProxy or JsException holds, or kJsError for other objects.
JsId js_proxy_id(PyObject* obj);

/// The jsnull singleton (borrowed).
PyObject* jsnull();

/// Turn the JS error of a failed call into the Python exception: a
/// PythonError that crossed from Python re-raises the original exception.
/// Always returns nullptr.
PyObject* raise_js_error();

/// The Python exception for a JS value thrown or rejected with (a JsException,
/// or the original Python exception for a PythonError that crossed). New reference.
PyObject* js_value_to_exception(PyObject* value);

/// Property-name handles cached per interned str (attribute names repeat).
JsHandle js_name(PyObject* name, JsRef* temp);

/// Empty js_name's cache (the leak check: cached handles are no leak).
void drop_name_cache();

}  // namespace isthmus
