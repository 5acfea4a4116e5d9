// A C extension built as a side module (tests/CMakeLists.txt) and imported
// by its dotted name, isthmus_sidemod._speedups: dlopen() at import time.
#include <Python.h>

static PyObject* add(PyObject* self, PyObject* args) {
  long long a, b;
  if (!PyArg_ParseTuple(args, "LL", &a, &b)) return NULL;
  return PyLong_FromLongLong(a + b);
}

// METH_VARARGS|METH_KEYWORDS with two parameters: the call trampoline case.
static PyObject* count_args(PyObject* self, PyObject* args, PyObject* kwargs) {
  return Py_BuildValue("(nn)", PyTuple_GET_SIZE(args), kwargs ? PyDict_GET_SIZE(kwargs) : 0);
}

static PyObject* fail(PyObject* self, PyObject* arg) {
  PyErr_Format(PyExc_ValueError, "fail(%R) raised in a side module", arg);
  return NULL;
}

static PyMethodDef methods[] = {
    {"add", add, METH_VARARGS, "a + b as 64-bit integers"},
    {"count_args", (PyCFunction)(void (*)(void))count_args, METH_VARARGS | METH_KEYWORDS, NULL},
    {"fail", fail, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "isthmus_sidemod._speedups", NULL, -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
