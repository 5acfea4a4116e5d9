// JsProxy methods for JS binary data: to_bytes, to_memoryview, to_string,
// assign (Python buffer -> JS) and assign_to (JS -> Python buffer).
#pragma once
#include <Python.h>

namespace isthmus {
PyObject* js_to_bytes(PyObject* self, PyObject*);
PyObject* js_to_memoryview(PyObject* self, PyObject*);
PyObject* js_to_string(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
PyObject* js_assign(PyObject* self, PyObject* source);
PyObject* js_assign_to(PyObject* self, PyObject* target);
}  // namespace isthmus
