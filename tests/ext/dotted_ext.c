/* A test-only extension module registered under a dotted name
 * (_isthmus_testing.native._ext). Its `legacy_kwargs` is registered as
 * METH_VARARGS|METH_KEYWORDS but takes two arguments, as many third-party C
 * extensions do: calling it traps in wasm unless CPython was built with
 * PY_CALL_TRAMPOLINE. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject* legacy_kwargs(PyObject* self, PyObject* args) {
  return PyLong_FromSsize_t(PyTuple_GET_SIZE(args));
}

static PyObject* add(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "add() takes 2 arguments");
    return NULL;
  }
  return PyNumber_Add(args[0], args[1]);
}

static PyMethodDef methods[] = {
    {"legacy_kwargs", (PyCFunction)(void (*)(void))legacy_kwargs, METH_VARARGS | METH_KEYWORDS,
     "Number of positional arguments (a two-argument C function called with three)."},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, "a + b"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_isthmus_testing.native._ext", "Test extension with a dotted name.", -1, methods,
};

PyMODINIT_FUNC PyInit__ext(void) { return PyModule_Create(&module); }
