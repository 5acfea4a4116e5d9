#include "to_js_deep.h"

#include <cstring>
#include <vector>

#include "../bridge/wire/js_slot.h"
#include "../bridge/wire/py_ref.h"
#include "../bridge/wire/wire.h"
#include "../proxies/js_proxy.h"
#include "../proxies/jsnull.h"
#include "default_converter.h"
#include "errors.h"
#include "js_to_py.h"
#include "py_to_js.h"

namespace isthmus {
namespace {

PyObject* ConversionError = nullptr;

JsRef new_container(wire::Op op) {
  isthmus_js_slot out;
  if (isthmus_js_op_value(static_cast<int32_t>(op), kJsUndefined, nullptr, &out) < 0) {
    raise_js_error();
    return {};
  }
  return JsRef::adopt(out.id);
}

void set_object(isthmus_js_slot* slot, JsId id) {
  slot->kind = ISTHMUS_JS_OBJECT;
  slot->id = id;
  slot->aux = 0;
}

// The TYPED_ARRAY (wire.h) of a buffer format, or -1.
int typed_array_code(const char* format, Py_ssize_t itemsize) {
  using T = wire::TypedArray;
  auto code = [](T t) { return static_cast<int>(t); };
  const char* f = format ? format : "B";
  if (*f == '@' || *f == '=' || *f == '<') ++f;
  if (f[0] == 0 || f[1] != 0) return -1;
  switch (f[0]) {
    case 'b':
      return code(T::INT8);
    case 'B':
    case 'c':
    case 's':
      return code(T::UINT8);
    case '?':
      return code(T::BOOL_ARRAY);
    case 'h':
      return code(T::INT16);
    case 'H':
      return code(T::UINT16);
    case 'i':
    case 'l':
    case 'n':
      return code(T::INT32);
    case 'I':
    case 'L':
    case 'N':
    case 'P':
      return code(T::UINT32);
    case 'q':
      return code(T::BIGINT64);
    case 'Q':
      return code(T::BIGUINT64);
    case 'f':
      return code(T::FLOAT32);
    case 'd':
      return code(T::FLOAT64);
    default:
      return -1;
  }
}

class Converter {
 public:
  explicit Converter(const ToJsOptions& o) : opts_(o) {}

  // Fill `slot` with obj converted `depth` levels deep; handles made for it
  // stay alive in `keep`.
  bool convert(PyObject* obj, int depth, isthmus_js_slot* slot, SlotKeepAlive& keep) {
    if (is_passthrough(obj)) return py_to_slot(obj, slot, keep, /*owned=*/true);
    if (depth == 0) return proxy(obj, slot, keep);
    if (!cache_ && !(cache_ = PyRef::steal(PyDict_New()))) return false;
    PyRef key = PyRef::steal(PyLong_FromVoidPtr(obj));
    if (!key) return false;
    PyObject* cached = PyDict_GetItemWithError(cache_.get(), key.get());  // borrowed
    if (cached) {
      set_object(slot, js_proxy_id(cached));
      return true;
    }
    if (PyErr_Occurred()) return false;
    bool ok = convert_new(obj, depth, key.get(), slot, keep);
    return ok;
  }

  // For default_converter's `convert` and `cache_conversion` callbacks.
  PyObject* convert_nested(PyObject* obj) {
    isthmus_js_slot slot;
    SlotKeepAlive keep;
    if (!convert(obj, current_depth, &slot, keep)) return nullptr;
    return slot_to_python(obj, slot);
  }

  int current_depth = -1;  // of values default_converter hands to `convert`

  bool remember(PyObject* obj, PyObject* js_value) {
    if (!cache_ && !(cache_ = PyRef::steal(PyDict_New()))) return false;
    PyRef key = PyRef::steal(PyLong_FromVoidPtr(obj));
    int rc = key ? PyDict_SetItem(cache_.get(), key.get(), js_value) : -1;
    return rc == 0;
  }

