// The JS handle table: C++ refers to JS values by small integer ids.
// Slots 0..4 are immortal (undefined, null, true, false, globalThis); other
// slots are recycled through a free-list stack. C++ keeps its own reference
// counts (bridge/js_ref.h), so each id here has exactly one owner.

/** Ids of the immortal slots; the same numbers are in bridge/js_ref.h. */
export const UNDEFINED = 0, NULL = 1, TRUE = 2, FALSE = 3, GLOBAL_THIS = 4;
const FIRST_DYNAMIC = 5;

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
    if (id >= this.slots.length || (DEBUG_HANDLES && this.free.includes(id))) {
      throw new Error(`isthmus: release of invalid JS handle ${id}`);
    }
    this.slots[id] = undefined;
    this.free.push(id);
    this.live--;
  }

  /** Take the value out of an id, freeing it. */
  take(id) {
    const value = this.slots[id];
    this.release(id);
    return value;
  }

  /** Number of ids currently owned outside the table (for leak tests). */
  liveCount() {
    return this.live;
  }
}

// Debug builds check double frees (O(n), so off by default).
const DEBUG_HANDLES = typeof process === 'object' && process.env?.ISTHMUS_DEBUG_HANDLES === '1';
