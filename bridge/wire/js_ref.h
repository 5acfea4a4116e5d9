// Handles on JS values held by C++, in the style of pybind11's handle/object.
// JsHandle borrows an id; JsRef owns one reference. Copies of a JsRef count
// on the C++ side (no call into JS); the last one releases the JS slot.
#pragma once
#include <cstdint>
#include <utility>

#include "abi.h"
#include "wire.h"

namespace isthmus {

using JsId = isthmus_js_id;

// Immortal slots (wire.h HANDLE, shared with js/handles.mjs).
#define ISTHMUS_WIRE_HANDLE_ID(name, value) inline constexpr JsId kJsHandle_##name = value;
ISTHMUS_WIRE_HANDLE(ISTHMUS_WIRE_HANDLE_ID)
#undef ISTHMUS_WIRE_HANDLE_ID
inline constexpr JsId kJsUndefined = kJsHandle_UNDEFINED;
inline constexpr JsId kJsNull = kJsHandle_NULL;
inline constexpr JsId kJsTrue = kJsHandle_TRUE;
inline constexpr JsId kJsFalse = kJsHandle_FALSE;
inline constexpr JsId kJsGlobalThis = kJsHandle_GLOBAL_THIS;
inline constexpr JsId kJsFirstDynamic = kJsHandle_FIRST_DYNAMIC;
// Not a handle: "a Python error is set" in results (wire.h RESULT.THREW).
inline constexpr JsId kJsError = wire::THREW;

namespace detail {
void js_incref(JsId id);
void js_decref(JsId id);
void js_adopt(JsId id);  // a fresh id from JS starts with one reference
}  // namespace detail

/// A borrowed id: valid while its owner lives.
class JsHandle {
 public:
  constexpr JsHandle() noexcept = default;
  constexpr explicit JsHandle(JsId id) noexcept : id_(id) {}
  constexpr JsId id() const noexcept { return id_; }
  constexpr bool valid() const noexcept { return id_ >= 0; }
  constexpr bool is_undefined() const noexcept { return id_ == kJsUndefined; }

 protected:
  JsId id_ = kJsError;
};

/// An owned reference to a JS value.
class JsRef : public JsHandle {
 public:
  JsRef() = default;
  /// Take ownership of an id JS just handed out.
  static JsRef adopt(JsId id) {
    if (id >= kJsFirstDynamic) detail::js_adopt(id);
    return JsRef(id);
  }
  /// A new reference to a borrowed id.
  static JsRef borrow(JsHandle h) {
    if (h.id() >= kJsFirstDynamic) detail::js_incref(h.id());
    return JsRef(h.id());
  }
  JsRef(const JsRef& other) : JsHandle(other.id_) {
    if (id_ >= kJsFirstDynamic) detail::js_incref(id_);
  }
  JsRef(JsRef&& other) noexcept : JsHandle(other.id_) { other.id_ = kJsError; }
  JsRef& operator=(JsRef other) noexcept {
    std::swap(id_, other.id_);
    return *this;
  }
  ~JsRef() {
    if (id_ >= kJsFirstDynamic) detail::js_decref(id_);
  }
  /// Move ownership out to a raw holder (a C struct): the count is unchanged.
  [[nodiscard]] JsId detach() noexcept {
    JsId id = id_;
    id_ = kJsError;
    return id;
  }
  /// Take back an id previously detach()ed.
  static JsRef reattach(JsId id) noexcept { return JsRef(id); }
  /// Hand this reference to JS: returns an id JS owns (the same slot when
  /// this was the last C++ owner, else a fresh slot for the same value).
  [[nodiscard]] JsId release();

 private:
  constexpr explicit JsRef(JsId id) noexcept : JsHandle(id) {}
};

/// Number of JS slots owned outside the table (leak tests); flushes first.
int32_t live_js_handles();

/// Free the ids whose last JsRef died (they are queued, see js_ref.cpp).
void flush_releases();

}  // namespace isthmus
