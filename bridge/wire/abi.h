// The door between the two halves: every function that crosses, in both
// directions, in one list (as nanobind's nb_backend_slots.h lists its own).
// Arguments and results are primitives only: handle ids, pointers into wasm
// memory (isthmus_js_slot vectors, PyObject*), lengths, numbers. Kinds,
// result codes and operation numbers are in wire.h.
//
//   C++ -> JS  isthmus_js_*   bodies in js/abi.lib.js (one per name; a JS
//                             exception is parked, the result is RESULT.THREW)
//   JS -> C++  isthmus_*      defined in bridge/exports.cpp (the runtime API),
//              isthmus_py_*   proxies/py_proxy_ops.cpp and py_buffer.cpp (PyProxy);
//                             a failure parks a PythonError (isthmus_take_error)
#pragma once
#include <cstddef>
#include <cstdint>

typedef struct _object PyObject;  // as Python.h spells it
struct isthmus_js_slot;
struct isthmus_buffer_info;

extern "C" {
using isthmus_js_id = int32_t;

// ============================ C++ -> JS ========================================

// ---- handles ----
void isthmus_js_release(isthmus_js_id id);
void isthmus_js_release_many(const isthmus_js_id* ids, int32_t n);
isthmus_js_id isthmus_js_dup(isthmus_js_id id);  // a second slot, same value
int32_t isthmus_js_live_count();

// ---- values made from C++ data ----
isthmus_js_id isthmus_js_from_f64(double value);
isthmus_js_id isthmus_js_bigint_from_decimal(const char* digits, size_t len);
isthmus_js_id isthmus_js_from_latin1(const uint8_t* chars, size_t len);
isthmus_js_id isthmus_js_from_utf16(const uint16_t* units, size_t len);
isthmus_js_id isthmus_js_from_utf8(const char* bytes, size_t len);
// A PyProxy that owns one reference to obj (the caller gives it); aux: the
// AUX.PYPROXY_* bits a slot of obj would have (callable, sequence).
isthmus_js_id isthmus_js_pyproxy_new(PyObject* obj, int32_t aux);

// ---- reading JS values ----
// The value's kind, written as a slot (out->id = id).
int32_t isthmus_js_classify(isthmus_js_id id, isthmus_js_slot* out);
// Copy a string's code units (aux bytes each, see classify) into out.
void isthmus_js_string_write(isthmus_js_id id, void* out, int32_t units_size);
// Writes at most capacity-1 bytes and a NUL; returns the bytes written.
int32_t isthmus_js_string_write_utf8(isthmus_js_id id, char* out, size_t capacity);
// String(BigInt) as a new string id.
isthmus_js_id isthmus_js_op_value_string(isthmus_js_id bigint);

// ---- errors ----
// A PythonError built from two string ids, which it consumes. exc (a new
// reference, or null) is kept so the exception can cross back to Python.
isthmus_js_id isthmus_js_python_error(isthmus_js_id message, isthmus_js_id type_name, PyObject* exc);
// The error a failed operation parked (owned by the caller).
isthmus_js_id isthmus_js_take_error();
// A JsException's text ("Name: message").
isthmus_js_id isthmus_js_error_text(isthmus_js_id error);

// ---- operations: a kind (value in *out), a count, or RESULT.THREW / ABSENT ----
int32_t isthmus_js_getprop(isthmus_js_id obj, isthmus_js_id key, isthmus_js_slot* out);  // ABSENT: none
int32_t isthmus_js_setprop(isthmus_js_id obj, isthmus_js_id key, const isthmus_js_slot* value);
int32_t isthmus_js_delprop(isthmus_js_id obj, isthmus_js_id key);
int32_t isthmus_js_call(isthmus_js_id fn, isthmus_js_id self, const isthmus_js_slot* args, int32_t nargs,
                        isthmus_js_slot* out);
int32_t isthmus_js_construct(isthmus_js_id fn, const isthmus_js_slot* args, int32_t nargs, isthmus_js_slot* out);
// OP (wire.h) with one optional argument: a number, or a JS value into *out.
int32_t isthmus_js_op(int32_t op, isthmus_js_id obj, const isthmus_js_slot* arg);
int32_t isthmus_js_op_value(int32_t op, isthmus_js_id obj, const isthmus_js_slot* arg, isthmus_js_slot* out);
int32_t isthmus_js_setitem(isthmus_js_id obj, const isthmus_js_slot* key, const isthmus_js_slot* value);
// Next value of a JS iterator; ABSENT when done.
int32_t isthmus_js_iter_next(isthmus_js_id iterator, isthmus_js_slot* out);

// ---- deep conversions ----
// Copy the bytes of a JS ArrayBuffer / TypedArray / DataView from (to_wasm=1)
// or into (0) wasm memory; the lengths must match.
int32_t isthmus_js_copy_bytes(isthmus_js_id obj, void* ptr, int32_t len, int32_t to_wasm);
// Append n slots to an Array/Set, or key/value slots to an Object/Map (keys
// null for Array/Set).
int32_t isthmus_js_fill(isthmus_js_id obj, const isthmus_js_slot* keys, const isthmus_js_slot* values, int32_t n);
// A new TypedArray (wire.h TYPED_ARRAY) copied from wasm memory.
int32_t isthmus_js_typed_array_copy(int32_t type, const void* ptr, int32_t byte_length, isthmus_js_slot* out);
// Encode up to n entries of an Array/Set (values) or Object/Map (keys,
// values); returns how many.
int32_t isthmus_js_entries_to_slots(isthmus_js_id obj, isthmus_js_slot* keys, isthmus_js_slot* values, int32_t n);

// ============================ JS -> C++ ========================================

// ---- the runtime (bridge/exports.cpp) ----
// Before isthmus_init: the `isthmus` command's argv as NUL-separated UTF-8.
void isthmus_set_cli_argv(const char* buf, int len);
// Start CPython with the recursion limit the JS stack holds; HANDLE.UNDEFINED or THREW.
isthmus_js_id isthmus_init(int recursion_limit);
int32_t isthmus_set_signal_handling(int on);  // setInterruptBuffer
// checkInterrupt(): THREW with KeyboardInterrupt; ABSENT: left pending (no GIL: a stdio handler).
int32_t isthmus_check_interrupt();
// runPython: code (a string id, borrowed) in globals (a dict, or null for __main__'s).
int32_t isthmus_run_python(isthmus_js_id code, PyObject* globals, isthmus_js_slot* out);
int32_t isthmus_pyimport(isthmus_js_id name, isthmus_js_slot* out);
// A function of python/_isthmus/api.py by name (the JS API's Python half).
int32_t isthmus_api(isthmus_js_id name, isthmus_js_slot* out);
// The PythonError of the last call that failed (owned by the caller).
isthmus_js_id isthmus_take_error();
void isthmus_flush_releases();    // free the handles C++ let go of
void isthmus_drop_caches();       // the caches holding handles (leak checks)
int32_t isthmus_heap_in_use();    // malloc'd bytes (leak checks)
const char* isthmus_wire_json();  // wire.h as this build sees it (tests/js/wire.test.mjs)

// ---- PyProxy (proxies/py_proxy_ops.cpp): a kind (value in *out), a count, or THREW ----
void isthmus_py_incref(PyObject* obj);
void isthmus_py_decref(PyObject* obj);
const char* isthmus_py_type_name(PyObject* obj);
// An interned str for a short string slot (a new reference), or null on MemoryError.
PyObject* isthmus_py_intern(const isthmus_js_slot* name);
int32_t isthmus_py_getattr(PyObject* obj, const isthmus_js_slot* key, isthmus_js_slot* out);  // ABSENT: none
int32_t isthmus_py_bind_method(PyObject* obj, PyObject* func, isthmus_js_slot* out);
int32_t isthmus_py_setattr(PyObject* obj, const isthmus_js_slot* key, const isthmus_js_slot* value);  // null: del
int32_t isthmus_py_hasattr(PyObject* obj, const isthmus_js_slot* key);
int32_t isthmus_py_getitem(PyObject* obj, const isthmus_js_slot* key, isthmus_js_slot* out);          // ABSENT: no key
int32_t isthmus_py_setitem(PyObject* obj, const isthmus_js_slot* key, const isthmus_js_slot* value);  // null: del
int32_t isthmus_py_contains(PyObject* obj, const isthmus_js_slot* key);
int32_t isthmus_py_length(PyObject* obj);
// nargs positional slots; kwargs (nullable) a JS object slot of keyword arguments.
int32_t isthmus_py_call(PyObject* callable, const isthmus_js_slot* args, int32_t nargs, const isthmus_js_slot* kwargs,
                        isthmus_js_slot* out);
int32_t isthmus_py_iter(PyObject* obj, isthmus_js_slot* out);
int32_t isthmus_py_next(PyObject* it, isthmus_js_slot* out);  // ABSENT: exhausted
// send/throw into a generator; ABSENT when it returned (the value in *out).
int32_t isthmus_py_gen_send(PyObject* gen, const isthmus_js_slot* value, int32_t is_throw, isthmus_js_slot* out);
int32_t isthmus_py_describe(PyObject* obj, int32_t what, isthmus_js_slot* out);  // wire.h DESCRIBE
int32_t isthmus_py_dir(PyObject* obj, isthmus_js_slot* out);

// ---- buffers (proxies/py_buffer.cpp) ----
// Acquire obj's buffer and describe it in *info (wire.h BUFFER_INFO); THREW on failure.
int32_t isthmus_py_get_buffer(PyObject* obj, isthmus_buffer_info* info);
void isthmus_py_release_buffer(void* held);
}
