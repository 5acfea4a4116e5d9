#include "python_attr.h"

namespace isthmus {

PyObject* cached_python_attr(PyObject** cache, const char* module, const char* name) {
  if (!*cache) {
    PyObject* mod = PyImport_ImportModule(module);
    if (!mod) return nullptr;
    *cache = PyObject_GetAttrString(mod, name);
    Py_DECREF(mod);
  }
  return *cache;
}

}  // namespace isthmus
