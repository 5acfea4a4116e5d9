// The buffer protocol for PyProxy.getBuffer (js/buffer.mjs): acquire a
// Py_buffer, describe it in flat int32 fields, release it later.
#include <Python.h>
#include <emscripten.h>

#include <cstdlib>
#include <cstring>

#include "../bridge/wire/abi.h"
#include "../bridge/wire/wire.h"
#include "../typeconv/errors.h"

namespace {
// The acquired view, with shape and strides filled in even when the
// exporter left them out (simple or C-contiguous buffers).
struct HeldBuffer {
  Py_buffer view;
  Py_ssize_t shape[PyBUF_MAX_NDIM];
  Py_ssize_t strides[PyBUF_MAX_NDIM];
};
}  // namespace

extern "C" {

// Read by js/buffer.mjs: every field is 32 bits (wasm32).
struct isthmus_buffer_info {
  HeldBuffer* held;
  void* buf;
  Py_ssize_t len;
  Py_ssize_t itemsize;
  int32_t readonly;
  int32_t ndim;
  const char* format;
  Py_ssize_t* shape;
  Py_ssize_t* strides;
  int32_t c_contiguous;
  int32_t f_contiguous;
  int32_t indirect;
};
}

// Field offsets as js/buffer.mjs reads them (wire.h BUFFER_INFO).
namespace bi = isthmus::wire::buffer_info;
static_assert(offsetof(isthmus_buffer_info, held) == bi::HELD);
static_assert(offsetof(isthmus_buffer_info, buf) == bi::BUF);
static_assert(offsetof(isthmus_buffer_info, len) == bi::LEN);
static_assert(offsetof(isthmus_buffer_info, itemsize) == bi::ITEMSIZE);
static_assert(offsetof(isthmus_buffer_info, readonly) == bi::READONLY);
static_assert(offsetof(isthmus_buffer_info, ndim) == bi::NDIM);
static_assert(offsetof(isthmus_buffer_info, format) == bi::FORMAT);
static_assert(offsetof(isthmus_buffer_info, shape) == bi::SHAPE);
static_assert(offsetof(isthmus_buffer_info, strides) == bi::STRIDES);
static_assert(offsetof(isthmus_buffer_info, c_contiguous) == bi::C_CONTIGUOUS);
static_assert(offsetof(isthmus_buffer_info, f_contiguous) == bi::F_CONTIGUOUS);
static_assert(offsetof(isthmus_buffer_info, indirect) == bi::INDIRECT);
static_assert(sizeof(isthmus_buffer_info) == bi::SIZE);

extern "C" {

/// Acquire obj's buffer; -1 with the error pending (not a buffer, ...).
EMSCRIPTEN_KEEPALIVE int32_t isthmus_py_get_buffer(PyObject* obj, isthmus_buffer_info* info) {
  auto* held = static_cast<HeldBuffer*>(std::malloc(sizeof(HeldBuffer)));  // every field used is written below
  if (!held) {
    PyErr_NoMemory();
  } else if (PyObject_GetBuffer(obj, &held->view, PyBUF_RECORDS_RO) < 0) {
    std::free(held);
    held = nullptr;
  }
  if (!held) return isthmus::fail_to_js();
  Py_buffer& v = held->view;
  int ndim = v.ndim;
  for (int k = 0; k < ndim; ++k) held->shape[k] = v.shape ? v.shape[k] : v.len / v.itemsize;
  if (v.strides) {
    std::memcpy(held->strides, v.strides, sizeof(Py_ssize_t) * ndim);
  } else {  // C-contiguous
    Py_ssize_t step = v.itemsize;
    for (int k = ndim - 1; k >= 0; --k) {
      held->strides[k] = step;
      step *= held->shape[k];
    }
  }
  info->held = held;
  info->buf = v.buf;
  info->len = v.len;
  info->itemsize = v.itemsize;
  info->readonly = v.readonly;
  info->ndim = ndim;
  info->format = v.format ? v.format : "B";
  info->shape = held->shape;
  info->strides = held->strides;
  info->c_contiguous = PyBuffer_IsContiguous(&v, 'C');
  info->f_contiguous = PyBuffer_IsContiguous(&v, 'F');
  info->indirect = v.suboffsets != nullptr;
  return 0;
}

EMSCRIPTEN_KEEPALIVE void isthmus_py_release_buffer(void* opaque) {
  auto* held = static_cast<HeldBuffer*>(opaque);
  PyBuffer_Release(&held->view);
  std::free(held);
}

}  // extern "C"
