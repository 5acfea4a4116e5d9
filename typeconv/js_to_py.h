// JS -> Python conversion of single values (implicit conversions).
#pragma once
#include <Python.h>

#include "../bridge/wire/js_ref.h"
#include "../bridge/wire/js_slot.h"

namespace isthmus {

/// A new str from a JS string id; nullptr with TypeError if it is not one.
PyObject* js_string_to_py(JsHandle str);

/// The implicit conversion of a slot JS filled in. The slot's handle (if
/// any) is consumed: a JsProxy adopts it, strings and BigInts release it.
/// A PYPROXY slot gives back the proxied object itself (a new reference).
PyObject* js_slot_to_py(const isthmus_js_slot& slot);

/// The implicit conversion of a JS value held by id (borrowed).
PyObject* js_to_py(JsHandle value);

/// pyodide.ffi.JsBigInt (borrowed), imported on first use; null with an error set.
PyObject* js_bigint_type();

}  // namespace isthmus
