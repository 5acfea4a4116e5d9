// Binary JS data (ArrayBuffer, TypedArray, DataView) seen from Python:
// the buffer methods of JsProxy. Every transfer is one copy.
#include "js_buffer.h"

#include "../bridge/wire/py_ref.h"
#include "../bridge/wire/wire.h"
#include "../typeconv/errors.h"
#include "js_proxy.h"

namespace isthmus {
namespace {

// Byte length of the JS binary value, or -1 with TypeError / JS error set.
int32_t byte_length(PyObject* self) {
  int32_t n = isthmus_js_op(static_cast<int32_t>(wire::Op::BYTE_LENGTH), js_proxy_id(self), nullptr);
  if (n == wire::ABSENT) {
    PyErr_SetString(PyExc_TypeError, "expected a JS ArrayBuffer, TypedArray or DataView");
    return -1;
  }
  if (n < 0) raise_js_error();
  return n;
}

// (format char, item size) of the JS value's elements.
void element_format(PyObject* self, char* format, int32_t* itemsize) {
  int32_t f = isthmus_js_op(static_cast<int32_t>(wire::Op::BUFFER_FORMAT), js_proxy_id(self), nullptr);
  format[0] = static_cast<char>(f & 0xff);
  format[1] = 0;
  *itemsize = f >> 8;
}

bool copy(PyObject* self, void* ptr, int32_t len, bool to_wasm) {
  if (isthmus_js_copy_bytes(js_proxy_id(self), ptr, len, to_wasm ? 1 : 0) < 0) {
    raise_js_error();
    return false;
  }
  return true;
}

// A Python buffer whose size and item size match the JS value, or an error
// that says which does not. to_js: the copy goes into the JS value (assign).
bool matching_buffer(PyObject* self, PyObject* obj, Py_buffer* view, int flags, bool to_js, int32_t* n) {
  *n = byte_length(self);
  if (*n < 0) return false;
  if (PyObject_GetBuffer(obj, view, flags) < 0) return false;
  char format[2];
  int32_t itemsize;
  element_format(self, format, &itemsize);
  // Pyodide's checks and words: the same byte length, the same item size.
  if (view->len != *n) {
    PyErr_Format(PyExc_ValueError, "cannot assign %s TypedArray of %d bytes %s buffer of %zd bytes",
                 to_js ? "to" : "from", *n, to_js ? "from" : "to", view->len);
  } else if (view->itemsize != itemsize) {
    PyErr_Format(PyExc_ValueError,
                 "TypedArray and memorybuffer have incompatible formats (items of %d and %zd bytes); "
                 "cast the memoryview to the array's format",
                 itemsize, view->itemsize);
  } else {
    return true;
  }
  PyBuffer_Release(view);
  return false;
}

}  // namespace

PyObject* js_to_bytes(PyObject* self, PyObject*) {
  int32_t n = byte_length(self);
  if (n < 0) return nullptr;
  PyRef bytes = PyRef::steal(PyBytes_FromStringAndSize(nullptr, n));
  if (bytes && n > 0 && !copy(self, PyBytes_AS_STRING(bytes.get()), n, true)) return nullptr;
  return bytes.release();
}

PyObject* js_to_memoryview(PyObject* self, PyObject*) {
  int32_t n = byte_length(self);
  if (n < 0) return nullptr;
  PyRef data = PyRef::steal(PyByteArray_FromStringAndSize(nullptr, n));
  if (!data) return nullptr;
  if (n > 0 && !copy(self, PyByteArray_AS_STRING(data.get()), n, true)) return nullptr;
  PyRef bytes_view = PyRef::steal(PyMemoryView_FromObject(data.get()));
  if (!bytes_view) return nullptr;
  char format[2];
  int32_t itemsize;
  element_format(self, format, &itemsize);
  if (format[0] == 'B') return bytes_view.release();
  PyObject* typed = PyObject_CallMethod(bytes_view.get(), "cast", "s", format);
  return typed;
}

PyObject* js_to_string(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const char* encoding = "utf-8";
  if (nargs > 1 || (kwnames && PyTuple_GET_SIZE(kwnames) > 1)) {
    PyErr_SetString(PyExc_TypeError, "to_string(encoding='utf8') takes one argument");
    return nullptr;
  }
  if (nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) == 1) {
    encoding = PyUnicode_AsUTF8(args[0]);
    if (!encoding) return nullptr;
  }
  PyRef bytes = PyRef::steal(js_to_bytes(self, nullptr));
  if (!bytes) return nullptr;
  PyObject* text = PyUnicode_FromEncodedObject(bytes.get(), encoding, "strict");
  return text;
}

PyObject* js_assign(PyObject* self, PyObject* source) {
  Py_buffer view;
  int32_t n;
  if (!matching_buffer(self, source, &view, PyBUF_C_CONTIGUOUS, true, &n)) return nullptr;
  bool ok = n == 0 || copy(self, view.buf, n, false);
  PyBuffer_Release(&view);
  if (!ok) return nullptr;
  Py_RETURN_NONE;
}

PyObject* js_assign_to(PyObject* self, PyObject* target) {
  Py_buffer view;
  int32_t n;
  if (!matching_buffer(self, target, &view, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE, false, &n)) return nullptr;
  bool ok = n == 0 || copy(self, view.buf, n, true);
  PyBuffer_Release(&view);
  if (!ok) return nullptr;
  Py_RETURN_NONE;
}

}  // namespace isthmus
