// A side module that needs a function no build of Isthmus has: loading it
// must fail with an error naming the symbol, and leave nothing installed.
#include <Python.h>

extern int isthmus_no_such_function(int);

static PyObject* call(PyObject* self, PyObject* arg) { return PyLong_FromLong(isthmus_no_such_function(1)); }
static PyMethodDef methods[] = {{"call", call, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "missingsym", NULL, -1, methods};
PyMODINIT_FUNC PyInit_missingsym(void) { return PyModule_Create(&module); }
