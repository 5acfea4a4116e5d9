// JsException: a JS error (or any thrown value) raised in Python. It keeps
// the JS value, so the error crosses back to JS as the very same object.
#pragma once
#include <Python.h>

#include "../bridge/wire/js_ref.h"

namespace isthmus {

/// The type, once init_js_exception_type ran.
extern PyTypeObject* JsExceptionType;

/// Create the type and add it to `module`. False with an error set.
bool init_js_exception_type(PyObject* module);

/// A new JsException holding `error`; its message is "Name: message".
PyObject* make_js_exception(JsRef error);

/// The id a JsException holds, or kJsError for other objects.
JsId js_exception_id(PyObject* obj);

}  // namespace isthmus
