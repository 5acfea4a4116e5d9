// JsProxy: JS values seen from Python (raw CPython types for speed).
#pragma once
#include <Python.h>

#include "../bridge/wire/js_ref.h"

namespace isthmus {

struct JsProxyObject {
  PyObject_HEAD
  JsId id;       // owned
  JsId this_id;  // owned, or kJsError: `this` for calls of a method
  vectorcallfunc vectorcall;
  PyObject* sig;      // owned, or null: the signature bind_sig() gave (python/_isthmus/jsbind.py)
  PyObject* py_this;  // owned, or null: the Python instance a class attribute was read through (the `this` of calls)
};

/// Create the types and jsnull; add them to `module`. False with an error set.
bool init_js_proxy_types(PyObject* module);

/// A new JsProxy owning `value` (and `self`, the `this` of calls, if valid).
/// kind (isthmus_js_kind) picks the type: functions are callable.
PyObject* js_proxy_new(JsRef value, JsRef self, int32_t kind);

/// The id a JsProxy or JsException holds, or kJsError for other objects.
JsId js_proxy_id(PyObject* obj);

/// The `this` a JsProxy method is called with, as a new JsProxy, or None.
PyObject* js_proxy_this(PyObject* obj);

}  // namespace isthmus
