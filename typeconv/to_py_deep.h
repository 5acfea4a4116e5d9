// Deep JS -> Python conversion: JsProxy.to_py and runtime.toPy.
#pragma once
#include <Python.h>

#include "../bridge/wire/js_ref.h"

namespace isthmus {

/// Array -> list, plain Object and Map -> dict, Set -> set, binary data ->
/// a copied memoryview; `depth` levels (-1: all), class instances and
/// anything else stay JsProxy unless default_converter(value, convert,
/// cache_conversion) says otherwise. Shared references and cycles are kept.
/// New reference, or nullptr with an error (ConversionError on colliding keys).
PyObject* to_py_deep(JsHandle value, int depth, PyObject* default_converter);

}  // namespace isthmus
