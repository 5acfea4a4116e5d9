// Python attribute names as JS property keys: `obj.from_` reaches `from`,
// and interned names keep one JS string handle each (attribute names repeat).
#pragma once
#include <Python.h>

#include "../bridge/wire/js_ref.h"

namespace isthmus {

/// The JS property name for a Python attribute name (new reference): a
/// trailing underscore after a Python keyword is dropped.
PyObject* js_attribute_name(PyObject* name);

/// The JS string for `name`: cached for interned names, else made into *temp.
JsHandle js_name(PyObject* name, JsRef* temp);

/// Empty js_name's cache (the leak check: cached handles are no leak).
void drop_name_cache();

}  // namespace isthmus
