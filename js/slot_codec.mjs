// The slot codec: how JS values and Python objects are written into and read
// from isthmus_js_slot values in wasm memory (bridge/wire/js_slot.h), with
// the scratch stack for call arguments, the cached wasm memory views, and
// the cache of short strings that keep crossing. One SlotCodec per runtime;
// the operations (js/js_ops.mjs), deep conversions (js/deep_convert.mjs) and
// errors (js/errors.mjs) work through it.
import { KIND, AUX } from './wire.mjs';
import { ErrorCrossing } from './errors.mjs';
import { isError, isJsArrayKind } from './realm.mjs';
import { PyProxies, SEQ } from './pyproxy.mjs';
import { BufferViews } from './buffer.mjs';
import { mapLikeKind, NOT_MAP, MAP, MUTABLE_MAP } from './map_like.mjs';
import { SLOT_SIZE as SLOT, KIND_I32, ID_I32, AUX_I32, ASCII_I32, NUM_F64, INLINE_PUSH } from './slot_layout.mjs';

/** An object's kind by its mapLikeKind(). */
const MAP_KINDS = { [NOT_MAP]: KIND.OBJECT, [MAP]: KIND.MAP, [MUTABLE_MAP]: KIND.MUTABLE_MAP };

const SCRATCH_SLOTS = 4096;
const UTF8 = new TextDecoder('utf-8');
const UTF8_ENCODER = new TextEncoder();
const {
  STRING_INLINE, STRING_INLINE_MAX, STRING_UTF8, STRING_UNIT_MASK, HANDLE_OWNED, PYPROXY_OWNED, PYPROXY_CALLABLE,
  PYPROXY_SEQUENCE, PYPROXY_MUTABLE, PYPROXY_ROUNDTRIP,
} = AUX;

/** A PyProxy's SEQ (js/pyproxy.mjs) from the AUX bits C++ sent. */
function pyproxySeq(aux) {
  return (aux & PYPROXY_SEQUENCE) === 0 ? SEQ.NONE : (aux & PYPROXY_MUTABLE) !== 0 ? SEQ.MUTABLE : SEQ.SEQUENCE;
}

export class SlotCodec {
  /** @param {import('./handles.mjs').HandleTable} handles */
  constructor(handles) {
    this.handles = handles;
    /** Errors in transit (parked JS exceptions, PythonError). */
    this.errors = new ErrorCrossing(this);
    /** OP.JS_ID's numbering (js/js_ops.mjs jsId). */
    this.jsIds = new WeakMap();
    this.nextJsId = 1;
    this.primitiveIds = new Map();
    /** Nesting of JS -> Python calls, and its limit (set from the stack probe). */
    this.depth = 0;
    this.maxDepth = 100;
    /**
     * Short strings that keep crossing to Python (keys, names, enum-like
     * values) as Python str objects the cache holds a reference to: a hit
     * passes the object instead of making a new str. Strings are cached on
     * their second crossing (`seenStrings`), so one-off text costs a Set.add.
     */
    this.pyStrings = new Map();
    this.seenStrings = new Set();
    this.dropScheduled = false;
    /** loadPyodide's convertNullToNone: JS null crosses as None, not jsnull. */
    this.nullAsNone = false;
    /** @type {unknown} the PyProxy the next encode gives as its Python object (unwrap()) */
    this.unwrapNext = undefined;
    /** Encoding the arguments of one of the runtime's own Python helpers (api()). */
    this.unwrapArgs = false;
  }

  /** Called once the wasm instance exists. */
  attach(Module) {
    this.M = Module;
    this.memory = Module.isthmusMemory();
    this.refreshViews();
    this.scratchBase = Module._malloc(SCRATCH_SLOTS * SLOT);
    this.scratchTop = this.scratchBase;
    this.scratchEnd = this.scratchBase + SCRATCH_SLOTS * SLOT;
    this.proxies = new PyProxies(this);
    this.buffers = new BufferViews(this);
    this.errors.attach(Module);
  }

