#include "jsnull.h"

#include "../bridge/wire/py_ref.h"

namespace isthmus {
namespace {

PyObject* jsnull_object = nullptr;

PyObject* jsnull_repr(PyObject*) { return PyUnicode_FromString("jsnull"); }
int jsnull_bool(PyObject*) { return 0; }

}  // namespace

PyObject* jsnull() { return jsnull_object; }

bool init_jsnull(PyObject* module) {
  PyType_Slot null_slots[] = {
      {Py_tp_repr, reinterpret_cast<void*>(jsnull_repr)},
      {Py_nb_bool, reinterpret_cast<void*>(jsnull_bool)},
      {0, nullptr},
  };
  PyType_Spec null_spec = {"pyodide.ffi.JsNull", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, null_slots};
  PyRef null_type = PyRef::steal(PyType_FromSpec(&null_spec));
  if (!null_type) return false;
  jsnull_object = PyObject_CallNoArgs(null_type.get());
  return jsnull_object && PyModule_AddObjectRef(module, "jsnull", jsnull_object) == 0;
}

}  // namespace isthmus
