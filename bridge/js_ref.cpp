#include "js_ref.h"

#include <cassert>
#include <vector>

namespace isthmus {
namespace {
// counts[id] = number of JsRef owning id. Grows with the JS table; never shrinks.
std::vector<uint32_t>& counts() {
  static std::vector<uint32_t> c;
  return c;
}
}  // namespace

namespace detail {
void js_adopt(JsId id) {
  auto& c = counts();
  if (static_cast<size_t>(id) >= c.size()) c.resize(static_cast<size_t>(id) * 2 + 16, 0);
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