  /**
   * New views after wasm memory grew. Growth detaches the old ArrayBuffer and
   * views over it read length 0: callers test `HEAP32.length === 0`, which the
   * JIT inlines, instead of the slow `Memory.buffer` getter.
   */
  refreshViews() {
    const b = this.memory.buffer;
    this.HEAP32 = new Int32Array(b);
    this.HEAPU8 = new Uint8Array(b);
    this.HEAPU16 = new Uint16Array(b);
    this.HEAPU32 = new Uint32Array(b);
    this.HEAPF64 = new Float64Array(b);
  }

  // ---- scratch slots for calls into C++ (a stack: calls nest) ---------------
  /** Reserve n slots; returns their address. Release with `popSlots(addr)`. */
  pushSlots(n) {
    const p = this.scratchTop;
    const end = p + n * SLOT;
    if (end <= this.scratchEnd) {
      this.scratchTop = end;
      return p;
    }
    return this.M._malloc(n * SLOT);  // deep nesting or many arguments
  }

  popSlots(p) {
    if (p >= this.scratchBase && p < this.scratchEnd) this.scratchTop = p;
    else this.M._free(p);
  }

  // ---- slots ----------------------------------------------------------------
  /**
   * Reserve n bytes of scratch for a short string's code units (8-aligned);
   * 0 when the scratch is full. Freed with the slots pushed before them.
   */
  pushBytes(n) {
    const q = this.scratchTop;
    const end = q + ((n + 7) & ~7);
    if (end > this.scratchEnd) return 0;
    this.scratchTop = end;
    return q;
  }

  /**
   * Write `value` into the slot at `p`; returns its kind. Values that need a
   * handle get a new id, owned by the reader (C++), unless `existingId` >= 0.
   * `inline` (INLINE_PUSH or INLINE_TRANSIENT) lets a short string travel as
   * its code units in scratch memory instead of a handle that C++ would read
   * back with a second call; only where C++ reads the slot at once (call
   * arguments and results, property values).
   * @param {unknown} value @param {number} p slot address @param {number} [existingId]
   * @param {number} [inline] 0, INLINE_PUSH or INLINE_TRANSIENT
   * @returns {number} the KIND written
   */
  encode(value, p, existingId = -1, inline = 0) {
    if (this.HEAP32.length === 0) this.refreshViews();
    const i = p >> 2;
    let H = this.HEAP32;
    let kind;
    switch (typeof value) {
      case 'undefined':
        kind = KIND.UNDEFINED;
        break;
      case 'boolean':
        kind = value ? KIND.TRUE : KIND.FALSE;
        break;
      case 'number':
        kind = KIND.NUMBER;
        this.HEAPF64[(p >> 3) + NUM_F64] = value;
        break;
      case 'string': {
        kind = KIND.STRING;
        if (inline !== 0 && existingId < 0 && value.length <= STRING_INLINE_MAX) {
          const ptr = this.pyStringOf(value);
          if (ptr !== 0) {
            this.writePyObject(p, ptr);  // borrowed from the cache: C++ takes its own reference
            return KIND.PYPROXY;
          }
          if (this.HEAP32.length === 0) this.refreshViews();  // pyStringOf may have called C++
          H = this.HEAP32;
        }
        if (value.length > STRING_INLINE_MAX) {
          // Long text crosses as UTF-8 (TextEncoder.encodeInto is native):
          // aux 8 tells C++ to ask for it, num = UTF-16 length.
          H[i + AUX_I32] = STRING_UTF8;
          this.HEAPF64[(p >> 3) + NUM_F64] = value.length;
          H[i + ID_I32] = existingId >= 0 ? existingId : this.handles.put(value);
          H[i + KIND_I32] = kind;
          return kind;
        }
        let max = 0;
        let astral = 0;
        for (let k = 0; k < value.length; k++) {
          const c = value.charCodeAt(k);
          if (c > max) max = c;
          if (c >= 0xd800 && c <= 0xdbff && k + 1 < value.length) {
            const d = value.charCodeAt(k + 1);
            if (d >= 0xdc00 && d <= 0xdfff) { astral++; k++; }
          }
        }
        const unit = astral > 0 ? 4 : max > 0xff ? 2 : 1;
        H[i + ASCII_I32] = max < 0x80 ? 1 : 0;  // ASCII: C++ makes an ASCII str
        if (inline !== 0 && unit !== 4 && existingId < 0) {
          const bytes = value.length * unit;
          // Transient: above the scratch top, for a result C++ reads before
          // any JS runs again. Pushed: freed with the caller's slots.
          const q = inline === INLINE_PUSH ? this.pushBytes(bytes)
            : this.scratchTop + bytes <= this.scratchEnd ? this.scratchTop : 0;
          if (q !== 0) {
            this.writeString(value, q, unit);
            H[i + AUX_I32] = unit | STRING_INLINE;
            this.HEAPF64[(p >> 3) + NUM_F64] = value.length;
            H[i + ID_I32] = q;
            H[i + KIND_I32] = kind;
            return kind;
          }
        }
        H[i + AUX_I32] = unit;
        this.HEAPF64[(p >> 3) + NUM_F64] = value.length - astral;
        H[i + ID_I32] = existingId >= 0 ? existingId : this.handles.put(value);
        H[i + KIND_I32] = kind;
        return kind;
      }
      case 'bigint':
        kind = KIND.BIGINT;
        break;
      case 'symbol':
        kind = KIND.SYMBOL;
        break;
      case 'function': {
        const state = this.proxyStateOf(value);
        kind = state !== undefined && !this.staysJs(value, state) ? KIND.PYPROXY : KIND.FUNCTION;
        break;
      }
      default: {
        if (value === null) {
          kind = this.nullAsNone ? KIND.UNDEFINED : KIND.NULL;
          break;
        }
        const state = this.proxyStateOf(value);
        if (state !== undefined) kind = this.staysJs(value, state) ? KIND.OBJECT : KIND.PYPROXY;
        else if (isJsArrayKind(value)) kind = KIND.ARRAY;
        else if (isError(value)) kind = KIND.ERROR;
        else kind = MAP_KINDS[mapLikeKind(value)];
      }
    }
    H[i + KIND_I32] = kind;
    if (kind === KIND.PYPROXY) {
      H[i + ID_I32] = this.proxies.ptrOf(value);
    } else if (kind >= KIND.BIGINT) {
      H[i + ID_I32] = existingId >= 0 ? existingId : this.handles.put(value);
    }
    return kind;
  }