  // The Python value for a top-level result slot.
  // A scalar, jsnull or a JsProxy is itself (to_js(2**64) is that int, as in
  // Pyodide); a new JS value is a JsProxy of its kind (an Array is a JsArray);
  // an object no conversion applies to is a JsProxy of its new PyProxy (a
  // JsDoubleProxy, with destroy()), not the object back, as in Pyodide.
  PyObject* slot_to_python(PyObject* obj, const isthmus_js_slot& slot) {
    if (slot.kind != ISTHMUS_JS_OBJECT || is_passthrough(obj)) return Py_NewRef(obj);
    PyObject* value = js_to_py(JsHandle(slot.id));
    if (value != obj) return value;
    Py_DECREF(value);
    return js_proxy_new(JsRef::borrow(JsHandle(slot.id)), JsRef(),
                        PyCallable_Check(obj) ? ISTHMUS_JS_FUNCTION : ISTHMUS_JS_OBJECT);
  }

 private:
  static bool is_passthrough(PyObject* obj) {
    return obj == Py_None || PyBool_Check(obj) || PyLong_Check(obj) || PyFloat_Check(obj) || PyUnicode_Check(obj) ||
           obj == jsnull() || js_proxy_id(obj) != kJsError;
  }

  bool cache_js(PyObject* key, JsHandle js) {
    PyRef holder = PyRef::steal(js_proxy_new(JsRef::borrow(js), JsRef(), ISTHMUS_JS_OBJECT));
    if (!holder) return false;
    int rc = PyDict_SetItem(cache_.get(), key, holder.get());
    return rc == 0;
  }

  bool convert_new(PyObject* obj, int depth, PyObject* key, isthmus_js_slot* slot, SlotKeepAlive& keep) {
    if (PyList_Check(obj) || PyTuple_Check(obj)) return sequence(obj, depth, key, slot, keep);
    if (PyDict_Check(obj)) {
      // A dict subclass may keep its items elsewhere (a ChainMap base): its
      // items as dict(obj) sees them, as Pyodide converts it.
      PyRef copy;
      PyObject* items = obj;
      if (!PyDict_CheckExact(obj)) {
        copy = PyRef::steal(PyDict_New());
        if (!copy || PyDict_Merge(copy.get(), obj, 1) < 0) return false;
        items = copy.get();
      }
      return opts_.dict_converter ? dict_with_converter(obj, items, depth, slot, keep)
                                  : dict_to_object(items, depth, key, slot, keep);
    }
    if (PyAnySet_Check(obj)) return set(obj, depth, key, slot, keep);
    if (PyObject_CheckBuffer(obj)) return buffer(obj, key, slot, keep);
    if (opts_.default_converter) return with_default_converter(obj, depth, slot, keep);
    return proxy(obj, slot, keep);
  }

  // Children into a slot vector, then one fill call.
  bool fill_children(JsHandle target, PyObject* const* items, Py_ssize_t n, int depth, PyObject* const* keys) {
    std::vector<isthmus_js_slot> values(static_cast<size_t>(n));
    std::vector<isthmus_js_slot> key_slots(keys ? static_cast<size_t>(n) : 0);
    SlotKeepAlive keep;
    for (Py_ssize_t i = 0; i < n; ++i) {
      if (!convert(items[i], depth - 1, &values[i], keep)) return false;
      if (keys && !py_to_slot(keys[i], &key_slots[i], keep, true)) return false;
    }
    if (isthmus_js_fill(target.id(), keys ? key_slots.data() : nullptr, values.data(), static_cast<int32_t>(n)) < 0) {
      raise_js_error();
      return false;
    }
    return true;
  }

