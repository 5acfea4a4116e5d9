// The JS handle table: C++ refers to JS values by small integer ids.
// Slots 0..4 are immortal (undefined, null, true, false, globalThis); other
// slots are recycled through a free-list stack. C++ keeps its own reference
// counts (bridge/js_ref.h), so each id here has exactly one owner.

import { HANDLE } from './wire.mjs';

/** Ids of the immortal slots (wire.h HANDLE, as bridge/wire/js_ref.h). */
export const { UNDEFINED, NULL, TRUE, FALSE, GLOBAL_THIS } = HANDLE;
const FIRST_DYNAMIC = HANDLE.FIRST_DYNAMIC;

export class HandleTable {
  /** @param {object} [globalObject] the value of slot GLOBAL_THIS */
  constructor(globalObject = globalThis) {
    /** @type {unknown[]} */
    this.slots = [undefined, null, true, false, globalObject];
    /** @type {number[]} */
    this.free = [];
    this.live = 0;
  }

  /** Store a value, returning its new id (owned by the caller). */
  put(value) {
    this.live++;
    const free = this.free;
    if (free.length > 0) {
      const id = free.pop();
      this.slots[id] = value;
      return id;
    }
    return this.slots.push(value) - 1;
  }

  /** The value of an id; the id stays owned. */
  get(id) {
    return this.slots[id];
  }

  /** Free an id. Immortal ids are ignored. */
  release(id) {
    if (id < FIRST_DYNAMIC) return;
    if (id >= this.slots.length) {
      throw new Error(`isthmus: release of invalid JS handle ${id}`);
    }
    this.slots[id] = undefined;
    this.free.push(id);
    this.live--;
  }

  /** Take the value out of an id, freeing it. */
  take(id) {
    const value = this.get(id);
    this.release(id);
    return value;
  }

  /** Number of ids currently owned outside the table (for leak tests). */
  liveCount() {
    return this.live;
  }
}

/** Slot bits of an id; the bits above hold a generation in DebugHandleTable. */
export const SLOT_BITS = HANDLE.SLOT_BITS;
const SLOT_MASK = (1 << SLOT_BITS) - 1;

/**
 * A HandleTable that detects use-after-free: ids carry the slot's generation,
 * which release() bumps, so a stale id fails loudly even after its slot was
 * reused. (bridge/js_ref.cpp masks the generation off for its counts.)
 */
export class DebugHandleTable extends HandleTable {
  constructor(globalObject) {
    super(globalObject);
    /** @type {number[]} */
    this.gens = [0, 0, 0, 0, 0];
  }

  put(value) {
    const slot = super.put(value);
    if (this.gens[slot] === undefined) this.gens[slot] = 0;
    return slot | (this.gens[slot] << SLOT_BITS);
  }

  check(id) {
    const slot = id & SLOT_MASK;
    if (slot >= FIRST_DYNAMIC && (id >>> SLOT_BITS) !== this.gens[slot]) {
      throw new Error(`isthmus: use of freed JS handle ${slot} (generation ${id >>> SLOT_BITS}, now ${this.gens[slot]})`);
    }
    return slot;
  }

  get(id) {
    return super.get(this.check(id));
  }

  release(id) {
    const slot = this.check(id);
    if (slot < FIRST_DYNAMIC) return;
    this.gens[slot] = (this.gens[slot] + 1) & 0x3ff;
    super.release(slot);
  }
}