  /** Encode a and b into the slots at p and p + SLOT; if b fails (a destroyed
   * PyProxy), a's handle is freed before the error propagates. */
  encodePair(a, b, p) {
    this.encode(a, p);
    try {
      this.encode(b, p + SLOT);
    } catch (e) {
      this.releaseSlots(p, 1);
      throw e;
    }
  }

  /** The cached Python str for a short string, or 0 (not cached yet). */
  pyStringOf(value) {
    const hit = this.pyStrings.get(value);
    if (hit !== undefined) return hit;
    if (!this.seenStrings.has(value)) {
      if (this.seenStrings.size >= 4096) this.seenStrings.clear();
      this.seenStrings.add(value);
      return 0;
    }
    if (this.pyStrings.size >= 4096) {
      // Full: drop them all once no call is under way (slots encoded a
      // moment ago may borrow them), and meanwhile cache nothing new.
      if (!this.dropScheduled) {
        this.dropScheduled = true;
        queueMicrotask(() => { this.dropScheduled = false; this.dropPyStrings(); });
      }
      return 0;
    }
    const q = this.pushSlots(1);
    try {
      this.encode(value, q);
      const ptr = this.M._isthmus_py_intern(q);  // a new reference, owned by the cache
      if (ptr === 0) {  // (MemoryError only): a plain crossing instead
        this.handles.release(this.M._isthmus_take_error());
        return 0;
      }
      this.pyStrings.set(value, ptr);
      this.seenStrings.delete(value);
      return ptr;
    } finally {
      this.popSlots(q);
    }
  }

