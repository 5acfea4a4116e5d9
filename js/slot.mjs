// sizeof(isthmus_js_slot) in bridge/js_slot.h.
export const SLOT_SIZE = 24;