  bool sequence(PyObject* obj, int depth, PyObject* key, isthmus_js_slot* slot, SlotKeepAlive& keep) {
    JsRef array = new_container(wire::Op::NEW_ARRAY);
    if (!array.valid() || !cache_js(key, array)) return false;
    PyRef fast = PyRef::steal(PySequence_Fast(obj, "expected a sequence"));
    if (!fast) return false;
    bool ok =
        fill_children(array, PySequence_Fast_ITEMS(fast.get()), PySequence_Fast_GET_SIZE(fast.get()), depth, nullptr);
    set_object(slot, array.id());
    keep.keep(std::move(array));
    return ok;
  }

  bool set(PyObject* obj, int depth, PyObject* key, isthmus_js_slot* slot, SlotKeepAlive& keep) {
    JsRef js_set = new_container(wire::Op::NEW_SET);
    if (!js_set.valid() || !cache_js(key, js_set)) return false;
    PyRef items = PyRef::steal(PySequence_List(obj));
    if (!items) return false;
    // A JS Set holds values by identity: only items that cross as JS
    // primitives keep Python's set semantics, as Pyodide requires.
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items.get()); ++i) {
      PyObject* item = PyList_GET_ITEM(items.get(), i);
      if (PyUnicode_Check(item) || PyLong_Check(item) || PyFloat_Check(item) || item == Py_None) continue;
      PyRef shown = PyRef::steal(repr_for_message(item));
      if (shown) PyErr_Format(ConversionError, "Cannot use %U as a key for a Javascript Set", shown.get());
      return false;
    }
    bool ok = fill_children(js_set, PySequence_Fast_ITEMS(items.get()), PyList_GET_SIZE(items.get()), depth, nullptr);
    set_object(slot, js_set.id());
    keep.keep(std::move(js_set));
    return ok;
  }

  // The JS property name a key becomes, for collision checks.
  PyObject* property_name(PyObject* k) {
    if (PyUnicode_Check(k)) return Py_NewRef(k);
    if (PyBool_Check(k)) return PyUnicode_FromString(k == Py_True ? "true" : "false");
    if (PyLong_Check(k)) return PyObject_Str(k);
    if (PyFloat_Check(k)) {
      double d = PyFloat_AS_DOUBLE(k);
      if (d == static_cast<double>(static_cast<long long>(d)))
        return PyUnicode_FromFormat("%lld", static_cast<long long>(d));
      return PyObject_Repr(k);
    }
    PyRef shown = PyRef::steal(repr_for_message(k));
    if (!shown) return nullptr;
    PyErr_Format(ConversionError,
                 "Cannot use %U as a key for a Javascript object (a %s: keys must be str, int, float or bool; "
                 "pass dict_converter=js.Map.new to keep other keys)",
                 shown.get(), Py_TYPE(k)->tp_name);
    return nullptr;
  }

  bool dict_to_object(PyObject* obj, int depth, PyObject* key, isthmus_js_slot* slot, SlotKeepAlive& keep) {
    JsRef object = new_container(wire::Op::NEW_OBJECT);
    if (!object.valid() || !cache_js(key, object)) return false;
    Py_ssize_t n = PyDict_GET_SIZE(obj);
    std::vector<PyObject*> keys, values;
    keys.reserve(n);
    values.reserve(n);
    PyRef seen = PyRef::steal(PyDict_New());  // property name -> original key
    if (!seen) return false;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    bool ok = true;
    while (ok && PyDict_Next(obj, &pos, &k, &v)) {
      PyRef name = PyRef::steal(property_name(k));
      if (!name) {
        ok = false;
        break;
      }
      PyObject* other = PyDict_GetItemWithError(seen.get(), name.get());
      if (other) {
        PyRef a = PyRef::steal(repr_for_message(other));
        PyRef b = a ? PyRef::steal(repr_for_message(k)) : PyRef();
        if (b) {
          PyErr_Format(ConversionError,
                       "Key collision when converting Python dictionary to JavaScript. Key: '%U' (keys %U and %U both "
                       "become the JS object key '%U')",
                       name.get(), a.get(), b.get(), name.get());
        }
        ok = false;
      } else if (PyErr_Occurred() || PyDict_SetItem(seen.get(), name.get(), k) < 0) {
        ok = false;
      }
      keys.push_back(k);
      values.push_back(v);
    }
    ok = ok && fill_children(object, values.data(), static_cast<Py_ssize_t>(values.size()), depth, keys.data());
    set_object(slot, object.id());
    keep.keep(std::move(object));
    return ok;
  }