  /**
   * Drop the caches of Python strings and JS names (for _liveCounts: they
   * are no leak but hold references and handles). Only between calls: slots
   * of a call under way may borrow cached objects. Returns whether it did.
   */
  dropCaches() {
    if (this.scratchTop !== this.scratchBase || this.depth !== 0) return false;
    this.dropPyStrings();
    this.seenStrings.clear();
    this.proxies.dropNames();
    this.M._isthmus_drop_caches();
    return true;
  }

  /** Release every cached Python str. */
  dropPyStrings() {
    for (const ptr of this.pyStrings.values()) this.M._isthmus_py_decref(ptr);
    this.pyStrings.clear();
  }

  /** encode() for isthmus_js_classify: the id stays the caller's. */
  classifyInto(value, id, p) {
    try {
      return this.encode(value, p, id);
    } catch {
      // A destroyed PyProxy: an opaque JS object; using it raises later.
      this.HEAP32[(p >> 2) + KIND_I32] = KIND.OBJECT;
      this.HEAP32[(p >> 2) + ID_I32] = id;
      return KIND.OBJECT;
    }
  }

  /**
   * Read the slot at `p` written by C++. PyProxies made for borrowed Python
   * objects are collected in `borrowed` (destroyed when the call ends); with
   * `borrowed` null they become owned.
   * @param {number} p slot address @param {unknown[]|null} borrowed
   * @returns {any} whatever JS value the slot holds
   */
  decode(p, borrowed) {
    if (this.HEAP32.length === 0) this.refreshViews();
    const i = p >> 2;
    const H = this.HEAP32;
    switch (H[i + KIND_I32]) {
      case KIND.UNDEFINED: return undefined;
      case KIND.NULL: return null;
      case KIND.TRUE: return true;
      case KIND.FALSE: return false;
      case KIND.NUMBER: return this.HEAPF64[(p >> 3) + NUM_F64];
      case KIND.STRING: {
        // Only short strings come as STRING from C++: their code units, at id
        // (typeconv/py_to_js.cpp), valid until C++ runs again.
        const q = H[i + ID_I32];
        const n = this.HEAPF64[(p >> 3) + NUM_F64];
        const oneByte = (H[i + AUX_I32] & STRING_UNIT_MASK) === 1;
        const U = oneByte ? this.HEAPU8 : this.HEAPU16;
        const at = oneByte ? q : q >> 1;
        let s = '';
        for (let k = 0; k < n; k++) s += String.fromCharCode(U[at + k]);
        return s;
      }
      case KIND.PYPROXY: {
        const ptr = H[i + ID_I32];
        const aux = H[i + AUX_I32];
        const callable = (aux & PYPROXY_CALLABLE) !== 0;
        const seq = pyproxySeq(aux);
        if (aux & PYPROXY_OWNED) return this.proxies.owned(ptr, callable, seq);  // C++ gave us a reference
        if (borrowed === null) {
          this.M._isthmus_py_incref(ptr);
          return this.proxies.owned(ptr, callable, seq);
        }
        const proxy = this.proxies.borrowed(ptr, callable, seq);
        borrowed.push(proxy);
        return proxy;
      }
      default: {
        const id = H[i + ID_I32];
        return H[i + AUX_I32] === HANDLE_OWNED ? this.handles.take(id) : this.handles.get(id);
      }
    }
  }

  /** A NUL-terminated UTF-8 string in wasm memory (type names, formats:
   * short ASCII ones are built directly, TextDecoder costs more for those). */
  cString(p) {
    if (this.HEAP32.length === 0) this.refreshViews();
    const U8 = this.HEAPU8;
    let s = '';
    let end = p;
    for (; U8[end] !== 0; end++) {
      if (U8[end] > 0x7f || end - p >= 32) {
        while (U8[end] !== 0) end++;
        return UTF8.decode(U8.subarray(p, end));
      }
      s += String.fromCharCode(U8[end]);
    }
    return s;
  }

  /** An owned PyProxy of ptr (C++ gave a reference) with the AUX.PYPROXY_* bits `aux`. */
  ownedPyProxy(ptr, aux) {
    return this.proxies.owned(ptr, (aux & PYPROXY_CALLABLE) !== 0, pyproxySeq(aux), (aux & PYPROXY_ROUNDTRIP) !== 0);
  }

