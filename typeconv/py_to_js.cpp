#include "py_to_js.h"

#include <cmath>
#include <vector>

namespace isthmus {
namespace {
constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;

JsRef int_to_js(PyObject* obj) {
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(obj, &overflow);
  if (overflow == 0) {
    if (v == -1 && PyErr_Occurred()) return {};
    if (v >= -kMaxSafeInteger && v <= kMaxSafeInteger) {
      return JsRef::adopt(isthmus_js_from_f64(static_cast<double>(v)));
    }
  }
  // Beyond 2^53: exact, through decimal text into BigInt.
  PyObject* text = PyObject_Str(obj);
  if (!text) return {};
  Py_ssize_t len = 0;
  const char* digits = PyUnicode_AsUTF8AndSize(text, &len);
  JsRef out = digits ? JsRef::adopt(isthmus_js_bigint_from_decimal(digits, len)) : JsRef();
  Py_DECREF(text);
  return out;
}
}  // namespace

JsRef py_str_to_js(PyObject* str) {
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  switch (PyUnicode_KIND(str)) {
    case PyUnicode_1BYTE_KIND:
      return JsRef::adopt(isthmus_js_from_latin1(PyUnicode_1BYTE_DATA(str), len));
    case PyUnicode_2BYTE_KIND:
      return JsRef::adopt(isthmus_js_from_utf16(PyUnicode_2BYTE_DATA(str), len));
    default: {
      // Astral characters: UTF-8 is cached on the object after the first use.
      Py_ssize_t n = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(str, &n);
      if (!utf8) return {};
      return JsRef::adopt(isthmus_js_from_utf8(utf8, n));
    }
  }
}

JsRef py_scalar_to_js(PyObject* obj, bool* handled) {
  *handled = true;
  if (obj == Py_None) return JsRef::adopt(kJsUndefined);
  if (obj == Py_True) return JsRef::adopt(kJsTrue);
  if (obj == Py_False) return JsRef::adopt(kJsFalse);
  PyTypeObject* type = Py_TYPE(obj);
  if (type == &PyLong_Type) return int_to_js(obj);
  if (type == &PyFloat_Type) return JsRef::adopt(isthmus_js_from_f64(PyFloat_AS_DOUBLE(obj)));
  if (type == &PyUnicode_Type) return py_str_to_js(obj);
  // Subclasses (IntEnum, str subclasses...) take the slower checks.
  if (PyLong_Check(obj)) return int_to_js(obj);
  if (PyFloat_Check(obj)) return JsRef::adopt(isthmus_js_from_f64(PyFloat_AsDouble(obj)));
  if (PyUnicode_Check(obj)) return py_str_to_js(obj);
  *handled = false;
  return {};
}

JsRef py_to_js_or_repr(PyObject* obj) {
  bool handled = false;
  JsRef out = py_scalar_to_js(obj, &handled);
  if (handled) return out;
  PyObject* repr = PyObject_Repr(obj);
  if (!repr) return {};
  out = py_str_to_js(repr);
  Py_DECREF(repr);
  return out;
}

}  // namespace isthmus
