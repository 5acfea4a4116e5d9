// The one door from C++ into JS: implemented in js/abi.lib.js.
// Only primitive arguments: handle ids, pointers, lengths, numbers.
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" {
using isthmus_js_id = int32_t;

void isthmus_js_release(isthmus_js_id id);
void isthmus_js_release_many(const isthmus_js_id* ids, int32_t n);
isthmus_js_id isthmus_js_dup(isthmus_js_id id);  // a second slot, same value
int32_t isthmus_js_live_count();

isthmus_js_id isthmus_js_from_f64(double value);
isthmus_js_id isthmus_js_bigint_from_decimal(const char* digits, size_t len);
isthmus_js_id isthmus_js_from_latin1(const uint8_t* chars, size_t len);
isthmus_js_id isthmus_js_from_utf16(const uint16_t* units, size_t len);
isthmus_js_id isthmus_js_from_utf8(const char* bytes, size_t len);

// Writes at most capacity-1 bytes and a NUL; returns the bytes written.
int32_t isthmus_js_string_write_utf8(isthmus_js_id id, char* out, size_t capacity);

// A PythonError built from two string ids, which it consumes. exc (a new
// reference, or null) is kept so the exception can cross back to Python.
isthmus_js_id isthmus_js_python_error(isthmus_js_id message, isthmus_js_id type_name, void* exc);
}

// ---- Core FFI ---------------------------------------------------------------
// Results are kinds (isthmus_js_kind) with the value in *out, or:
//   -1  JS threw: isthmus_js_take_error() gives the error's id
//   -2  (getprop) the property does not exist
struct isthmus_js_slot;
extern "C" {
int32_t isthmus_js_classify(isthmus_js_id id, isthmus_js_slot* out);  // out->id = id
// Copy a string's code units (aux bytes each, see classify) into out.
void isthmus_js_string_write(isthmus_js_id id, void* out, int32_t units_size);
isthmus_js_id isthmus_js_take_error();

int32_t isthmus_js_getprop(isthmus_js_id obj, isthmus_js_id key, isthmus_js_slot* out);
int32_t isthmus_js_setprop(isthmus_js_id obj, isthmus_js_id key, const isthmus_js_slot* value);
int32_t isthmus_js_delprop(isthmus_js_id obj, isthmus_js_id key);
int32_t isthmus_js_call(isthmus_js_id fn, isthmus_js_id self, const isthmus_js_slot* args, int32_t nargs,
                        isthmus_js_slot* out);
int32_t isthmus_js_construct(isthmus_js_id fn, const isthmus_js_slot* args, int32_t nargs,
                             isthmus_js_slot* out);
// One-argument operations (js/ffi.mjs OP); numeric answer or -1.
int32_t isthmus_js_op(int32_t op, isthmus_js_id obj, const isthmus_js_slot* arg);
// Same, with a JS value as the answer.
int32_t isthmus_js_op_value(int32_t op, isthmus_js_id obj, const isthmus_js_slot* arg, isthmus_js_slot* out);
int32_t isthmus_js_setitem(isthmus_js_id obj, const isthmus_js_slot* key, const isthmus_js_slot* value);
// Next value of a JS iterator; -2 when done.
int32_t isthmus_js_iter_next(isthmus_js_id iterator, isthmus_js_slot* out);
// Copy the bytes of a JS ArrayBuffer / TypedArray / DataView from (to_wasm=1)
// or into (0) wasm memory; the lengths must match. 0, or -1 when JS threw.
int32_t isthmus_js_copy_bytes(isthmus_js_id obj, void* ptr, int32_t len, int32_t to_wasm);
// Deep conversions: append n slots to an Array/Set, or key/value slots to an
// Object/Map (keys null for Array/Set). 0, or -1 when JS threw.
int32_t isthmus_js_fill(isthmus_js_id obj, const isthmus_js_slot* keys, const isthmus_js_slot* values, int32_t n);
// A new TypedArray (type: 0 i8, 1 u8, 2 i16, 3 u16, 4 i32, 5 u32, 6 i64, 7 u64, 8 f32, 9 f64)
// copied from wasm memory.
int32_t isthmus_js_typed_array_copy(int32_t type, const void* ptr, int32_t byte_length, isthmus_js_slot* out);
// Encode up to n entries of an Array/Set (values) or Object/Map (keys, values);
// returns how many, or -1.
int32_t isthmus_js_entries_to_slots(isthmus_js_id obj, isthmus_js_slot* keys, isthmus_js_slot* values, int32_t n);
// A JsException's text ("Name: message").
isthmus_js_id isthmus_js_error_text(isthmus_js_id error);
}
extern "C" {
// A PyProxy that owns one reference to obj (the caller gives it).
isthmus_js_id isthmus_js_pyproxy_new(void* obj, int32_t callable);
}
extern "C" {
// String(BigInt) as a new string id.
isthmus_js_id isthmus_js_op_value_string(isthmus_js_id bigint);
}
