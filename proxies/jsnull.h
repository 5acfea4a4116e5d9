// jsnull: JavaScript's null seen from Python (None is undefined), as Pyodide.
#pragma once
#include <Python.h>

namespace isthmus {

/// Create the singleton and add it to `module`. False with an error set.
bool init_jsnull(PyObject* module);

/// The jsnull singleton (borrowed).
PyObject* jsnull();

}  // namespace isthmus
