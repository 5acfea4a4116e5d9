/* A test-only extension module registered under a dotted name
 * (_isthmus_testing.native._ext). Its `legacy_kwargs` is registered as
 * METH_VARARGS|METH_KEYWORDS but takes two arguments, as many third-party C
 * extensions do: calling it traps in wasm unless CPython was built with
 * PY_CALL_TRAMPOLINE. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

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

/* NDBuffer: exports PEP 3118 buffers shaped like NumPy's ndarrays (any
 * format string, 0-d to 8-d, any strides, offsets into a larger block,
 * read-only or writable) and counts its acquire/release calls. */
typedef struct {
  PyObject_HEAD
  char* mem;
  Py_ssize_t memsize;
  Py_ssize_t offset; /* byte offset of element [0, 0, ...] */
  char format[16];
  Py_ssize_t itemsize;
  int ndim;
  Py_ssize_t shape[8];
  Py_ssize_t strides[8];
  int readonly;
} NDBuffer;

static Py_ssize_t buffer_exports = 0;
static Py_ssize_t buffer_releases = 0;

static int ndbuffer_init(NDBuffer* self, PyObject* args, PyObject* kwargs) {
  static char* kwlist[] = {"memsize", "format", "itemsize", "shape", "strides", "offset", "readonly", NULL};
  Py_ssize_t memsize, itemsize, offset = 0;
  const char* format;
  PyObject *shape, *strides;
  int readonly = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "nsnOO|np", kwlist, &memsize, &format, &itemsize, &shape,
                                   &strides, &offset, &readonly)) {
    return -1;
  }
  Py_ssize_t ndim = PySequence_Size(shape);
  if (ndim < 0 || ndim > 8 || PySequence_Size(strides) != ndim || strlen(format) >= sizeof(self->format)) {
    PyErr_SetString(PyExc_ValueError, "NDBuffer: bad shape/strides/format");
    return -1;
  }
  for (Py_ssize_t k = 0; k < ndim; k++) {
    PyObject* a = PySequence_GetItem(shape, k);
    PyObject* b = PySequence_GetItem(strides, k);
    self->shape[k] = a ? PyLong_AsSsize_t(a) : -1;
    self->strides[k] = b ? PyLong_AsSsize_t(b) : -1;
    Py_XDECREF(a);
    Py_XDECREF(b);
    if (PyErr_Occurred()) return -1;
  }
  PyMem_Free(self->mem);
  self->mem = PyMem_Calloc(memsize ? memsize : 1, 1);
  if (!self->mem) {
    PyErr_NoMemory();
    return -1;
  }
  self->memsize = memsize;
  self->offset = offset;
  strcpy(self->format, format);
  self->itemsize = itemsize;
  self->ndim = (int)ndim;
  self->readonly = readonly;
  return 0;
}

static void ndbuffer_dealloc(NDBuffer* self) {
  PyMem_Free(self->mem);
  Py_TYPE(self)->tp_free((PyObject*)self);
}

static int ndbuffer_getbuffer(NDBuffer* self, Py_buffer* view, int flags) {
  if ((flags & PyBUF_WRITABLE) && self->readonly) {
    PyErr_SetString(PyExc_BufferError, "NDBuffer is read-only");
    return -1;
  }
  Py_ssize_t n = self->itemsize;
  for (int k = 0; k < self->ndim; k++) n *= self->shape[k];
  view->buf = self->mem + self->offset;
  view->obj = Py_NewRef(self);
  view->len = n;
  view->itemsize = self->itemsize;
  view->readonly = self->readonly;
  view->ndim = self->ndim;
  view->format = (flags & PyBUF_FORMAT) ? self->format : NULL;
  view->shape = self->shape;
  view->strides = self->strides;
  view->suboffsets = NULL;
  view->internal = NULL;
  buffer_exports++;
  return 0;
}

static void ndbuffer_releasebuffer(NDBuffer* self, Py_buffer* view) { buffer_releases++; }

static PyObject* ndbuffer_write(NDBuffer* self, PyObject* args) {
  Py_ssize_t at;
  Py_buffer data;
  if (!PyArg_ParseTuple(args, "ny*", &at, &data)) return NULL;
  if (at < 0 || at + data.len > self->memsize) {
    PyBuffer_Release(&data);
    PyErr_SetString(PyExc_IndexError, "NDBuffer.write out of range");
    return NULL;
  }
  memcpy(self->mem + at, data.buf, data.len);
  PyBuffer_Release(&data);
  Py_RETURN_NONE;
}

static PyObject* ndbuffer_read(NDBuffer* self, PyObject* unused) {
  return PyBytes_FromStringAndSize(self->mem, self->memsize);
}

static PyMethodDef ndbuffer_methods[] = {
    {"write", (PyCFunction)ndbuffer_write, METH_VARARGS, "write(byte_offset, data) into the block"},
    {"read", (PyCFunction)ndbuffer_read, METH_NOARGS, "the whole block as bytes"},
    {NULL, NULL, 0, NULL},
};

static PyBufferProcs ndbuffer_as_buffer = {(getbufferproc)ndbuffer_getbuffer, (releasebufferproc)ndbuffer_releasebuffer};

static PyTypeObject NDBufferType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "_isthmus_testing.native._ext.NDBuffer",
    .tp_basicsize = sizeof(NDBuffer),
    .tp_dealloc = (destructor)ndbuffer_dealloc,
    .tp_as_buffer = &ndbuffer_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A block of memory exported as an ndarray-shaped buffer.",
    .tp_methods = ndbuffer_methods,
    .tp_init = (initproc)ndbuffer_init,
    .tp_new = PyType_GenericNew,
};

static PyObject* buffer_counts(PyObject* self, PyObject* unused) {
  return Py_BuildValue("nn", buffer_exports, buffer_releases);
}

static PyMethodDef methods[] = {
    {"buffer_counts", buffer_counts, METH_NOARGS, "(buffers exported, buffers released) by NDBuffer"},
    {"legacy_kwargs", (PyCFunction)(void (*)(void))legacy_kwargs, METH_VARARGS | METH_KEYWORDS,
     "Number of positional arguments (a two-argument C function called with three)."},
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, "a + b"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_isthmus_testing.native._ext", "Test extension with a dotted name.", -1, methods,
};

PyMODINIT_FUNC PyInit__ext(void) {
  if (PyType_Ready(&NDBufferType) < 0) return NULL;
  PyObject* m = PyModule_Create(&module);
  if (m && PyModule_AddObjectRef(m, "NDBuffer", (PyObject*)&NDBufferType) < 0) Py_CLEAR(m);
  return m;
}