  /**
   * The state of one of this runtime's PyProxies, undefined for any other
   * value; a destroyed one throws its error, as in Pyodide.
   * @param {any} value
   */
  proxyStateOf(value) {
    const state = pyProxyStateOf(value, this.proxies.STATE);
    if (state !== undefined && !state.ptr) this.proxies.ptrOf(value);
    return state;
  }

  /**
   * Whether a PyProxy made by create_proxy (roundtrip) crosses to Python as a
   * JS object (Pyodide's JsDoubleProxy), not as its Python object; except
   * once, for the unwrap() that asked for the object (unwrapNext), and as an
   * argument of the runtime's own helpers (unwrapArgs: toJs(), then()...).
   * @param {any} proxy @param {any} state its PyProxy state
   */
  staysJs(proxy, state) {
    if (this.unwrapArgs) return false;
    if (this.unwrapNext === proxy) {
      this.unwrapNext = undefined;
      return false;
    }
    return state.roundtrip === true;
  }

  /** Change the kind of an encoded slot; returns it. @param {number} p @param {number} kind */
  setKind(p, kind) {
    if (this.HEAP32.length === 0) this.refreshViews();
    this.HEAP32[(p >> 2) + KIND_I32] = kind;
    return kind;
  }

  /** A slot holding a borrowed PyObject* (C++ takes its own reference). */
  writePyObject(p, ptr) {
    if (this.HEAP32.length === 0) this.refreshViews();
    const i = p >> 2;
    this.HEAP32[i + KIND_I32] = KIND.PYPROXY;
    this.HEAP32[i + ID_I32] = ptr;
    this.HEAP32[i + AUX_I32] = 0;
  }

  /** UTF-8 of s into [p, p + capacity); returns the bytes written. */
  writeUtf8(s, p, capacity) {
    if (this.HEAP32.length === 0) this.refreshViews();
    return UTF8_ENCODER.encodeInto(s, this.HEAPU8.subarray(p, p + capacity)).written;
  }

  writeString(s, p, unit) {
    if (this.HEAP32.length === 0) this.refreshViews();
    const n = s.length;
    if (unit === 1) {
      const U8 = this.HEAPU8;
      for (let k = 0; k < n; k++) U8[p + k] = s.charCodeAt(k);
    } else if (unit === 2) {
      const U16 = this.HEAPU16;
      const base = p >> 1;
      for (let k = 0; k < n; k++) U16[base + k] = s.charCodeAt(k);
    } else {
      const U32 = this.HEAPU32;
      let j = p >> 2;
      for (const ch of s) U32[j++] = ch.codePointAt(0);
    }
  }

  /** A NUMBER-shaped write of `x` into the slot's num (a PythonError's PyObject*). */
  writeNumber(p, x) {
    if (this.HEAP32.length === 0) this.refreshViews();
    this.HEAPF64[(p >> 3) + NUM_F64] = x;
  }

  /**
   * Free the handles of n slots encode() wrote (and poison them, so a slot
   * past the last one written is never freed twice).
   */
  releaseSlots(p, n) {
    if (this.HEAP32.length === 0) this.refreshViews();
    const H = this.HEAP32;
    for (let k = 0; k < n; k++) {
      const i = (p + k * SLOT) >> 2;
      const kind = H[i + KIND_I32];
      const ownsHandle = kind === KIND.STRING ? (H[i + AUX_I32] & STRING_INLINE) === 0 : kind >= KIND.BIGINT && kind !== KIND.PYPROXY;
      if (ownsHandle) this.handles.release(H[i + ID_I32]);
      H[i + KIND_I32] = KIND.UNDEFINED;
    }
  }
}

/**
 * A PyProxy's state, or undefined for any other value. A JS Proxy's `get`
 * trap may throw (or it may be revoked): it is a JS object then, and
 * encoding it must not fail.
 * @param {any} value @param {symbol} key the interpreter's PyProxy state key
 */
function pyProxyStateOf(value, key) {
  try {
    return value[key];
  } catch {
    return undefined;
  }
}

