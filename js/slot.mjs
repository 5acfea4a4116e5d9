// sizeof(isthmus_js_slot) in bridge/js_slot.h.
export const SLOT_SIZE = 24;
/** encode() modes for short strings (js/bridge.mjs), and the aux bit that
 * tells C++ the slot holds the code units' address (typeconv/js_to_py.cpp). */
export const INLINE_PUSH = 1, INLINE_TRANSIENT = 2, INLINE_STRING = 16;
/** Strings up to this many UTF-16 units are short (inline, cached); longer
 * ones cross as UTF-8. ISTHMUS_JS_INLINE_STRING_MAX in bridge/js_slot.h. */
export const INLINE_STRING_MAX = 64;
