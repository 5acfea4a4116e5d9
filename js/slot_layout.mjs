// An isthmus_js_slot's fields as indexes into the wasm memory views, from
// the byte offsets of wire.h (SLOT): `H[(p >> 2) + AUX_I32]` reads `aux` of
// the slot at byte address p. Also the codec's modes for short strings.
import { SLOT } from './wire.mjs';

export const SLOT_SIZE = SLOT.SIZE;
export const KIND_I32 = SLOT.KIND >> 2;
export const ID_I32 = SLOT.ID >> 2;
export const AUX_I32 = SLOT.AUX >> 2;
export const ASCII_I32 = SLOT.ASCII >> 2;
export const NUM_F64 = SLOT.NUM >> 3;

/**
 * encode() modes for short strings (js/slot_codec.mjs): their code units go
 * into scratch memory, pushed (freed with the caller's slots) or transient
 * (above the scratch top, for a result C++ reads before JS runs again).
 */
export const INLINE_PUSH = 1, INLINE_TRANSIENT = 2;
