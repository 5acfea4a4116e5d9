#include "py_to_js.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "../bridge/wire/python_attr.h"
#include "../proxies/js_names.h"
#include "../proxies/js_proxy.h"
#include "../proxies/jsnull.h"
#include "js_to_py.h"

namespace isthmus {
namespace {
constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;

// An int that fits in a double exactly: true and *out set.
bool small_int(PyObject* obj, double* out) {
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(obj, &overflow);
  if (overflow != 0 || v < -kMaxSafeInteger || v > kMaxSafeInteger) return false;
  *out = static_cast<double>(v);
  return true;
}

// Beyond 2^53: exact, through decimal text into BigInt.
JsRef big_int_to_js(PyObject* obj) {
  PyObject* text = PyObject_Str(obj);
  if (!text) return {};
  Py_ssize_t len = 0;
  const char* digits = PyUnicode_AsUTF8AndSize(text, &len);
  JsRef out = digits ? JsRef::adopt(isthmus_js_bigint_from_decimal(digits, len)) : JsRef();
  Py_DECREF(text);
  return out;
}

JsRef int_to_js(PyObject* obj) {
  double d;
  if (small_int(obj, &d)) return JsRef::adopt(isthmus_js_from_f64(d));
  if (PyErr_Occurred()) return {};
  return big_int_to_js(obj);
}
}  // namespace

JsRef py_str_to_js(PyObject* str) {
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  // Long ASCII text: its bytes are valid UTF-8, and TextDecoder is native.
  if (len > 64 && PyUnicode_IS_ASCII(str)) {
    return JsRef::adopt(isthmus_js_from_utf8(reinterpret_cast<const char*>(PyUnicode_1BYTE_DATA(str)), len));
  }
  switch (PyUnicode_KIND(str)) {
    case PyUnicode_1BYTE_KIND:
      return JsRef::adopt(isthmus_js_from_latin1(PyUnicode_1BYTE_DATA(str), len));
    case PyUnicode_2BYTE_KIND:
      return JsRef::adopt(isthmus_js_from_utf16(PyUnicode_2BYTE_DATA(str), len));
    default: {
      // Astral characters: UTF-16 code units made here, so lone surrogates
      // survive as they do in JS strings (UTF-8 cannot carry them).
      const Py_UCS4* chars = PyUnicode_4BYTE_DATA(str);
      std::vector<uint16_t> units;
      units.reserve(static_cast<size_t>(len) * 2);
      for (Py_ssize_t i = 0; i < len; ++i) {
        Py_UCS4 c = chars[i];
        if (c >= 0x10000) {
          c -= 0x10000;
          units.push_back(static_cast<uint16_t>(0xD800 | (c >> 10)));
          units.push_back(static_cast<uint16_t>(0xDC00 | (c & 0x3FF)));
        } else {
          units.push_back(static_cast<uint16_t>(c));
        }
      }
      return JsRef::adopt(isthmus_js_from_utf16(units.data(), units.size()));
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
  if (PyLong_Check(obj)) {  // a JsBigInt (a JS BigInt that went through Python) stays a BigInt
    PyObject* big = js_bigint_type();
    if (!big) return {};
    return type == reinterpret_cast<PyTypeObject*>(big) ? big_int_to_js(obj) : int_to_js(obj);
  }
  if (PyFloat_Check(obj)) return JsRef::adopt(isthmus_js_from_f64(PyFloat_AsDouble(obj)));
  if (PyUnicode_Check(obj)) return py_str_to_js(obj);
  *handled = false;
  return {};
}

int32_t pyproxy_aux(PyObject* obj) {
  PyTypeObject* type = Py_TYPE(obj);
  int32_t aux = PyCallable_Check(obj) ? wire::aux::PYPROXY_CALLABLE : 0;
  constexpr int32_t kSequence = wire::aux::PYPROXY_SEQUENCE;
  if (type == &PyList_Type) return aux | kSequence | wire::aux::PYPROXY_MUTABLE;
  if (type == &PyTuple_Type) return aux | kSequence;
  if (type == &PyDict_Type) return aux;
  // As Pyodide: a sequence has a length and items, and then it is a
  // collections.abc.Sequence if its type says so (ABCs cache the answer).
  PySequenceMethods* sq = type->tp_as_sequence;
  PyMappingMethods* mp = type->tp_as_mapping;
  bool has_len = (sq && sq->sq_length) || (mp && mp->mp_length);
  bool has_item = (sq && sq->sq_item) || (mp && mp->mp_subscript);
  if (!has_len || !has_item || PyErr_Occurred()) return aux;  // (never clear an error of the caller's)
  static PyObject* sequence = nullptr;
  static PyObject* mutable_sequence = nullptr;
  PyObject* seq_abc = cached_python_attr(&sequence, "_collections_abc", "Sequence");
  PyObject* mut_abc = seq_abc ? cached_python_attr(&mutable_sequence, "_collections_abc", "MutableSequence") : nullptr;
  int is_seq = mut_abc ? PyObject_IsSubclass(reinterpret_cast<PyObject*>(type), seq_abc) : -1;
  int is_mut = is_seq == 1 ? PyObject_IsSubclass(reinterpret_cast<PyObject*>(type), mut_abc) : 0;
  if (is_seq < 0 || is_mut < 0) {
    PyErr_Clear();  // (an ABC that raises: then no Array methods)
    return aux;
  }
  return aux | (is_seq ? kSequence : 0) | (is_mut ? wire::aux::PYPROXY_MUTABLE : 0);
}

JsRef new_pyproxy(PyObject* obj, bool roundtrip) {
  Py_INCREF(obj);  // the PyProxy owns this reference
  return JsRef::adopt(isthmus_js_pyproxy_new(obj, pyproxy_aux(obj) | (roundtrip ? wire::aux::PYPROXY_ROUNDTRIP : 0)));
}

void SlotKeepAlive::keep(JsRef ref) { ids_.push_back(ref.detach()); }

SlotKeepAlive::~SlotKeepAlive() {
  for (JsId id : ids_) JsRef::reattach(id);  // destroyed right away: releases the handle
}

namespace {
// None, bools, floats and ints within 2^53 travel inline (no handle): true
// and the slot written, else false (PyLong overflow leaves no error set).
inline bool inline_scalar_slot(PyObject* obj, PyTypeObject* type, isthmus_js_slot* slot) {
  slot->aux = 0;
  if (obj == Py_None) {
    slot->kind = ISTHMUS_JS_UNDEFINED;
  } else if (obj == Py_True) {
    slot->kind = ISTHMUS_JS_TRUE;
  } else if (obj == Py_False) {
    slot->kind = ISTHMUS_JS_FALSE;
  } else if (type == &PyFloat_Type) {
    slot->kind = ISTHMUS_JS_NUMBER;
    slot->num = PyFloat_AS_DOUBLE(obj);
  } else if (type == &PyLong_Type && small_int(obj, &slot->num)) {
    slot->kind = ISTHMUS_JS_NUMBER;
  } else {
    return false;
  }
  return true;
}
// A short str (short_inline_str) as its code units at `units`: JS builds the
// string from wasm memory, no handle and no call.
inline void inline_string_slot(PyObject* str, const void* units, isthmus_js_slot* slot) {
  slot->kind = ISTHMUS_JS_STRING;
  slot->id = static_cast<int32_t>(reinterpret_cast<intptr_t>(units));
  slot->num = static_cast<double>(PyUnicode_GET_LENGTH(str));
  slot->aux = static_cast<int32_t>(PyUnicode_KIND(str)) | wire::aux::STRING_INLINE;
}

inline bool short_inline_str(PyObject* str) {
  return PyUnicode_GET_LENGTH(str) <= wire::aux::STRING_INLINE_MAX && PyUnicode_KIND(str) != PyUnicode_4BYTE_KIND;
}
}  // namespace

bool py_to_slot(PyObject* obj, isthmus_js_slot* slot, SlotKeepAlive& keep, bool owned) {
  PyTypeObject* type = Py_TYPE(obj);
  if (inline_scalar_slot(obj, type, slot)) return true;
  slot->aux = 0;  // handle kinds: borrowed, JS must not free the id
  if (type == &PyUnicode_Type && PyUnicode_CHECK_INTERNED(obj)) {
    // Interned strings (literals, names) keep one JS string each: no crossing.
    JsRef temp;
    JsHandle cached = js_name(obj, &temp);
    if (!cached.valid()) return false;
    slot->kind = ISTHMUS_JS_OBJECT;
    slot->id = cached.id();
    if (temp.valid()) keep.keep(std::move(temp));
  } else if (!owned && type == &PyUnicode_Type && short_inline_str(obj)) {
    // A borrowed slot is read by JS during the call, while the caller still
    // holds obj: point at its data. (Owned slots may be read later, after
    // a converter's result is gone: they take a handle.)
    inline_string_slot(obj, PyUnicode_DATA(obj), slot);
    return true;
  } else if (JsId id = type == &PyUnicode_Type ? kJsError : js_proxy_id(obj); id != kJsError) {
    slot->kind = ISTHMUS_JS_OBJECT;
    slot->id = id;  // borrowed from the JsProxy, alive for the call
  } else if (obj == jsnull()) {
    slot->kind = ISTHMUS_JS_NULL;
  } else {
    bool handled = false;
    JsRef ref = py_scalar_to_js(obj, &handled);
    if (handled) {
      if (!ref.valid()) return false;
      slot->kind = ISTHMUS_JS_OBJECT;
      slot->id = ref.id();
      keep.keep(std::move(ref));
      return true;
    }
    slot->kind = ISTHMUS_JS_PYPROXY;
    slot->id = static_cast<int32_t>(reinterpret_cast<intptr_t>(obj));
    slot->aux = (owned ? wire::aux::PYPROXY_OWNED : 0) | pyproxy_aux(obj);
    if (owned) Py_INCREF(obj);
  }
  return true;
}

bool py_to_result_slot(PyObject* obj, isthmus_js_slot* slot) {
  // Handle kinds go to JS with an id of their own (aux = 1: JS frees it),
  // never a cached or borrowed one.
  // None, bools and exact ints/floats (the common results) go first: no
  // JsProxy type checks (a subtype walk), no keep-alive list.
  PyTypeObject* type = Py_TYPE(obj);
  if (inline_scalar_slot(obj, type, slot)) return true;
  if (PyErr_Occurred()) return false;
  bool plain = type == &PyLong_Type;  // a big int: BigInt below
  JsRef own;
  JsId id = plain ? kJsError : js_proxy_id(obj);
  if (id != kJsError) {
    own = JsRef::borrow(JsHandle(id));
  } else if (!plain && PyUnicode_CheckExact(obj) && short_inline_str(obj)) {
    // The result may die before JS reads it: copy the units to a buffer that
    // JS decodes as soon as this call returns, before it calls in again.
    alignas(8) static char units[wire::aux::STRING_INLINE_MAX * 2];
    std::memcpy(units, PyUnicode_DATA(obj), PyUnicode_GET_LENGTH(obj) * PyUnicode_KIND(obj));
    inline_string_slot(obj, units, slot);
    return true;
  } else if (!plain && PyUnicode_Check(obj)) {
    own = py_str_to_js(obj);
    if (!own.valid()) return false;
  } else {
    SlotKeepAlive keep;
    if (!py_to_slot(obj, slot, keep, /*owned=*/true)) return false;
    if (slot->kind != ISTHMUS_JS_OBJECT) return true;
    own = JsRef::borrow(JsHandle(slot->id));  // a BigInt made for it: keep outlives this
  }
  slot->kind = ISTHMUS_JS_OBJECT;
  slot->id = own.release();
  slot->aux = wire::aux::HANDLE_OWNED;
  return true;
}

}  // namespace isthmus
