#include "bridge/wire/py_ref.h"

#include <gtest/gtest.h>

namespace isthmus {
namespace {

// A fresh object nobody else holds, so its count is ours to read.
PyObject* fresh() { return PyList_New(0); }

TEST(PyRef, StealOwnsAndReleasesOnDestruction) {
  PyObject* list = fresh();
  Py_INCREF(list);  // a witness reference
  { PyRef owned = PyRef::steal(list); }
  EXPECT_EQ(Py_REFCNT(list), 1);
  Py_DECREF(list);
}

TEST(PyRef, BorrowAddsAReference) {
  PyObject* list = fresh();
  {
    PyRef second = PyRef::borrow(list);
    EXPECT_EQ(Py_REFCNT(list), 2);
  }
  EXPECT_EQ(Py_REFCNT(list), 1);
  Py_DECREF(list);
}

TEST(PyRef, MoveAndReleaseTransferOwnership) {
  PyObject* list = fresh();
  PyRef a = PyRef::steal(list);
  PyRef b = std::move(a);
  EXPECT_FALSE(a);
  EXPECT_EQ(b.get(), list);
  PyObject* raw = b.release();
  EXPECT_FALSE(b);
  EXPECT_EQ(Py_REFCNT(raw), 1);
  Py_DECREF(raw);
}

TEST(PyRef, NullIsEmpty) {
  PyRef none = PyRef::steal(nullptr);
  EXPECT_FALSE(none);
  EXPECT_EQ(none.get(), nullptr);
}

}  // namespace
}  // namespace isthmus
