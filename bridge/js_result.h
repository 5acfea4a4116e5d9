// How C++ entry points called from JS report: a Python value written into
// an isthmus_js_slot, or the current Python error parked as a PythonError
// that JS takes with isthmus_take_error() after a -1 result.
#pragma once
#include <Python.h>

#include "js_ref.h"
#include "js_slot.h"

namespace isthmus {

/// Park an error for isthmus_take_error() (bridge/exports.cpp).
void set_pending_error(JsRef error);

/// Park the current Python exception; returns -1.
int32_t fail_to_js();

/// Write result (stolen) into *out as a value JS owns; returns its kind,
/// or -1 (fail_to_js) when result is null or cannot be converted.
int32_t give_to_js(PyObject* result, isthmus_js_slot* out);

}  // namespace isthmus
