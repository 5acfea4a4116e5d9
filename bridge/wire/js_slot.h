// A JS value in transit, written into wasm memory by either side: the unit
// of argument vectors and results. Scalars travel inline (no handle); other
// values as a handle id; Python objects as a PyObject* for a PyProxy.
// Kinds, offsets and aux bits are defined in wire.h (shared with JS).
#pragma once
#include <cstddef>
#include <cstdint>

#include "wire.h"

extern "C" {
#define ISTHMUS_WIRE_KIND_ITEM(name, value) ISTHMUS_JS_##name = value,
enum isthmus_js_kind : int32_t { ISTHMUS_WIRE_KIND(ISTHMUS_WIRE_KIND_ITEM) };
#undef ISTHMUS_WIRE_KIND_ITEM

struct isthmus_js_slot {
  int32_t kind;   // isthmus_js_kind
  int32_t id;     // handle id, PyObject*, or the code units' address
  double num;     // NUMBER's value; STRING's length
  int32_t aux;    // wire.h AUX bits
  int32_t ascii;  // JS -> C++ strings: 1 when every code unit is ASCII
};
}

static_assert(offsetof(isthmus_js_slot, kind) == isthmus::wire::slot::KIND);
static_assert(offsetof(isthmus_js_slot, id) == isthmus::wire::slot::ID);
static_assert(offsetof(isthmus_js_slot, num) == isthmus::wire::slot::NUM);
static_assert(offsetof(isthmus_js_slot, aux) == isthmus::wire::slot::AUX);
static_assert(offsetof(isthmus_js_slot, ascii) == isthmus::wire::slot::ASCII);
static_assert(sizeof(isthmus_js_slot) == isthmus::wire::slot::SIZE);
