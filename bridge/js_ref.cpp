#include "js_ref.h"

#include <cassert>
#include <vector>

namespace isthmus {
namespace {
// counts[slot] = number of JsRef owning the slot. Grows with the JS table;
// never shrinks. Ids carry a generation above kSlotBits in debug tables
// (js/handles.mjs DebugHandleTable).
constexpr int kSlotBits = 20;
constexpr JsId kSlotMask = (1 << kSlotBits) - 1;

struct Counts {
  std::vector<uint32_t> c;
  uint32_t& operator[](JsId id) { return c[static_cast<size_t>(id & kSlotMask)]; }
};
Counts& counts() {
  static Counts c;
  return c;
}
}  // namespace

namespace detail {
void js_adopt(JsId id) {
  auto& c = counts();
  size_t slot = static_cast<size_t>(id & kSlotMask);
  if (slot >= c.c.size()) c.c.resize(slot * 2 + 16, 0);
  assert(c[id] == 0 && "JS handed out an id C++ still owns");
  c[id] = 1;
}
void js_incref(JsId id) { ++counts()[id]; }
void js_decref(JsId id) {
  assert(counts()[id] > 0);
  if (--counts()[id] == 0) isthmus_js_release(id);
}
}  // namespace detail

JsId JsRef::release() {
  JsId id = id_;
  id_ = kJsError;
  if (id < kJsFirstDynamic) return id;
  auto& c = counts();
  if (c[id] == 1) {  // sole owner: the slot itself goes to JS
    c[id] = 0;
    return id;
  }
  --c[id];  // shared: JS gets a slot of its own for the same value
  return isthmus_js_dup(id);
}

int32_t live_js_handles() { return isthmus_js_live_count(); }

}  // namespace isthmus
