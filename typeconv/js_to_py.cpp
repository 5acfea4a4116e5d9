#include "js_to_py.h"

#include <string>

#include "../bridge/wire/py_ref.h"
#include "../bridge/wire/python_attr.h"
#include "../proxies/js_exception.h"
#include "../proxies/js_proxy.h"
#include "../proxies/jsnull.h"

namespace isthmus {
namespace {
constexpr double kMaxSafeInteger = 9007199254740991.0;

// Long strings: UTF-8 through TextEncoder.encodeInto into a reused buffer.
PyObject* read_utf8_string(JsId id, int32_t utf16_units) {
  static std::string scratch;
  size_t capacity = static_cast<size_t>(utf16_units) * 3 + 1;
  if (scratch.size() < capacity) scratch.resize(capacity);
  int32_t written = isthmus_js_string_write_utf8(id, scratch.data(), static_cast<size_t>(capacity));
  return PyUnicode_DecodeUTF8(scratch.data(), written, "surrogatepass");
}

// A str of `len` code units read straight into CPython's own buffer. The
// slot says whether 1-byte text is ASCII (pad = 1): CPython needs ASCII text
// in an ASCII object (isascii(), dict lookups against interned names).
PyObject* read_string(JsId id, int32_t units, int32_t unit_size, int32_t ascii) {
  if (unit_size == wire::aux::STRING_UTF8) return read_utf8_string(id, units);
  Py_UCS4 maxchar = unit_size == 1 ? (ascii ? 0x7f : 0xff) : unit_size == 2 ? 0xffff : 0x10ffff;
  PyObject* str = PyUnicode_New(units, maxchar);
  if (!str) return nullptr;
  if (units > 0) isthmus_js_string_write(id, PyUnicode_DATA(str), unit_size);
  return str;
}

// A JS BigInt: a JsBigInt (python/_isthmus/js_bigint.py), an int that
// converts back to a BigInt, as in Pyodide.
PyObject* bigint_to_py(JsId id) {
  JsRef text = JsRef::adopt(isthmus_js_op_value_string(id));
  PyRef str = PyRef::steal(js_string_to_py(text));
  if (!str) return nullptr;
  PyRef value = PyRef::steal(PyLong_FromUnicodeObject(str.get(), 10));
  PyObject* type = value ? js_bigint_type() : nullptr;
  return type ? PyObject_CallOneArg(type, value.get()) : nullptr;
}
}  // namespace

PyObject* js_string_to_py(JsHandle str) {
  isthmus_js_slot slot;
  if (isthmus_js_classify(str.id(), &slot) != ISTHMUS_JS_STRING) {
    PyErr_SetString(PyExc_TypeError, "expected a JS string");
    return nullptr;
  }
  return read_string(str.id(), static_cast<int32_t>(slot.num), slot.aux, slot.ascii);
}

PyObject* js_slot_to_py(const isthmus_js_slot& slot) {
  switch (slot.kind) {
    case ISTHMUS_JS_UNDEFINED:
      Py_RETURN_NONE;
    case ISTHMUS_JS_NULL:
      return Py_NewRef(jsnull());
    case ISTHMUS_JS_TRUE:
      Py_RETURN_TRUE;
    case ISTHMUS_JS_FALSE:
      Py_RETURN_FALSE;
    case ISTHMUS_JS_NUMBER: {
      double d = slot.num;
      // Number.isSafeInteger: 3.0 -> 3, 2**53 -> float.
      if (d == static_cast<double>(static_cast<int64_t>(d)) && d >= -kMaxSafeInteger && d <= kMaxSafeInteger) {
        return PyLong_FromLongLong(static_cast<long long>(d));
      }
      return PyFloat_FromDouble(d);
    }
    case ISTHMUS_JS_STRING: {
      if (slot.aux & wire::aux::STRING_INLINE) {  // short: the code units are in wasm memory (js/slot_codec.mjs encode)
        const void* units = reinterpret_cast<const void*>(static_cast<intptr_t>(slot.id));
        int kind = (slot.aux & wire::aux::STRING_UNIT_MASK) == 1 ? PyUnicode_1BYTE_KIND : PyUnicode_2BYTE_KIND;
        return PyUnicode_FromKindAndData(kind, units, static_cast<Py_ssize_t>(slot.num));
      }
      JsRef owned = JsRef::adopt(slot.id);
      return read_string(slot.id, static_cast<int32_t>(slot.num), slot.aux, slot.ascii);
    }
    case ISTHMUS_JS_BIGINT: {
      JsRef owned = JsRef::adopt(slot.id);
      return bigint_to_py(slot.id);
    }
    case ISTHMUS_JS_PYPROXY:  // the PyProxy is alive: take our own reference
      return Py_NewRef(reinterpret_cast<PyObject*>(static_cast<intptr_t>(slot.id)));
    case ISTHMUS_JS_ERROR:  // a JS Error is a JsException, as in Pyodide: `raise err` works
      return make_js_exception(JsRef::adopt(slot.id));
    case ISTHMUS_JS_FUNCTION:
    case ISTHMUS_JS_OBJECT:
    case ISTHMUS_JS_ARRAY:
    case ISTHMUS_JS_MAP:
    case ISTHMUS_JS_MUTABLE_MAP:
    case ISTHMUS_JS_SYMBOL:
    default:
      return js_proxy_new(JsRef::adopt(slot.id), JsRef(), slot.kind);
  }
}

PyObject* js_bigint_type() {
  static PyObject* type = nullptr;
  return cached_python_attr(&type, "_isthmus.js_bigint", "JsBigInt");
}

PyObject* js_to_py(JsHandle value) {
  isthmus_js_slot slot;
  int32_t kind = isthmus_js_classify(value.id(), &slot);
  switch (kind) {
    case ISTHMUS_JS_STRING:
      return read_string(value.id(), static_cast<int32_t>(slot.num), slot.aux, slot.ascii);
    case ISTHMUS_JS_BIGINT:
      return bigint_to_py(value.id());
    case ISTHMUS_JS_PYPROXY:
    case ISTHMUS_JS_UNDEFINED:
    case ISTHMUS_JS_NULL:
    case ISTHMUS_JS_TRUE:
    case ISTHMUS_JS_FALSE:
    case ISTHMUS_JS_NUMBER:
      return js_slot_to_py(slot);
    case ISTHMUS_JS_ERROR:
      return make_js_exception(JsRef::borrow(value));
    default:
      return js_proxy_new(JsRef::borrow(value), JsRef(), kind);
  }
}

}  // namespace isthmus
