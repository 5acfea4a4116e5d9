#include "to_py_deep.h"

#include <cstdint>
#include <vector>

#include "../bridge/wire/wire.h"
#include "../bridge/wire/js_slot.h"
#include "../proxies/js_buffer.h"
#include "../proxies/js_proxy.h"
#include "default_converter.h"
#include "js_to_py.h"
#include "to_js_deep.h"
#include "errors.h"

namespace isthmus {
namespace {

int32_t op(wire::Op code, JsHandle h) { return isthmus_js_op(static_cast<int32_t>(code), h.id(), nullptr); }

bool is_handle_kind(int32_t kind) {
  return kind == ISTHMUS_JS_OBJECT || kind == ISTHMUS_JS_FUNCTION || kind == ISTHMUS_JS_ERROR ||
         kind == ISTHMUS_JS_SYMBOL;
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
  ~PyConverter() { Py_XDECREF(cache_); }

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
    if (container == wire::Container::OTHER) return other(h, depth, kind);
    PyObject* key = js_key(h);
    if (!key) return nullptr;
    PyObject* cached = PyDict_GetItemWithError(cache_, key);
    if (cached || PyErr_Occurred()) {
      Py_DECREF(key);
      return cached ? Py_NewRef(cached) : nullptr;
    }
    PyObject* result = nullptr;
    switch (container) {
      case wire::Container::ARRAY_LIKE: result = array(h, depth, key); break;
      case wire::Container::SET: result = set(h, depth, key); break;
      case wire::Container::MAP:
      case wire::Container::PLAIN_OBJECT: result = mapping(h, depth, key); break;
      case wire::Container::BINARY: result = binary(h, kind, key); break;
      case wire::Container::OTHER: break;
    }
    Py_DECREF(key);
    return result;
  }

  bool remember(PyObject* js, PyObject* value) {
    JsId id = js_proxy_id(js);
    if (id == kJsError) {
      PyErr_SetString(PyExc_TypeError, "cache_conversion: the first argument must be the JsProxy");
      return false;
    }
    PyObject* key = js_key(JsHandle(id));
    int rc = key ? PyDict_SetItem(cache_, key, value) : -1;
    Py_XDECREF(key);
    return rc == 0;
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
  PyObject* js_key(JsHandle h) {
    if (!cache_ && !(cache_ = PyDict_New())) return nullptr;
    int32_t id = op(wire::Op::JS_ID, h);
    if (id < 0) return raise_js_error();
    return PyLong_FromLong(id);
  }

  static PyObject* proxy(JsHandle h, int32_t kind) { return js_proxy_new(JsRef::borrow(h), JsRef(), kind); }

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
    PyObject* list = PyList_New(static_cast<Py_ssize_t>(values.size()));
    if (!list || PyDict_SetItem(cache_, key, list) < 0) {
      drop(values, 0);
      Py_XDECREF(list);
      return nullptr;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      PyObject* item = convert_slot(values[i], depth - 1);
      if (!item) {
        drop(values, i + 1);
        for (size_t j = i; j < values.size(); ++j) PyList_SET_ITEM(list, j, Py_NewRef(Py_None));
        Py_DECREF(list);
        return nullptr;
      }
      PyList_SET_ITEM(list, i, item);
    }
    return list;
  }

  PyObject* set(JsHandle h, int depth, PyObject* key) {
    std::vector<isthmus_js_slot> values;
    if (!entries(h, nullptr, values)) return nullptr;
    PyObject* result = PySet_New(nullptr);
    if (!result || PyDict_SetItem(cache_, key, result) < 0) {
      drop(values, 0);
      Py_XDECREF(result);
      return nullptr;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      PyObject* item = convert_slot(values[i], depth - 1);
      int rc = item ? PySet_Add(result, item) : -1;
      Py_XDECREF(item);
      if (rc < 0) {
        drop(values, i + 1);
        Py_DECREF(result);
        return nullptr;
      }
      if (PySet_GET_SIZE(result) != static_cast<Py_ssize_t>(i + 1)) {
        drop(values, i + 1);
        PyErr_Format(conversion_error(), "The JS Set has values that are equal in Python (such as 1 and true)");
        Py_DECREF(result);
        return nullptr;
      }
    }
    return result;
  }

  PyObject* mapping(JsHandle h, int depth, PyObject* key) {
    std::vector<isthmus_js_slot> keys, values;
    if (!entries(h, &keys, values)) return nullptr;
    PyObject* dict = PyDict_New();
    if (!dict || PyDict_SetItem(cache_, key, dict) < 0) {
      drop(keys, 0);
      drop(values, 0);
      Py_XDECREF(dict);
      return nullptr;
    }
    for (size_t i = 0; i < values.size(); ++i) {
      PyObject* k = convert_slot(keys[i], depth - 1);
      PyObject* v = k ? convert_slot(values[i], depth - 1) : nullptr;
      if (!k) drop(values, i, i + 1);  // the value's handle (strings and BigInts have one too)
      int rc = -1;
      if (k && v) {
        int present = PyDict_Contains(dict, k);
        if (present == 1) {
          PyObject* shown = repr_for_message(k);
          if (shown) PyErr_Format(conversion_error(), "Keys of the JS Map collide in Python: %U", shown);
          Py_XDECREF(shown);
        } else if (present == 0) {
          rc = PyDict_SetItem(dict, k, v);
        }
      }
      Py_XDECREF(k);
      Py_XDECREF(v);
      if (rc < 0) {
        drop(keys, i + 1);
        drop(values, i + 1);
        Py_DECREF(dict);
        return nullptr;
      }
    }
    return dict;
  }

  PyObject* binary(JsHandle h, int32_t kind, PyObject* key) {
    PyObject* p = proxy(h, kind);
    PyObject* view = p ? js_to_memoryview(p, nullptr) : nullptr;
    Py_XDECREF(p);
    if (view && PyDict_SetItem(cache_, key, view) < 0) Py_CLEAR(view);
    return view;
  }

  PyObject* default_converter_;
  PyObject* cache_ = nullptr;  // js_id -> Python conversion
};

PyObject* PyConverter::other(JsHandle h, int depth, int32_t kind) {
  PyObject* value = proxy(h, kind);
  if (!default_converter_ || !value) return value;
  PyObject* result = call_default_converter(this, default_converter_, value, depth);
  Py_DECREF(value);
  return result;
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