  // dict_converter gets an Array of [key, value] Arrays (Object.fromEntries,
  // Array.from and Map.new all accept it).
  // (Not cached before conversion: the converter's result only exists after.)
  bool dict_with_converter(PyObject* obj, PyObject* items, int depth, isthmus_js_slot* slot, SlotKeepAlive& keep) {
    JsRef entries = new_container(wire::Op::NEW_ARRAY);
    if (!entries.valid()) return false;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    std::vector<isthmus_js_slot> pairs;
    SlotKeepAlive pair_keep;
    while (PyDict_Next(items, &pos, &k, &v)) {
      JsRef pair = new_container(wire::Op::NEW_ARRAY);
      if (!pair.valid()) return false;
      std::vector<isthmus_js_slot> two(2);
      SlotKeepAlive two_keep;
      if (!convert(k, depth - 1, &two[0], two_keep) || !convert(v, depth - 1, &two[1], two_keep)) return false;
      if (isthmus_js_fill(pair.id(), nullptr, two.data(), 2) < 0) {
        raise_js_error();
        return false;
      }
      isthmus_js_slot s;
      set_object(&s, pair.id());
      pairs.push_back(s);
      pair_keep.keep(std::move(pair));
    }
    if (isthmus_js_fill(entries.id(), nullptr, pairs.data(), static_cast<int32_t>(pairs.size())) < 0) {
      raise_js_error();
      return false;
    }
    PyRef arg = PyRef::steal(js_proxy_new(JsRef::borrow(entries), JsRef(), ISTHMUS_JS_OBJECT));
    PyRef result = PyRef::steal(arg ? PyObject_CallOneArg(opts_.dict_converter, arg.get()) : nullptr);
    if (!result) return false;
    bool ok = py_to_slot(result.get(), slot, keep, true);
    if (ok && slot->kind == ISTHMUS_JS_OBJECT && !remember(obj, result.get())) ok = false;
    return ok;
  }

