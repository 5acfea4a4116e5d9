// Python exceptions crossing into JS as PythonError.
#pragma once
#include "js_ref.h"

namespace isthmus {

/// Convert the current Python exception into a JS PythonError (message = the
/// formatted traceback, type = the class name) and clear it. Never fails: a
/// failure while formatting falls back to "Type: str(exc)".
JsRef take_python_error();

}  // namespace isthmus
