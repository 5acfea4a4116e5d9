// Errors crossing the boundary, both ways, in one place:
//   Python -> JS: the current Python exception becomes a JS PythonError
//     (take_python_error); entry points called from JS park it and return
//     RESULT.THREW (fail_to_js), and JS takes it with isthmus_take_error().
//   JS -> Python: the error a JS operation parked (js/errors.mjs) becomes
//     the Python exception its ERROR_KIND names (raise_js_error): KeyError,
//     IndexError, AttributeError, TypeError, ValueError, OverflowError, the
//     original exception of a PythonError, or a JsException.
// A value that crossed and comes back is the very same object both ways.
#pragma once
#include <Python.h>

#include "../bridge/wire/js_ref.h"
#include "../bridge/wire/js_slot.h"

namespace isthmus {

// ---- Python -> JS -------------------------------------------------------------

/// Convert the current Python exception into a JS PythonError (message = the
/// formatted traceback, type = the class name) and clear it. Never fails: a
/// failure while formatting falls back to "Type: str(exc)".
JsRef take_python_error();

/// Park an error for isthmus_take_error().
void set_pending_error(JsRef error);

/// The parked error (an invalid JsRef when there is none); unparks it.
JsRef take_pending_error();

/// Park the current Python exception; returns RESULT.THREW (-1).
int32_t fail_to_js();

/// Write result (stolen) into *out as a value JS owns; returns its kind,
/// or -1 (fail_to_js) when result is null or cannot be converted.
int32_t give_to_js(PyObject* result, isthmus_js_slot* out);

// ---- JS -> Python -------------------------------------------------------------

/// Turn the JS error of a failed call into the Python exception: a
/// PythonError that crossed from Python re-raises the original exception.
/// Always returns nullptr.
PyObject* raise_js_error();

/// The Python exception for a JS value thrown or rejected with (a JsException,
/// or the original Python exception for a PythonError that crossed). New reference.
PyObject* js_value_to_exception(PyObject* value);

}  // namespace isthmus