  // Buffers: a copied TypedArray (1-d), nested Arrays of them (n-d).
  bool buffer(PyObject* obj, PyObject* key, isthmus_js_slot* slot, SlotKeepAlive& keep) {
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_RECORDS_RO) < 0) return false;
    int code = typed_array_code(view.format, view.itemsize);
    bool ok = false;
    if (code < 0) {
      PyErr_Format(ConversionError, "Cannot convert a buffer of format '%s' to a JS TypedArray",
                   view.format ? view.format : "B");
    } else {
      std::vector<char> row;
      ok = buffer_level(view, code, 0, static_cast<char*>(view.buf), slot, keep, row);
    }
    PyBuffer_Release(&view);
    if (ok && !cache_js(key, JsHandle(slot->id))) ok = false;
    return ok;
  }

  bool buffer_level(const Py_buffer& v, int code, int dim, char* base, isthmus_js_slot* slot, SlotKeepAlive& keep,
                    std::vector<char>& row) {
    if (v.ndim == 0 || dim == v.ndim - 1) {
      Py_ssize_t n = v.ndim == 0 ? 1 : v.shape[dim];
      Py_ssize_t stride = v.ndim == 0 ? v.itemsize : (v.strides ? v.strides[dim] : v.itemsize);
      const char* block = base;
      if (stride != v.itemsize) {  // gather a strided row; a contiguous one is copied straight from the buffer
        row.resize(static_cast<size_t>(n * v.itemsize));
        for (Py_ssize_t i = 0; i < n; ++i) std::memcpy(&row[i * v.itemsize], base + i * stride, v.itemsize);
        block = row.data();
      }
      isthmus_js_slot out;
      if (isthmus_js_typed_array_copy(code, block, static_cast<int32_t>(n * v.itemsize), &out) < 0) {
        raise_js_error();
        return false;
      }
      set_object(slot, out.id);
      keep.keep(JsRef::adopt(out.id));
      return true;
    }
    JsRef array = new_container(wire::Op::NEW_ARRAY);
    if (!array.valid()) return false;
    Py_ssize_t n = v.shape[dim];
    Py_ssize_t stride = v.strides[dim];
    std::vector<isthmus_js_slot> children(static_cast<size_t>(n));
    SlotKeepAlive child_keep;
    for (Py_ssize_t i = 0; i < n; ++i) {
      if (!buffer_level(v, code, dim + 1, base + i * stride, &children[i], child_keep, row)) return false;
    }
    if (isthmus_js_fill(array.id(), nullptr, children.data(), static_cast<int32_t>(n)) < 0) {
      raise_js_error();
      return false;
    }
    set_object(slot, array.id());
    keep.keep(std::move(array));
    return true;
  }

  bool with_default_converter(PyObject* obj, int depth, isthmus_js_slot* slot, SlotKeepAlive& keep);

  bool proxy(PyObject* obj, isthmus_js_slot* slot, SlotKeepAlive& keep) {
    if (!opts_.create_pyproxies) {
      PyErr_Format(ConversionError, "No conversion of %s to JS is known and create_pyproxies=False",
                   Py_TYPE(obj)->tp_name);
      return false;
    }
    JsRef proxy = new_pyproxy(obj);
    if (opts_.pyproxies) {
      isthmus_js_slot s;
      set_object(&s, proxy.id());
      if (isthmus_js_fill(js_proxy_id(opts_.pyproxies), nullptr, &s, 1) < 0) {
        raise_js_error();
        return false;
      }
    }
    set_object(slot, proxy.id());
    keep.keep(std::move(proxy));
    return true;
  }

  const ToJsOptions& opts_;
  PyRef cache_;  // id(obj) -> JsProxy of its conversion
};

bool Converter::with_default_converter(PyObject* obj, int depth, isthmus_js_slot* slot, SlotKeepAlive& keep) {
  PyRef result = PyRef::steal(call_default_converter(this, opts_.default_converter, obj, depth));
  if (!result) return false;
  if (!py_to_slot(result.get(), slot, keep, true)) return false;
  // The slot is read after `result` goes: a JsProxy's id it borrows needs a
  // reference of its own (an extra one on any other handle is harmless).
  if (slot->kind == ISTHMUS_JS_OBJECT) keep.keep(JsRef::borrow(JsHandle(slot->id)));
  return true;
}

}  // namespace

PyObject* conversion_error() { return ConversionError; }

PyObject* repr_for_message(PyObject* obj) {
  PyObject* r = PyObject_Repr(obj);
  if (r) return r;
  PyErr_Clear();
  return PyUnicode_FromFormat("<%s object>", Py_TYPE(obj)->tp_name);  // nullptr only with MemoryError set
}

bool init_conversion_error(PyObject* module) {
  ConversionError = PyErr_NewExceptionWithDoc("pyodide.ffi.ConversionError",
                                              "A value could not be converted between Python and JavaScript.",
                                              PyExc_Exception, nullptr);
  return ConversionError && PyModule_AddObjectRef(module, "ConversionError", ConversionError) == 0;
}

PyObject* to_js_deep(PyObject* obj, const ToJsOptions& options) {
  Converter converter(options);
  isthmus_js_slot slot;
  SlotKeepAlive keep;
  if (!converter.convert(obj, options.depth, &slot, keep)) return nullptr;
  return converter.slot_to_python(obj, slot);
}

}  // namespace isthmus
