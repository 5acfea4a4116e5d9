#include "js_ref.h"

#include <cassert>
#include <vector>

namespace isthmus {
namespace {
// counts[slot] = number of JsRef owning the slot. Grows with the JS table;
// never shrinks. Ids carry a generation above kSlotBits in debug tables
// (js/handles.mjs DebugHandleTable).
constexpr int kSlotBits = kJsHandle_SLOT_BITS;
constexpr JsId kSlotMask = (1 << kSlotBits) - 1;

struct Counts {
  std::vector<uint32_t> c;
  uint32_t& operator[](JsId id) { return c[static_cast<size_t>(id & kSlotMask)]; }
};
Counts& counts() {
  static Counts c;
  return c;
}

constexpr int32_t kReleaseBatch = 64;
struct ReleaseQueue {
  int32_t n = 0;
  JsId ids[kReleaseBatch];
};
ReleaseQueue& release_queue() {
  static ReleaseQueue q;
  return q;
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
  if (--counts()[id] != 0) return;
  // Freed ids wait in a queue and go to JS 64 at a time: one JS call per
  // temporary handle (argument strings, bound methods...) was a third of a
  // short call's cost. A queued id is still taken in the JS table, so it
  // cannot be handed out again before JS frees it.
  ReleaseQueue& q = release_queue();
  q.ids[q.n++] = id;
  if (q.n == kReleaseBatch) flush_releases();
}
}  // namespace detail

void flush_releases() {
  ReleaseQueue& q = release_queue();
  if (q.n == 0) return;
  int32_t n = q.n;
  q.n = 0;  // first: JS may call back into C++ while freeing
  isthmus_js_release_many(q.ids, n);
}

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

int32_t live_js_handles() {
  flush_releases();
  return isthmus_js_live_count();
}

}  // namespace isthmus
