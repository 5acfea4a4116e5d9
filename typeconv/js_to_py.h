// JS -> Python conversion of single values.
#pragma once
#include <Python.h>

#include "../bridge/js_ref.h"

namespace isthmus {

/// A new str from a JS string id; nullptr with TypeError if it is not one.
PyObject* js_string_to_py(JsHandle str);

}  // namespace isthmus
