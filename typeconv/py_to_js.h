// Python -> JS conversion of single values.
#pragma once
#include <Python.h>

#include "../bridge/js_ref.h"

namespace isthmus {

/// int (Number when |x| <= 2^53-1, else BigInt), float, str, bool, None.
/// Returns an invalid JsRef with *handled = false for any other type, and an
/// invalid JsRef with *handled = true when a Python error is set.
JsRef py_scalar_to_js(PyObject* obj, bool* handled);

/// A str in whichever of latin-1, UCS-2 or UTF-8 is cheapest to cross.
JsRef py_str_to_js(PyObject* str);

/// Scalars converted, anything else as its repr() string (until PyProxy).
/// Invalid JsRef when a Python error is set.
JsRef py_to_js_or_repr(PyObject* obj);

}  // namespace isthmus
