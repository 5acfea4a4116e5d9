// Ownership rules of JsRef: copies count in C++, the last one frees the slot.
#include "bridge/wire/js_ref.h"

#include <gtest/gtest.h>

using isthmus::JsRef;

TEST(JsRef, AdoptAndDestroyFreesTheSlot) {
  int before = isthmus::live_js_handles();
  {
    JsRef r = JsRef::adopt(isthmus_js_from_f64(1.5));
    EXPECT_TRUE(r.valid());
    EXPECT_EQ(isthmus::live_js_handles(), before + 1);
  }
  EXPECT_EQ(isthmus::live_js_handles(), before);
}

TEST(JsRef, CopiesShareOneSlot) {
  int before = isthmus::live_js_handles();
  JsRef a = JsRef::adopt(isthmus_js_from_f64(2));
  {
    JsRef b = a;
    JsRef c = b;
    EXPECT_EQ(b.id(), a.id());
    EXPECT_EQ(isthmus::live_js_handles(), before + 1);  // no JS call per copy
  }
  EXPECT_EQ(isthmus::live_js_handles(), before + 1);
  a = JsRef();
  EXPECT_EQ(isthmus::live_js_handles(), before);
}

TEST(JsRef, MoveTransfersOwnership) {
  int before = isthmus::live_js_handles();
  JsRef a = JsRef::adopt(isthmus_js_from_f64(3));
  JsRef b = std::move(a);
  EXPECT_FALSE(a.valid());
  EXPECT_TRUE(b.valid());
  EXPECT_EQ(isthmus::live_js_handles(), before + 1);
}

TEST(JsRef, ReleaseHandsTheSlotToJs) {
  int before = isthmus::live_js_handles();
  JsRef a = JsRef::adopt(isthmus_js_from_f64(4));
  isthmus::JsId sole = a.release();
  EXPECT_FALSE(a.valid());
  EXPECT_EQ(isthmus::live_js_handles(), before + 1);  // now JS owns it
  isthmus_js_release(sole);

  JsRef x = JsRef::adopt(isthmus_js_from_f64(5));
  JsRef y = x;
  isthmus::JsId shared = y.release();  // x still needs its slot
  EXPECT_NE(shared, x.id());
  EXPECT_EQ(isthmus::live_js_handles(), before + 2);
  isthmus_js_release(shared);
  x = JsRef();
  EXPECT_EQ(isthmus::live_js_handles(), before);
}

TEST(JsRef, ImmortalsAreNeverCounted) {
  int before = isthmus::live_js_handles();
  {
    JsRef u = JsRef::adopt(isthmus::kJsUndefined);
    JsRef t = u;
    EXPECT_EQ(t.release(), isthmus::kJsUndefined);
  }
  EXPECT_EQ(isthmus::live_js_handles(), before);
}
