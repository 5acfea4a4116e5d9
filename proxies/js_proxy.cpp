// The JsProxy types. Hot paths (getattr, calls) go through one JS call each,
// with arguments and results in isthmus_js_slot vectors (no handles for
// numbers, booleans, undefined and null).
#include "js_proxy.h"

#include <structmember.h>

#include "../bridge/wire/js_slot.h"
#include "../bridge/wire/py_ref.h"
#include "../bridge/wire/python_attr.h"
#include "../bridge/wire/small_vector.h"
#include "../bridge/wire/wire.h"
#include "../typeconv/errors.h"
#include "../typeconv/js_to_py.h"
#include "../typeconv/py_to_js.h"
#include "../typeconv/to_py_deep.h"
#include "js_buffer.h"
#include "js_exception.h"
#include "js_names.h"
#include "jsnull.h"

namespace isthmus {
namespace {

PyTypeObject* JsProxyType = nullptr;
PyTypeObject* JsCallableType = nullptr;
PyTypeObject* JsArrayType = nullptr;       // JS Arrays: a collections.abc.MutableSequence (python/_isthmus/__init__.py)
PyTypeObject* JsMapType = nullptr;         // Map-likes: a collections.abc.Mapping (python/_isthmus/jsproxy_views.py)
PyTypeObject* JsMutableMapType = nullptr;  // ... with set and delete: a MutableMapping
JsProxyObject* as_proxy(PyObject* o) { return reinterpret_cast<JsProxyObject*>(o); }

bool is_proxy_type(PyObject* o) {
  PyTypeObject* t = Py_TYPE(o);
  return t == JsProxyType || t == JsCallableType || t == JsArrayType || PyType_IsSubtype(t, JsProxyType);
}

// ---- JsProxy slots -------------------------------------------------------------

void proxy_dealloc(PyObject* self) {
  JsProxyObject* p = as_proxy(self);
  JsRef::reattach(p->id);
  JsRef::reattach(p->this_id);
  Py_XDECREF(p->sig);
  Py_XDECREF(p->py_this);
  Py_TYPE(self)->tp_free(self);
}

PyObject* result_to_py(int32_t kind, const isthmus_js_slot& out, JsId self_for_functions) {
  if (kind < 0) return raise_js_error();
  if (kind == ISTHMUS_JS_FUNCTION && self_for_functions != kJsError) {
    return js_proxy_new(JsRef::adopt(out.id), JsRef::borrow(JsHandle(self_for_functions)), kind);
  }
  return js_slot_to_py(out);
}

// Dunders every JsProxy type has as slots but a JS value may lack (a plain
// object has no length), and the buffer methods (to_bytes...) only binary
// data has: hasattr() answers for the value, as Pyodide's per-value classes
// do, so that feature detection works.
// 1 when it lacks one, 0 when not, -1 with an error set.
int lacks_feature_dunder(PyObject* self, PyObject* name) {
  static PyObject* names = nullptr;
  if (!names) {
    names = PySet_New(nullptr);
    for (const char* n : {"__len__",     "__iter__",    "__next__",      "__aiter__",     "__anext__", "__await__",
                          "__getitem__", "__setitem__", "__delitem__",   "__contains__",  "__enter__", "__exit__",
                          "__aenter__",  "__aexit__",   "to_bytes",      "to_memoryview", "to_string", "to_file",
                          "from_file",   "_into_file",  "as_object_map", "as_py_json"}) {
      PyRef s = PyRef::steal(PyUnicode_InternFromString(n));
      if (!s || PySet_Add(names, s.get()) < 0) return -1;
    }
  }
  if (int known = PySet_Contains(names, name); known != 1) return known;
  static PyObject* helper = nullptr;
  PyObject* fn = cached_python_attr(&helper, "_isthmus.jsproxy_views", "has_dunder");
  if (!fn) return -1;
  PyRef has = PyRef::steal(PyObject_CallFunctionObjArgs(fn, self, name, nullptr));
  if (!has) return -1;
  return has.get() == Py_False ? 1 : 0;
}

// python/_isthmus/jsproxy_views.py's send/throw/close bound to a JS
// generator, unwrap bound to a PyProxy, or None for another value.
PyObject* python_method(PyObject* self, PyObject* name) {
  static PyObject* helper = nullptr;
  PyObject* fn = cached_python_attr(&helper, "_isthmus.jsproxy_views", "python_method");
  return fn ? PyObject_CallFunctionObjArgs(fn, self, name, nullptr) : nullptr;
}

// A JS property of a proxy with a signature: converted or bound as the
// signature's annotation of that name says (python/_isthmus/jsbind.py).
PyObject* bound_attribute(PyObject* self, PyObject* name, PyObject* value) {
  PyRef owned = PyRef::steal(value);
  static PyObject* helper = nullptr;
  PyObject* fn = cached_python_attr(&helper, "_isthmus.jsbind", "bound_attribute");
  return fn ? PyObject_CallFunctionObjArgs(fn, as_proxy(self)->sig, name, value, nullptr) : nullptr;
}

PyObject* proxy_getattro(PyObject* self, PyObject* name) {
  // Methods of the type (to_py, typeof...) and dunders come first, found
  // without raising; then the JS property.
  if (_PyType_Lookup(Py_TYPE(self), name) ||
      (PyUnicode_GET_LENGTH(name) > 4 && PyUnicode_READ_CHAR(name, 0) == '_' && PyUnicode_READ_CHAR(name, 1) == '_')) {
    PyObject* found = PyObject_GenericGetAttr(self, name);
    if (!found) return found;
    int lacks = lacks_feature_dunder(self, name);
    if (lacks != 0) {
      Py_DECREF(found);
      if (lacks > 0) {
        PyErr_Format(PyExc_AttributeError, "'%s' JsProxy has no attribute '%U'", Py_TYPE(self)->tp_name, name);
      }
      return nullptr;
    }
    return found;
  }
  // A JS generator's own throw() takes a JS value and gives {value, done}:
  // Python's throw(exc) and its result instead. A PyProxy's unwrap() is the
  // Python object, whatever attributes that object has.
  // (the length first: this is on the path of every JS attribute)
  Py_ssize_t length = PyUnicode_GET_LENGTH(name);
  if ((length == 5 && PyUnicode_CompareWithASCIIString(name, "throw") == 0) ||
      (length == 6 && PyUnicode_CompareWithASCIIString(name, "unwrap") == 0)) {
    PyRef method = PyRef::steal(python_method(self, name));
    if (!method || method.get() != Py_None) return method.release();
  }
  PyRef js_name_str = PyRef::steal(js_attribute_name(name));
  if (!js_name_str) return nullptr;
  JsRef temp;
  JsHandle key = js_name(js_name_str.get(), &temp);
  isthmus_js_slot out;
  int32_t kind = isthmus_js_getprop(as_proxy(self)->id, key.id(), &out);
  if (kind == wire::ABSENT) {
    // Python's names for what a JS (async) generator does (Pyodide's JsGenerator, JsAsyncGenerator),
    // asked only when JS has no such property (a WebSocket's send stays JS's).
    if (PyUnicode_CompareWithASCIIString(name, "send") == 0 || PyUnicode_CompareWithASCIIString(name, "close") == 0 ||
        PyUnicode_CompareWithASCIIString(name, "asend") == 0 || PyUnicode_CompareWithASCIIString(name, "athrow") == 0 ||
        PyUnicode_CompareWithASCIIString(name, "aclose") == 0) {
      PyRef method = PyRef::steal(python_method(self, name));
      if (!method || method.get() != Py_None) return method.release();
    }
    PyErr_Format(PyExc_AttributeError, "'%s' JsProxy has no attribute '%U'", Py_TYPE(self)->tp_name, name);
    return nullptr;
  }
  PyObject* value = result_to_py(kind, out, as_proxy(self)->id);
  if (!value || !as_proxy(self)->sig) return value;
  return bound_attribute(self, name, value);
}

int proxy_setattro(PyObject* self, PyObject* name, PyObject* value) {
  PyRef js_name_str = PyRef::steal(js_attribute_name(name));
  if (!js_name_str) return -1;
  JsRef temp;
  JsHandle key = js_name(js_name_str.get(), &temp);
  int32_t rc;
  if (value == nullptr) {
    rc = isthmus_js_delprop(as_proxy(self)->id, key.id());
  } else {
    SlotKeepAlive keep;
    isthmus_js_slot slot;
    if (!py_to_slot(value, &slot, keep, /*owned=*/true)) return -1;
    rc = isthmus_js_setprop(as_proxy(self)->id, key.id(), &slot);
  }
  if (rc < 0) {
    raise_js_error();
    return -1;
  }
  return 0;
}

// A function of python/_isthmus/js_await.py applied to self.
PyObject* js_await_call(PyObject* self, const char* name, PyObject** cache) {
  PyObject* fn = cached_python_attr(cache, "_isthmus.js_await", name);
  return fn ? PyObject_CallOneArg(fn, self) : nullptr;
}

// A thenable a call returned, as a PyodideFuture that it settles
// (python/_isthmus/js_await.py future_of), as in Pyodide. Steals proxy.
PyObject* thenable_future(PyObject* proxy) {
  PyRef owned = PyRef::steal(proxy);
  static PyObject* helper = nullptr;
  return js_await_call(proxy, "future_of", &helper);
}

// Positional arguments, then keyword arguments as one trailing JS object.
PyObject* call_js(JsId fn, JsId self, PyObject* const* args, size_t nargsf, PyObject* kwnames, bool construct) {
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  Py_ssize_t total = nargs + (nkw ? 1 : 0);
  SmallVector<isthmus_js_slot, 8> slots(static_cast<size_t>(total));
  SlotKeepAlive keep;
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    if (!py_to_slot(args[i], &slots[i], keep, false)) return nullptr;
  }
  if (nkw) {
    isthmus_js_slot obj;
    if (isthmus_js_op_value(static_cast<int32_t>(wire::Op::NEW_OBJECT), kJsUndefined, nullptr, &obj) < 0) {
      return raise_js_error();
    }
    JsRef kwargs = JsRef::adopt(obj.id);
    for (Py_ssize_t i = 0; i < nkw; ++i) {
      JsRef temp;
      JsHandle key = js_name(PyTuple_GET_ITEM(kwnames, i), &temp);
      isthmus_js_slot value;
      if (!py_to_slot(args[nargs + i], &value, keep, /*owned=*/true)) return nullptr;
      if (isthmus_js_setprop(kwargs.id(), key.id(), &value) < 0) return raise_js_error();
    }
    slots[nargs].kind = ISTHMUS_JS_OBJECT;
    slots[nargs].aux = 0;
    slots[nargs].id = kwargs.id();
    keep.keep(std::move(kwargs));
  }
  isthmus_js_slot out;
  int32_t kind = construct ? isthmus_js_construct(fn, slots.data(), static_cast<int32_t>(total), &out)
                           : isthmus_js_call(fn, self, slots.data(), static_cast<int32_t>(total), &out);
  PyObject* result = result_to_py(kind, out, kJsError);
  return kind == ISTHMUS_JS_THENABLE && result ? thenable_future(result) : result;
}

PyObject* callable_vectorcall(PyObject* self, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  JsProxyObject* p = as_proxy(self);
  return call_js(p->id, p->this_id == kJsError ? kJsUndefined : p->this_id, args, nargsf, kwnames, false);
}

// A call of a proxy with a signature: its arguments and result converted as
// the signature's annotations say (python/_isthmus/jsbind.py bound_call).
PyObject* bound_vectorcall(PyObject* self, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  static PyObject* helper = nullptr;
  PyObject* fn = cached_python_attr(&helper, "_isthmus.jsbind", "bound_call");
  if (!fn) return nullptr;
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  Py_ssize_t total = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
  SmallVector<PyObject*, 8> all(static_cast<size_t>(total + 2));
  all[0] = as_proxy(self)->sig;
  all[1] = self;
  for (Py_ssize_t i = 0; i < total; ++i) all[static_cast<size_t>(i + 2)] = args[i];
  return PyObject_Vectorcall(fn, all.data(), static_cast<size_t>(nargs + 2), kwnames);
}

// A call of a JS function read from a Python class through an instance:
// fn.call(instance, ...args), so the instance crosses as the arguments do (a
// PyProxy borrowed for the call), as Pyodide binds `this`.
PyObject* method_vectorcall(PyObject* self, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  JsProxyObject* p = as_proxy(self);
  static PyObject* call_name = nullptr;
  if (!call_name && !(call_name = PyUnicode_InternFromString("call"))) return nullptr;
  JsRef temp;
  JsHandle key = js_name(call_name, &temp);
  isthmus_js_slot out;
  int32_t kind = isthmus_js_getprop(p->id, key.id(), &out);
  if (kind < 0 && kind != wire::ABSENT) return raise_js_error();
  if (kind != ISTHMUS_JS_FUNCTION) {
    // (converted only to release the property's handle, if it has one)
    PyRef value = PyRef::steal(kind == wire::ABSENT ? Py_NewRef(Py_None) : js_slot_to_py(out));
    PyErr_SetString(PyExc_TypeError, "this JS function has no call() method to pass the instance as `this`");
    return nullptr;
  }
  JsRef call = JsRef::adopt(out.id);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  Py_ssize_t total = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
  SmallVector<PyObject*, 8> all(static_cast<size_t>(total + 1));
  all[0] = p->py_this;
  for (Py_ssize_t i = 0; i < total; ++i) all[static_cast<size_t>(i + 1)] = args[i];
  return call_js(call.id(), p->id, all.data(), static_cast<size_t>(nargs + 1), kwnames, false);
}

// A JS function stored on a Python class is a method of its instances, as a
// Python function is: `this` is the instance (Pyodide's JsProxy.__get__).
// Read through the class it stays itself; one with a signature is not bound.
PyObject* callable_descr_get(PyObject* self, PyObject* obj, PyObject*) {
  JsProxyObject* from = as_proxy(self);
  if (!obj || obj == Py_None || from->sig || from->py_this) return Py_NewRef(self);
  PyObject* bound = Py_TYPE(self)->tp_alloc(Py_TYPE(self), 0);
  if (!bound) return nullptr;
  JsProxyObject* p = as_proxy(bound);
  p->id = JsRef::borrow(JsHandle(from->id)).detach();
  p->this_id = kJsError;
  p->sig = nullptr;
  p->py_this = Py_NewRef(obj);
  p->vectorcall = method_vectorcall;
  return bound;
}

PyObject* callable_new(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return call_js(as_proxy(self)->id, kJsUndefined, args, static_cast<size_t>(nargs), kwnames, true);
}

int32_t op(wire::Op code, PyObject* self, PyObject* arg, SlotKeepAlive& keep) {
  isthmus_js_slot slot;
  if (arg && !py_to_slot(arg, &slot, keep, false)) return -3;
  return isthmus_js_op(static_cast<int32_t>(code), as_proxy(self)->id, arg ? &slot : nullptr);
}

PyObject* op_value(wire::Op code, PyObject* self, PyObject* arg) {
  SlotKeepAlive keep;
  isthmus_js_slot slot;
  if (arg && !py_to_slot(arg, &slot, keep, false)) return nullptr;
  isthmus_js_slot out;
  int32_t kind = isthmus_js_op_value(static_cast<int32_t>(code), as_proxy(self)->id, arg ? &slot : nullptr, &out);
  return result_to_py(kind, out, kJsError);
}

Py_ssize_t proxy_length(PyObject* self) {
  SlotKeepAlive keep;
  int32_t n = op(wire::Op::LENGTH, self, nullptr, keep);
  if (n == wire::ABSENT) {
    PyErr_SetString(PyExc_TypeError, "object of type 'JsProxy' has no len()");
    return -1;
  }
  if (n < 0) {
    // JS answers -1 only with an error pending (js/js_ops.mjs checks lengths).
    if (n == wire::THREW) raise_js_error();
    else
      PyErr_Format(PyExc_SystemError, "isthmus: unexpected length code %d", static_cast<int>(n));
    return -1;
  }
  return n;
}

// a[i:j:k] of a JS Array or TypedArray: python/_isthmus/jsproxy_views.py
// (slices are rare; an index stays on the native path).
bool is_array_slice(PyObject* self, PyObject* key) {
  return PySlice_Check(key) && PyObject_TypeCheck(self, JsArrayType);
}

PyObject* array_slice_call(const char* name, PyObject** cache, PyObject* self, PyObject* key, PyObject* value) {
  PyObject* fn = cached_python_attr(cache, "_isthmus.jsproxy_views", name);
  if (!fn) return nullptr;
  return value ? PyObject_CallFunctionObjArgs(fn, self, key, value, nullptr)
               : PyObject_CallFunctionObjArgs(fn, self, key, nullptr);
}

PyObject* proxy_getitem(PyObject* self, PyObject* key) {
  if (is_array_slice(self, key)) {
    static PyObject* helper = nullptr;
    return array_slice_call("array_getslice", &helper, self, key, nullptr);
  }
  return op_value(wire::Op::GETITEM, self, key);
}

PyObject* proxy_sq_item(PyObject* self, Py_ssize_t i) {
  PyRef key = PyRef::steal(PyLong_FromSsize_t(i));
  if (!key) return nullptr;
  PyObject* r = proxy_getitem(self, key.get());
  return r;
}

int proxy_setitem(PyObject* self, PyObject* key, PyObject* value) {
  if (is_array_slice(self, key)) {
    static PyObject* set_helper = nullptr;
    static PyObject* del_helper = nullptr;
    PyRef done = PyRef::steal(value ? array_slice_call("array_setslice", &set_helper, self, key, value)
                                    : array_slice_call("array_delslice", &del_helper, self, key, nullptr));
    return done ? 0 : -1;
  }
  SlotKeepAlive keep;
  isthmus_js_slot k;
  if (!py_to_slot(key, &k, keep, false)) return -1;
  int32_t rc;
  if (value == nullptr) {
    rc = isthmus_js_op(static_cast<int32_t>(wire::Op::DELITEM), as_proxy(self)->id, &k);
  } else {
    isthmus_js_slot v;
    if (!py_to_slot(value, &v, keep, /*owned=*/true)) return -1;
    rc = isthmus_js_setitem(as_proxy(self)->id, &k, &v);
  }
  if (rc < 0) {
    raise_js_error();
    return -1;
  }
  return 0;
}

// PySequence_SetItem / PySequence_DelItem (C code, ctypes) of a JS Array.
int array_sq_ass_item(PyObject* self, Py_ssize_t i, PyObject* value) {
  PyRef key = PyRef::steal(PyLong_FromSsize_t(i));
  return key ? proxy_setitem(self, key.get(), value) : -1;
}

int proxy_contains(PyObject* self, PyObject* value) {
  SlotKeepAlive keep;
  int32_t r = op(wire::Op::CONTAINS, self, value, keep);
  if (r == wire::THREW) raise_js_error();
  return r < 0 ? -1 : r;
}

int proxy_bool(PyObject* self) {
  SlotKeepAlive keep;
  int32_t r = op(wire::Op::TRUTHY, self, nullptr, keep);
  if (r == wire::THREW) raise_js_error();
  return r < 0 ? -1 : r;
}

PyObject* proxy_richcompare(PyObject* self, PyObject* other, int cmp) {
  if (cmp != Py_EQ && cmp != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  SlotKeepAlive keep;
  int32_t r = op(wire::Op::STRICT_EQUALS, self, other, keep);
  if (r < 0) {
    if (r == wire::THREW) return raise_js_error();
    return nullptr;
  }
  return PyBool_FromLong(cmp == Py_EQ ? r : !r);
}

Py_hash_t proxy_hash(PyObject* self) {
  SlotKeepAlive keep;
  int32_t id = op(wire::Op::JS_ID, self, nullptr, keep);
  if (id < 0) {
    raise_js_error();
    return -1;
  }
  return id;  // ids start at 1: never -1, the hash of an error
}

// repr() never fails (a revoked Proxy is "[object]"); str() is JS's String()
// as Pyodide makes it, whose errors are JsExceptions.
PyObject* proxy_repr(PyObject* self) { return op_value(wire::Op::TO_STRING, self, nullptr); }

PyObject* proxy_str(PyObject* self) { return op_value(wire::Op::TO_STRING, self, Py_True); }

PyObject* proxy_iter(PyObject* self) {
  isthmus_js_slot out;
  int32_t kind = isthmus_js_op_value(static_cast<int32_t>(wire::Op::ITER), as_proxy(self)->id, nullptr, &out);
  if (kind == wire::ABSENT) return Py_NewRef(self);  // JS's iterator is the object itself
  return result_to_py(kind, out, kJsError);
}

PyObject* proxy_iternext(PyObject* self) {
  isthmus_js_slot out;
  int32_t kind = isthmus_js_iter_next(as_proxy(self)->id, &out);
  if (kind == wire::ABSENT) return nullptr;  // StopIteration, no error set
  return result_to_py(kind, out, kJsError);
}

// `await proxy`: a Future resolved by the JS thenable.
PyObject* proxy_await(PyObject* self) {
  static PyObject* helper = nullptr;
  return js_await_call(self, "await_thenable", &helper);
}

// `anext(proxy)`, `await proxy.__anext__()` of a JS async iterator.
PyObject* proxy_anext(PyObject* self) {
  static PyObject* helper = nullptr;
  return js_await_call(self, "js_anext", &helper);
}

// `async for x in proxy`: over Symbol.asyncIterator.
PyObject* proxy_aiter(PyObject* self) {
  static PyObject* helper = nullptr;
  return js_await_call(self, "js_aiter", &helper);
}

PyObject* get_typeof(PyObject* self, void*) { return op_value(wire::Op::TYPEOF, self, nullptr); }

PyObject* get_js_id(PyObject* self, void*) {
  SlotKeepAlive keep;
  int32_t id = op(wire::Op::JS_ID, self, nullptr, keep);
  if (id < 0) return raise_js_error();
  return PyLong_FromLong(id);
}

PyObject* m_object_keys(PyObject* self, PyObject*) { return op_value(wire::Op::KEYS, self, nullptr); }
PyObject* m_object_values(PyObject* self, PyObject*) { return op_value(wire::Op::VALUES, self, nullptr); }
PyObject* m_object_entries(PyObject* self, PyObject*) { return op_value(wire::Op::ENTRIES, self, nullptr); }

// dir(): as Pyodide's, object.__dir__(self) (the type's names) and the JS
// names (OP.DIR: the prototype chain's, no indices, keywords as `from_`),
// sorted, each once.
PyObject* m_dir(PyObject* self, PyObject*) {
  PyRef names = PyRef::steal(op_value(wire::Op::DIR, self, nullptr));
  if (!names) return nullptr;
  PyRef base = PyRef::steal(PyObject_CallMethod(reinterpret_cast<PyObject*>(&PyBaseObject_Type), "__dir__", "O", self));
  PyRef all = PyRef::steal(base ? PySet_New(base.get()) : nullptr);
  PyRef it = PyRef::steal(all ? PyObject_GetIter(names.get()) : nullptr);
  if (!it) return nullptr;
  while (PyRef name = PyRef::steal(PyIter_Next(it.get()))) {
    if (PySet_Add(all.get(), name.get()) < 0) return nullptr;
  }
  if (PyErr_Occurred()) return nullptr;
  PyRef list = PyRef::steal(PySequence_List(all.get()));
  if (!list || PyList_Sort(list.get()) < 0) return nullptr;
  return list.release();
}

// 1 if the JS value has a Symbol.dispose (async: Symbol.asyncDispose)
// method, else 0 with a TypeError set (-1 with the JS error raised).
int has_dispose(PyObject* self, bool async) {
  SlotKeepAlive keep;
  int32_t r = op(wire::Op::HAS_DISPOSE, self, async ? Py_True : nullptr, keep);
  if (r == 1) return 1;
  if (r == 0) {
    PyErr_Format(PyExc_TypeError, "'%s' object does not support the %scontext manager protocol (it has no %s method)",
                 Py_TYPE(self)->tp_name, async ? "asynchronous " : "",
                 async ? "[Symbol.asyncDispose]" : "[Symbol.dispose]");
    return 0;
  }
  if (r == -1) raise_js_error();
  return -1;
}

// `with obj:` on a JS value with a Symbol.dispose method (explicit resource
// management), as Pyodide: __enter__ gives obj, __exit__ disposes of it.
PyObject* m_enter(PyObject* self, PyObject*) { return has_dispose(self, false) == 1 ? Py_NewRef(self) : nullptr; }

PyObject* m_exit(PyObject* self, PyObject*) {
  PyRef done = PyRef::steal(op_value(wire::Op::DISPOSE, self, nullptr));
  if (!done) return nullptr;
  Py_RETURN_NONE;  // (false: the exception, if any, goes on)
}

// `async with obj:`: Symbol.asyncDispose; __aexit__ is its result (awaited).
PyObject* m_aenter(PyObject* self, PyObject*) {
  static PyObject* helper = nullptr;
  return has_dispose(self, true) == 1 ? js_await_call(self, "js_aenter", &helper) : nullptr;
}

PyObject* m_aexit(PyObject* self, PyObject*) { return op_value(wire::Op::DISPOSE, self, Py_True); }

// to_py(*, depth=-1, default_converter=None): see typeconv/to_py_deep.h.
PyObject* m_to_py(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const names[] = {"depth", "default_converter"};
  PyObject* values[2] = {nullptr, nullptr};
  if (nargs > 0) {
    PyErr_SetString(PyExc_TypeError, "to_py() takes keyword arguments only (depth=, default_converter=)");
    return nullptr;
  }
  for (Py_ssize_t i = 0; kwnames && i < PyTuple_GET_SIZE(kwnames); ++i) {
    const char* name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(kwnames, i));
    int which = name && std::strcmp(name, names[0]) == 0 ? 0 : name && std::strcmp(name, names[1]) == 0 ? 1 : -1;
    if (which < 0) {
      PyErr_Format(PyExc_TypeError, "to_py() got an unexpected keyword argument '%s'", name ? name : "?");
      return nullptr;
    }
    values[which] = args[i];
  }
  int depth = -1;
  if (values[0] && values[0] != Py_None) {
    depth = PyLong_AsLong(values[0]);
    if (depth == -1 && PyErr_Occurred()) return nullptr;
  }
  PyObject* dc = values[1] == Py_None ? nullptr : values[1];
  return to_py_deep(JsHandle(as_proxy(self)->id), depth, dc);
}

// bind_sig(signature): a copy of the proxy (same JS value and `this`) whose
// attributes and calls follow the signature (Pyodide's experimental API).
PyObject* m_bind_sig(PyObject* self, PyObject* sig) {
  if (sig == Py_None) {
    PyErr_SetString(PyExc_TypeError, "bind_sig() takes the function or class whose annotations to follow, not None");
    return nullptr;
  }
  JsProxyObject* from = as_proxy(self);
  PyObject* obj = Py_TYPE(self)->tp_alloc(Py_TYPE(self), 0);
  if (!obj) return nullptr;
  JsProxyObject* p = as_proxy(obj);
  p->id = JsRef::borrow(JsHandle(from->id)).detach();
  p->this_id = from->this_id == kJsError ? kJsError : JsRef::borrow(JsHandle(from->this_id)).detach();
  p->sig = Py_NewRef(sig);
  p->py_this = nullptr;
  p->vectorcall = from->vectorcall ? bound_vectorcall : nullptr;
  return obj;
}

PyMethodDef proxy_methods[] = {
    {"bind_sig", m_bind_sig, METH_O, "A copy of this JsProxy whose attributes and calls follow a signature."},
    {"object_keys", m_object_keys, METH_NOARGS, "Object.keys(obj)"},
    {"object_values", m_object_values, METH_NOARGS, "Object.values(obj)"},
    {"object_entries", m_object_entries, METH_NOARGS, "Object.entries(obj)"},
    {"to_py", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(m_to_py)), METH_FASTCALL | METH_KEYWORDS,
     "Convert to Python: Array -> list, Object/Map -> dict, Set -> set, binary -> memoryview."},
    {"__dir__", m_dir, METH_NOARGS, nullptr},
    {"__enter__", m_enter, METH_NOARGS, "with obj: for a JS value with a Symbol.dispose method"},
    {"__exit__", m_exit, METH_VARARGS, "obj[Symbol.dispose]()"},
    {"__aenter__", m_aenter, METH_NOARGS, "async with obj: for a JS value with a Symbol.asyncDispose method"},
    {"__aexit__", m_aexit, METH_VARARGS, "obj[Symbol.asyncDispose]() (awaited)"},
    {"to_bytes", js_to_bytes, METH_NOARGS, "Copy JS binary data into bytes."},
    {"to_memoryview", js_to_memoryview, METH_NOARGS, "Copy JS binary data into a memoryview of its format."},
    {"to_string", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(js_to_string)),
     METH_FASTCALL | METH_KEYWORDS, "Decode JS binary data (encoding='utf8')."},
    {"assign", js_assign, METH_O, "Copy a Python buffer into this JS array (same size)."},
    {"assign_to", js_assign_to, METH_O, "Copy this JS array into a writable Python buffer (same size)."},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef callable_methods[] = {
    {"new", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(callable_new)),
     METH_FASTCALL | METH_KEYWORDS, "new X(...args)"},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef proxy_getset[] = {
    {"typeof", get_typeof, nullptr, "typeof obj", nullptr},
    {"js_id", get_js_id, nullptr, "An id that is the same for the same JS object", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

JsId js_proxy_id(PyObject* obj) {
  if (is_proxy_type(obj)) return as_proxy(obj)->id;
  return js_exception_id(obj);
}

PyObject* js_proxy_this(PyObject* obj) {
  if (!is_proxy_type(obj) || as_proxy(obj)->this_id == kJsError) Py_RETURN_NONE;
  return js_proxy_new(JsRef::borrow(JsHandle(as_proxy(obj)->this_id)), JsRef(), ISTHMUS_JS_OBJECT);
}

PyObject* js_proxy_new(JsRef value, JsRef self, int32_t kind) {
  if (!value.valid()) return nullptr;
  PyTypeObject* type = kind == ISTHMUS_JS_FUNCTION      ? JsCallableType
                       : kind == ISTHMUS_JS_ARRAY       ? JsArrayType
                       : kind == ISTHMUS_JS_MAP         ? JsMapType
                       : kind == ISTHMUS_JS_MUTABLE_MAP ? JsMutableMapType
                                                        : JsProxyType;
  PyObject* obj = type->tp_alloc(type, 0);
  if (!obj) return nullptr;
  JsProxyObject* p = as_proxy(obj);
  p->id = value.detach();
  p->this_id = self.valid() ? self.detach() : kJsError;
  p->vectorcall = kind == ISTHMUS_JS_FUNCTION ? callable_vectorcall : nullptr;
  p->sig = nullptr;
  p->py_this = nullptr;
  return obj;
}

bool init_js_proxy_types(PyObject* module) {
  PyType_Slot proxy_slots[] = {
      {Py_tp_dealloc, reinterpret_cast<void*>(proxy_dealloc)},
      {Py_tp_getattro, reinterpret_cast<void*>(proxy_getattro)},
      {Py_tp_setattro, reinterpret_cast<void*>(proxy_setattro)},
      {Py_tp_repr, reinterpret_cast<void*>(proxy_repr)},
      {Py_tp_str, reinterpret_cast<void*>(proxy_str)},
      {Py_tp_hash, reinterpret_cast<void*>(proxy_hash)},
      {Py_tp_richcompare, reinterpret_cast<void*>(proxy_richcompare)},
      {Py_tp_iter, reinterpret_cast<void*>(proxy_iter)},
      {Py_tp_iternext, reinterpret_cast<void*>(proxy_iternext)},
      {Py_mp_length, reinterpret_cast<void*>(proxy_length)},
      {Py_mp_subscript, reinterpret_cast<void*>(proxy_getitem)},
      {Py_mp_ass_subscript, reinterpret_cast<void*>(proxy_setitem)},
      {Py_sq_contains, reinterpret_cast<void*>(proxy_contains)},
      {Py_sq_item, reinterpret_cast<void*>(proxy_sq_item)},
      {Py_sq_length, reinterpret_cast<void*>(proxy_length)},
      {Py_nb_bool, reinterpret_cast<void*>(proxy_bool)},
      {Py_am_await, reinterpret_cast<void*>(proxy_await)},
      {Py_am_aiter, reinterpret_cast<void*>(proxy_aiter)},
      {Py_am_anext, reinterpret_cast<void*>(proxy_anext)},
      {Py_tp_methods, proxy_methods},
      {Py_tp_getset, proxy_getset},
      {Py_tp_doc, const_cast<char*>("A JavaScript value seen from Python.")},
      {0, nullptr},
  };
  PyType_Spec proxy_spec = {"pyodide.ffi.JsProxy", sizeof(JsProxyObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                            proxy_slots};
  JsProxyType = reinterpret_cast<PyTypeObject*>(PyType_FromSpec(&proxy_spec));
  if (!JsProxyType) return false;

  PyMemberDef callable_members[] = {
      {"__vectorcalloffset__", T_PYSSIZET, offsetof(JsProxyObject, vectorcall), READONLY, nullptr},
      {nullptr, 0, 0, 0, nullptr},
  };
  PyType_Slot callable_slots[] = {
      {Py_tp_call, reinterpret_cast<void*>(PyVectorcall_Call)},
      {Py_tp_descr_get, reinterpret_cast<void*>(callable_descr_get)},
      {Py_tp_methods, callable_methods},
      {Py_tp_members, callable_members},
      {0, nullptr},
  };
  PyType_Spec callable_spec = {"pyodide.ffi.JsCallable", sizeof(JsProxyObject), 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL, callable_slots};
  JsCallableType = reinterpret_cast<PyTypeObject*>(
      PyType_FromSpecWithBases(&callable_spec, reinterpret_cast<PyObject*>(JsProxyType)));
  if (!JsCallableType) return false;

  // Arrays and TypedArrays: registered as a collections.abc.MutableSequence
  // (which sets Py_TPFLAGS_SEQUENCE: `match arr: case [a, b]:`) at start-up.
  // Named JsProxy as Pyodide's types of JS values all are (type(x).__name__);
  // _core.JsArray / pyodide.ffi.JsArray is the class for isinstance().
  PyType_Slot array_slots[] = {
      {Py_sq_ass_item, reinterpret_cast<void*>(array_sq_ass_item)},
      {Py_tp_doc, const_cast<char*>("A JavaScript Array or TypedArray seen from Python.")},
      {0, nullptr},
  };
  PyType_Spec array_spec = {"pyodide.ffi.JsProxy", sizeof(JsProxyObject), 0, Py_TPFLAGS_DEFAULT, array_slots};
  JsArrayType =
      reinterpret_cast<PyTypeObject*>(PyType_FromSpecWithBases(&array_spec, reinterpret_cast<PyObject*>(JsProxyType)));
  if (!JsArrayType) return false;

  // Map-likes (js/map_like.mjs): a collections.abc.Mapping / MutableMapping,
  // with its mixin methods (get, items, pop, update...), from start-up
  // (python/_isthmus/jsproxy_views.py), as Pyodide's JsMap / JsMutableMap.
  PyType_Slot map_slots[] = {
      {Py_tp_doc, const_cast<char*>("A JavaScript Map-like object seen from Python.")},
      {0, nullptr},
  };
  PyType_Spec map_spec = {"pyodide.ffi.JsProxy", sizeof(JsProxyObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                          map_slots};
  JsMapType =
      reinterpret_cast<PyTypeObject*>(PyType_FromSpecWithBases(&map_spec, reinterpret_cast<PyObject*>(JsProxyType)));
  if (!JsMapType) return false;
  PyType_Slot mutable_map_slots[] = {
      {Py_tp_doc, const_cast<char*>("A JavaScript Map seen from Python.")},
      {0, nullptr},
  };
  PyType_Spec mutable_map_spec = {"pyodide.ffi.JsProxy", sizeof(JsProxyObject), 0, Py_TPFLAGS_DEFAULT,
                                  mutable_map_slots};
  JsMutableMapType = reinterpret_cast<PyTypeObject*>(
      PyType_FromSpecWithBases(&mutable_map_spec, reinterpret_cast<PyObject*>(JsMapType)));
  if (!JsMutableMapType) return false;

  return PyModule_AddObjectRef(module, "JsProxy", reinterpret_cast<PyObject*>(JsProxyType)) == 0 &&
         PyModule_AddObjectRef(module, "JsCallable", reinterpret_cast<PyObject*>(JsCallableType)) == 0 &&
         PyModule_AddObjectRef(module, "JsArray", reinterpret_cast<PyObject*>(JsArrayType)) == 0 &&
         PyModule_AddObjectRef(module, "JsMap", reinterpret_cast<PyObject*>(JsMapType)) == 0 &&
         PyModule_AddObjectRef(module, "JsMutableMap", reinterpret_cast<PyObject*>(JsMutableMapType)) == 0 &&
         init_js_exception_type(module) && init_jsnull(module);
}

}  // namespace isthmus
