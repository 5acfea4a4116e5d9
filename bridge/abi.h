// The one door from C++ into JS: implemented in js/abi.lib.js.
// Only primitive arguments: handle ids, pointers, lengths, numbers.
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" {
using isthmus_js_id = int32_t;

void isthmus_js_release(isthmus_js_id id);
isthmus_js_id isthmus_js_dup(isthmus_js_id id);  // a second slot, same value
int32_t isthmus_js_live_count();

isthmus_js_id isthmus_js_from_f64(double value);
isthmus_js_id isthmus_js_bigint_from_decimal(const char* digits, size_t len);
isthmus_js_id isthmus_js_from_latin1(const uint8_t* chars, size_t len);
isthmus_js_id isthmus_js_from_utf16(const uint16_t* units, size_t len);
isthmus_js_id isthmus_js_from_utf8(const char* bytes, size_t len);

// -1 when the value is not a string.
int32_t isthmus_js_string_utf8_length(isthmus_js_id id);
// Writes at most capacity-1 bytes and a NUL; returns the bytes written.
int32_t isthmus_js_string_write_utf8(isthmus_js_id id, char* out, size_t capacity);

// A PythonError built from two string ids, which it consumes.
isthmus_js_id isthmus_js_python_error(isthmus_js_id message, isthmus_js_id type_name);
}
