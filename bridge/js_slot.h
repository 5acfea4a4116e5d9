// A JS value in transit, written into wasm memory by either side: the unit
// of argument vectors and results. Scalars travel inline (no handle); other
// values as a handle id; Python objects as a PyObject* for a PyProxy.
#pragma once
#include <cstdint>

extern "C" {
// Kinds (the same numbers are in js/ffi.mjs KIND).
enum isthmus_js_kind : int32_t {
  ISTHMUS_JS_UNDEFINED = 0,
  ISTHMUS_JS_NULL = 1,
  ISTHMUS_JS_TRUE = 2,
  ISTHMUS_JS_FALSE = 3,
  ISTHMUS_JS_NUMBER = 4,   // num
  ISTHMUS_JS_BIGINT = 5,   // id
  ISTHMUS_JS_STRING = 6,   // id; num = length in code units of `aux` bytes (1, 2 or 4)
  ISTHMUS_JS_FUNCTION = 7, // id
  ISTHMUS_JS_OBJECT = 8,   // id
  ISTHMUS_JS_PYPROXY = 9,  // id = PyObject*; JS -> C++: borrowed from the live PyProxy
                           // C++ -> JS: aux = 0 borrowed for the call, 1 owned by JS
  ISTHMUS_JS_SYMBOL = 10,  // id
  ISTHMUS_JS_ERROR = 11,   // id, an Error instance
};

struct isthmus_js_slot {
  int32_t kind;
  int32_t id;
  double num;
  int32_t aux;
  int32_t pad;  // JS -> C++ strings: 1 when every code unit is ASCII
};

// STRING slots with this aux bit carry their code units in wasm memory at
// `id` (aux & 7 bytes each), no handle; strings up to ..._MAX UTF-16 units.
// The same numbers are in js/slot.mjs.
enum : int32_t { ISTHMUS_JS_INLINE_STRING = 16, ISTHMUS_JS_INLINE_STRING_MAX = 64 };
static_assert(sizeof(isthmus_js_slot) == 24, "js/ffi.mjs reads 24-byte slots");
}
