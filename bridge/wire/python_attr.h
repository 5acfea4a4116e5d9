// Functions of the bridge's Python half, looked up once.
#pragma once
#include <Python.h>

namespace isthmus {

/// module.name, imported on first use and kept in *cache (borrowed result);
/// nullptr with the import error set.
PyObject* cached_python_attr(PyObject** cache, const char* module, const char* name);

}  // namespace isthmus
