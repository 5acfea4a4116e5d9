// PyRef owns one Python reference, the way JsRef owns a JS handle (and
// nanobind's nb::object a PyObject*): for C++ off the hot paths, so an early
// return cannot leak. Hot paths (calls, attribute access) keep raw pointers
// with explicit counts where a measured cost says so.
#pragma once
#include <Python.h>

#include <utility>

namespace isthmus {

class PyRef {
 public:
  PyRef() noexcept = default;
  /// Own a new reference (the result of most C API calls); null stays null.
  static PyRef steal(PyObject* obj) noexcept { return PyRef(obj); }
  /// A new reference to a borrowed object.
  static PyRef borrow(PyObject* obj) noexcept {
    Py_XINCREF(obj);
    return PyRef(obj);
  }
  PyRef(PyRef&& other) noexcept : obj_(std::exchange(other.obj_, nullptr)) {}
  PyRef& operator=(PyRef&& other) noexcept {
    std::swap(obj_, other.obj_);
    return *this;
  }
  PyRef(const PyRef&) = delete;
  PyRef& operator=(const PyRef&) = delete;
  ~PyRef() { Py_XDECREF(obj_); }

  PyObject* get() const noexcept { return obj_; }
  explicit operator bool() const noexcept { return obj_ != nullptr; }
  /// Give the reference to the caller (a C API that steals, a return value).
  [[nodiscard]] PyObject* release() noexcept { return std::exchange(obj_, nullptr); }

 private:
  explicit PyRef(PyObject* obj) noexcept : obj_(obj) {}
  PyObject* obj_ = nullptr;
};

}  // namespace isthmus
