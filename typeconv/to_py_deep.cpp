#include "to_py_deep.h"

#include <cstdint>
#include <vector>

#include "../bridge/wire/js_slot.h"
#include "../bridge/wire/py_ref.h"
#include "../bridge/wire/python_attr.h"
#include "../bridge/wire/wire.h"
#include "../proxies/js_buffer.h"
#include "../proxies/js_exception.h"
#include "../proxies/js_proxy.h"
#include "default_converter.h"
#include "errors.h"
#include "js_to_py.h"
#include "to_js_deep.h"

namespace isthmus {
namespace {

// A converted key (of a Map, or an item of a Set) that Python cannot hash
// (an Array became a list): Pyodide's error, a JsException "Cannot use key of
// type Array as a key to a Python dict". 0 when hashable, -1 with it set.
int check_key(PyObject* key, const char* container) {
  if (PyObject_Hash(key) != -1) return 0;
  if (!PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
  PyErr_Clear();
  static PyObject* helper = nullptr;
  PyObject* fn = cached_python_attr(&helper, "_isthmus.errors", "unusable_key");
  if (fn) Py_XDECREF(PyObject_CallFunction(fn, "Os", key, container));
  return -1;
}

// A key as JS wrote it, for messages: true/false for bools, the number's
// digits (an int that was a BigInt gets its n), a string quoted.
PyObject* js_text(PyObject* key) {
  if (PyBool_Check(key)) return PyUnicode_FromString(key == Py_True ? "true" : "false");
  if (PyLong_Check(key) && !PyLong_CheckExact(key)) return PyUnicode_FromFormat("%Sn", key);  // JsBigInt
  if (PyUnicode_Check(key)) return PyObject_Repr(key);
  return PyObject_Str(key);
}

// Two JS keys that are one key in Python (0 and false, 1 and 1n): the error
// Pyodide gives, naming both. `existing` is the dict or set holding the first.
void faithful_conversion_error(const char* what, PyObject* existing, PyObject* key) {
  PyObject* first = nullptr;
  PyRef it = PyRef::steal(PyObject_GetIter(existing));
  while (it && !first) {
    PyRef item = PyRef::steal(PyIter_Next(it.get()));
    if (!item) break;
    if (PyObject_RichCompareBool(item.get(), key, Py_EQ) == 1) first = item.release();
  }
  PyRef owned = PyRef::steal(first);
  PyErr_Clear();
  PyRef a = PyRef::steal(js_text(first ? first : key));
  PyRef b = a ? PyRef::steal(js_text(key)) : PyRef();
  if (!b) return;
  PyErr_Format(conversion_error(), "Cannot faithfully convert %s into Python since it contains both %U and %U as keys.",
               what, a.get(), b.get());
}

int32_t op(wire::Op code, JsHandle h) { return isthmus_js_op(static_cast<int32_t>(code), h.id(), nullptr); }

bool is_handle_kind(int32_t kind) {
  return kind == ISTHMUS_JS_OBJECT || kind == ISTHMUS_JS_ARRAY || kind == ISTHMUS_JS_FUNCTION ||
         kind == ISTHMUS_JS_ERROR || kind == ISTHMUS_JS_SYMBOL || kind == ISTHMUS_JS_MAP ||
         kind == ISTHMUS_JS_MUTABLE_MAP;
}

// Release the handles of slots [from, to) that will not be converted (after an error).
void drop(std::vector<isthmus_js_slot>& slots, size_t from, size_t to = SIZE_MAX) {
  for (size_t i = from; i < slots.size() && i < to; ++i) {
    if (is_handle_kind(slots[i].kind) || slots[i].kind == ISTHMUS_JS_STRING || slots[i].kind == ISTHMUS_JS_BIGINT) {
      JsRef::adopt(slots[i].id);
    }
  }
}

class PyConverter {
 public:
  explicit PyConverter(PyObject* default_converter) : default_converter_(default_converter) {}

  // Consumes the slot's handle.
  PyObject* convert_slot(const isthmus_js_slot& slot, int depth) {
    if (!is_handle_kind(slot.kind)) return js_slot_to_py(slot);
    JsRef ref = JsRef::adopt(slot.id);
    return convert(ref, depth, slot.kind);
  }

  PyObject* convert(JsHandle h, int depth, int32_t kind) {
    if (depth == 0) return proxy(h, kind);
    auto container = static_cast<wire::Container>(op(wire::Op::CONTAINER_KIND, h));
    if (static_cast<int32_t>(container) < 0) return raise_js_error();
    // Containers are cached by their JS identity (shared references,
    // cycles); other values only once default_converter's cache_conversion
    // recorded some (until then there is nothing to find).
    if (container == wire::Container::OTHER && !cache_) return other(h, depth, kind);
    PyRef key = js_key(h);
    if (!key) return nullptr;
    PyObject* cached = PyDict_GetItemWithError(cache_.get(), key.get());
    if (cached || PyErr_Occurred()) return cached ? Py_NewRef(cached) : nullptr;
    if (container == wire::Container::OTHER) return other(h, depth, kind);
    switch (container) {
      case wire::Container::ARRAY_LIKE:
        return array(h, depth, key.get());
      case wire::Container::SET:
        return set(h, depth, key.get());
      case wire::Container::MAP:
      case wire::Container::PLAIN_OBJECT:
        return mapping(h, depth, key.get());
      case wire::Container::BINARY:
        return binary(h, kind, key.get());
      case wire::Container::OTHER:
        break;
    }
    return nullptr;
  }

  bool remember(PyObject* js, PyObject* value) {
    JsId id = js_proxy_id(js);
    if (id == kJsError) {
      PyErr_SetString(PyExc_TypeError, "cache_conversion: the first argument must be the JsProxy");
      return false;
    }
    PyRef key = js_key(JsHandle(id));
    return key && PyDict_SetItem(cache_.get(), key.get(), value) == 0;
  }

  // default_converter's `convert` callback: a JsProxy converted with the
  // same options; Python values pass through.
  PyObject* convert_nested(PyObject* value) {
    JsId id = js_proxy_id(value);
    if (id == kJsError) return Py_NewRef(value);
    isthmus_js_slot slot;
    int32_t kind = isthmus_js_classify(id, &slot);
    return convert(JsHandle(id), current_depth, kind);
  }

  int current_depth = -1;  // of values default_converter hands to `convert`

 private:
  PyRef js_key(JsHandle h) {
    if (!cache_ && !(cache_ = PyRef::steal(PyDict_New()))) return PyRef();
    int32_t id = op(wire::Op::JS_ID, h);
    if (id < 0) return PyRef::steal(raise_js_error());
    return PyRef::steal(PyLong_FromLong(id));
  }

  // (a JS Error is a JsException, as anywhere else, and as in Pyodide)
  static PyObject* proxy(JsHandle h, int32_t kind) {
    return kind == ISTHMUS_JS_ERROR ? make_js_exception(JsRef::borrow(h))
                                    : js_proxy_new(JsRef::borrow(h), JsRef(), kind);
  }

  PyObject* other(JsHandle h, int depth, int32_t kind);

  // Entries into slot vectors (keys null for arrays and sets).
  bool entries(JsHandle h, std::vector<isthmus_js_slot>* keys, std::vector<isthmus_js_slot>& values) {
    int32_t n = op(wire::Op::ENTRY_COUNT, h);
    if (n < 0) {
      raise_js_error();
      return false;
    }
    values.resize(static_cast<size_t>(n));
    if (keys) keys->resize(static_cast<size_t>(n));
    int32_t got = isthmus_js_entries_to_slots(h.id(), keys ? keys->data() : nullptr, values.data(), n);
    if (got < 0) {
      raise_js_error();
      values.clear();
      if (keys) keys->clear();
      return false;
    }
    values.resize(static_cast<size_t>(got));
    if (keys) keys->resize(static_cast<size_t>(got));
    return true;
  }

  PyObject* array(JsHandle h, int depth, PyObject* key) {
    std::vector<isthmus_js_slot> values;
    if (!entries(h, nullptr, values)) return nullptr;
    PyRef list = PyRef::steal(PyList_New(static_cast<Py_ssize_t>(values.size())));
    if (!list || PyDict_SetItem(cache_.get(), key, list.get()) < 0) {
      drop(values, 0);
      return nullptr;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      PyObject* item = convert_slot(values[i], depth - 1);
      if (!item) {
        drop(values, i + 1);
        for (size_t j = i; j < values.size(); ++j) PyList_SET_ITEM(list.get(), j, Py_NewRef(Py_None));
        return nullptr;
      }
      PyList_SET_ITEM(list.get(), i, item);  // steals item
    }
    return list.release();
  }

  PyObject* set(JsHandle h, int depth, PyObject* key) {
    std::vector<isthmus_js_slot> values;
    if (!entries(h, nullptr, values)) return nullptr;
    PyRef result = PyRef::steal(PySet_New(nullptr));
    if (!result || PyDict_SetItem(cache_.get(), key, result.get()) < 0) {
      drop(values, 0);
      return nullptr;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      PyRef item = PyRef::steal(convert_slot(values[i], depth - 1));
      if (!item || check_key(item.get(), "set") < 0 || PySet_Add(result.get(), item.get()) < 0) {
        drop(values, i + 1);
        return nullptr;
      }
      if (PySet_GET_SIZE(result.get()) != static_cast<Py_ssize_t>(i + 1)) {
        drop(values, i + 1);
        faithful_conversion_error("Set", result.get(), item.get());
        return nullptr;
      }
    }
    return result.release();
  }

  PyObject* mapping(JsHandle h, int depth, PyObject* key) {
    std::vector<isthmus_js_slot> keys, values;
    if (!entries(h, &keys, values)) return nullptr;
    PyRef dict = PyRef::steal(PyDict_New());
    if (!dict || PyDict_SetItem(cache_.get(), key, dict.get()) < 0) {
      drop(keys, 0);
      drop(values, 0);
      return nullptr;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      PyRef k = PyRef::steal(convert_slot(keys[i], depth - 1));
      PyRef v = k ? PyRef::steal(convert_slot(values[i], depth - 1)) : PyRef();
      if (!k) drop(values, i, i + 1);  // the value's handle (strings and BigInts have one too)
      int rc = -1;
      if (k && v && check_key(k.get(), "dict") == 0) {
        int present = PyDict_Contains(dict.get(), k.get());
        if (present == 1) {
          faithful_conversion_error("Map", dict.get(), k.get());
        } else if (present == 0) {
          rc = PyDict_SetItem(dict.get(), k.get(), v.get());
        }
      }
      if (rc < 0) {
        drop(keys, i + 1);
        drop(values, i + 1);
        return nullptr;
      }
    }
    return dict.release();
  }

  PyObject* binary(JsHandle h, int32_t kind, PyObject* key) {
    PyRef p = PyRef::steal(proxy(h, kind));
    PyRef view = PyRef::steal(p ? js_to_memoryview(p.get(), nullptr) : nullptr);
    if (view && PyDict_SetItem(cache_.get(), key, view.get()) < 0) return nullptr;
    return view.release();
  }

  PyObject* default_converter_;
  PyRef cache_;  // js_id -> Python conversion
};

PyObject* PyConverter::other(JsHandle h, int depth, int32_t kind) {
  PyRef value = PyRef::steal(proxy(h, kind));
  if (!default_converter_ || !value) return value.release();
  return call_default_converter(this, default_converter_, value.get(), depth);
}

}  // namespace

PyObject* to_py_deep(JsHandle value, int depth, PyObject* default_converter) {
  PyConverter converter(default_converter);
  isthmus_js_slot slot;
  int32_t kind = isthmus_js_classify(value.id(), &slot);
  if (!is_handle_kind(kind)) return js_to_py(value);
  return converter.convert(value, depth, kind);
}

}  // namespace isthmus
