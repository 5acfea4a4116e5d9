// The JS side of the C++ bridge: encodes and decodes isthmus_js_slot values
// (bridge/js_slot.h) in wasm memory, runs what js/abi.lib.js forwards, and
// parks JS exceptions for C++ instead of letting them unwind through wasm.
import { KIND, OP, op as ffiOp, setItem as ffiSetItem, safeString, LookupFailure, PyError, PyTypeError, bytesOf, checkedLength } from './ffi.mjs';
import { PythonError } from './errors.mjs';
import { PyProxies, STATE as PYPROXY_STATE } from './pyproxy.mjs';
import { BufferViews } from './buffer.mjs';

import { SLOT_SIZE as SLOT, INLINE_PUSH, INLINE_TRANSIENT, INLINE_STRING, INLINE_STRING_MAX } from './slot.mjs';
const SCRATCH_SLOTS = 4096;
const NO_ARGS = Object.freeze([]);
const UTF8 = new TextDecoder('utf-8');
const UTF8_ENCODER = new TextEncoder();
/** Element type codes of typeconv/to_js_deep.cpp. */
/** OP.ERROR_KIND answers for PyError types (bridge/js_ops.h). */
const PY_ERROR_KINDS = { TypeError: 5, ValueError: 6, OverflowError: 7 };
const TYPED_ARRAYS = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array,
  BigInt64Array, BigUint64Array, Float32Array, Float64Array];
/** typedArrayCopy's code for bool ('?') buffers: an Array of booleans, as Pyodide gives. */
const BOOL_ARRAY = TYPED_ARRAYS.length;

export class Bridge {
  /** @param {import('./handles.mjs').HandleTable} handles */
  constructor(handles) {
    this.handles = handles;
    this.pendingError = undefined;
    this.errorPending = false;
    this.jsIds = new WeakMap();
    this.nextJsId = 1;
    this.primitiveIds = new Map();
    /** Python exceptions held by PythonError objects, released when GC'd. */
    this.errorRegistry = null;
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
    this.errorRegistry = new FinalizationRegistry((ptr) => Module._isthmus_py_decref(ptr));
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
        this.HEAPF64[(p >> 3) + 1] = value;
        break;
      case 'string': {
        kind = KIND.STRING;
        if (inline !== 0 && existingId < 0 && value.length <= INLINE_STRING_MAX) {
          const ptr = this.pyStringOf(value);
          if (ptr !== 0) {
            this.writePyObject(p, ptr);  // borrowed from the cache: C++ takes its own reference
            return KIND.PYPROXY;
          }
          if (this.HEAP32.length === 0) this.refreshViews();  // pyStringOf may have called C++
          H = this.HEAP32;
        }
        if (value.length > INLINE_STRING_MAX) {
          // Long text crosses as UTF-8 (TextEncoder.encodeInto is native):
          // aux 8 tells C++ to ask for it, num = UTF-16 length.
          H[i + 4] = 8;
          this.HEAPF64[(p >> 3) + 1] = value.length;
          H[i + 1] = existingId >= 0 ? existingId : this.handles.put(value);
          H[i] = kind;
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
        H[i + 5] = max < 0x80 ? 1 : 0;  // ASCII: C++ makes an ASCII str
        if (inline !== 0 && unit !== 4 && existingId < 0) {
          const bytes = value.length * unit;
          // Transient: above the scratch top, for a result C++ reads before
          // any JS runs again. Pushed: freed with the caller's slots.
          const q = inline === INLINE_PUSH ? this.pushBytes(bytes)
            : this.scratchTop + bytes <= this.scratchEnd ? this.scratchTop : 0;
          if (q !== 0) {
            this.writeString(value, q, unit);
            H[i + 4] = unit | INLINE_STRING;
            this.HEAPF64[(p >> 3) + 1] = value.length;
            H[i + 1] = q;
            H[i] = kind;
            return kind;
          }
        }
        H[i + 4] = unit;
        this.HEAPF64[(p >> 3) + 1] = value.length - astral;
        H[i + 1] = existingId >= 0 ? existingId : this.handles.put(value);
        H[i] = kind;
        return kind;
      }
      case 'bigint':
        kind = KIND.BIGINT;
        break;
      case 'symbol':
        kind = KIND.SYMBOL;
        break;
      case 'function':
        kind = hasPyProxyState(value) ? KIND.PYPROXY : KIND.FUNCTION;
        break;
      default:
        if (value === null) kind = KIND.NULL;
        else if (hasPyProxyState(value)) kind = KIND.PYPROXY;
        else kind = isError(value) ? KIND.ERROR : KIND.OBJECT;
    }
    H[i] = kind;
    if (kind === KIND.PYPROXY) {
      H[i + 1] = this.proxies.ptrOf(value);
    } else if (kind >= KIND.BIGINT) {
      H[i + 1] = existingId >= 0 ? existingId : this.handles.put(value);
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
      this.HEAP32[p >> 2] = KIND.OBJECT;
      this.HEAP32[(p >> 2) + 1] = id;
      return KIND.OBJECT;
    }
  }

  /**
   * Read the slot at `p` written by C++. PyProxies made for borrowed Python
   * objects are collected in `borrowed` (destroyed when the call ends); with
   * `borrowed` null they become owned.
   */
  decode(p, borrowed) {
    if (this.HEAP32.length === 0) this.refreshViews();
    const i = p >> 2;
    const H = this.HEAP32;
    switch (H[i]) {
      case KIND.UNDEFINED: return undefined;
      case KIND.NULL: return null;
      case KIND.TRUE: return true;
      case KIND.FALSE: return false;
      case KIND.NUMBER: return this.HEAPF64[(p >> 3) + 1];
      case KIND.STRING: {
        // Only short strings come as STRING from C++: their code units, at id
        // (typeconv/py_to_js.cpp), valid until C++ runs again.
        const q = H[i + 1];
        const n = this.HEAPF64[(p >> 3) + 1];
        const oneByte = (H[i + 4] & 7) === 1;
        const U = oneByte ? this.HEAPU8 : this.HEAPU16;
        const at = oneByte ? q : q >> 1;
        let s = '';
        for (let k = 0; k < n; k++) s += String.fromCharCode(U[at + k]);
        return s;
      }
      case KIND.PYPROXY: {
        const ptr = H[i + 1];
        const aux = H[i + 4];  // bit 0: JS owns a reference, bit 1: callable
        const callable = (aux & 2) !== 0;
        if (aux & 1) return this.proxies.owned(ptr, callable);  // C++ gave us a reference
        if (borrowed === null) {
          this.M._isthmus_py_incref(ptr);
          return this.proxies.owned(ptr, callable);
        }
        const proxy = this.proxies.borrowed(ptr, callable);
        borrowed.push(proxy);
        return proxy;
      }
      default: {
        const id = H[i + 1];
        // aux = 1: the id is ours to free.
        return H[i + 4] === 1 ? this.handles.take(id) : this.handles.get(id);
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

  /** A slot holding a borrowed PyObject* (C++ takes its own reference). */
  writePyObject(p, ptr) {
    if (this.HEAP32.length === 0) this.refreshViews();
    const i = p >> 2;
    this.HEAP32[i] = KIND.PYPROXY;
    this.HEAP32[i + 1] = ptr;
    this.HEAP32[i + 4] = 0;
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

  // ---- errors ---------------------------------------------------------------
  fail(e) {
    this.pendingError = e;
    this.errorPending = true;
    return -1;
  }

  /** The error of the failed operation. An Error (never a bare undefined)
   * if C++ asks when nothing failed. */
  takeError() {
    if (!this.errorPending) return new Error('isthmus: internal error: a JS operation reported a failure without an error');
    const e = this.pendingError;
    this.pendingError = undefined;
    this.errorPending = false;
    return e;
  }

  /**
   * "Name: message" of a thrown value, for JsException. Never throws: it
   * runs inside C++ (isthmus_js_error_text), and a getter of `message` or a
   * Proxy trap may throw.
   */
  errorText(e) {
    try {
      if (isError(e) || (e && typeof e === 'object' && 'message' in e)) {
        const name = safeString(e.name ?? 'Error');
        return `${name}: ${safeString(e.message)}`;
      }
    } catch {
      // Fall back to the value's string.
    }
    return safeString(e);
  }

  lookupFailure(kind, key) {
    return new LookupFailure(kind, key);
  }

  /** A PythonError that keeps the Python exception for a round trip. */
  pythonError(message, type, excPtr) {
    const err = new PythonError(message, type);
    if (excPtr) {
      Object.defineProperty(err, '__pyexc', { value: excPtr });
      this.errorRegistry.register(err, excPtr);
    }
    return err;
  }

  // ---- operations C++ asks for ---------------------------------------------------
  getProp(o, key, out) {
    if (o === null || o === undefined) return -2;
    const v = o[key];
    if (v === undefined && !(key in Object(o))) return -2;
    return this.encode(v, out, -1, INLINE_TRANSIENT);
  }

  call(fn, self, args, nargs, out, construct) {
    if (nargs === 0 && !construct) {
      try {
        return this.encode(Reflect.apply(fn, self, NO_ARGS), out, -1, INLINE_TRANSIENT);
      } catch (e) {
        return this.fail(e);
      }
    }
    const borrowed = [];
    try {
      const argv = new Array(nargs);
      for (let k = 0; k < nargs; k++) argv[k] = this.decode(args + k * SLOT, borrowed);
      const result = construct ? Reflect.construct(fn, argv) : Reflect.apply(fn, self, argv);
      // Encode first: the result may be one of the borrowed proxies.
      const kind = this.encode(result, out, -1, INLINE_TRANSIENT);
      this.proxies.endBorrow(borrowed, result);
      return kind;
    } catch (e) {
      this.proxies.endBorrow(borrowed, undefined);
      return this.fail(e);
    }
  }

  op(code, o, argPtr) {
    const borrowed = [];
    try {
      const a = argPtr ? this.decode(argPtr, borrowed) : undefined;
      if (code === OP.JS_ID) return this.jsId(o);
      if (code === OP.CONTAINER_KIND) return containerKind(o);
      if (code === OP.ENTRY_COUNT) return this.entryCount(o);
      return ffiOp(code, o, a);
    } catch (e) {
      this.keepLookupKey(e);
      return this.fail(e);
    } finally {
      if (borrowed.length) this.proxies.endBorrow(borrowed, undefined);
    }
  }

  opValue(code, o, argPtr, out) {
    const borrowed = [];
    try {
      const a = argPtr ? this.decode(argPtr, borrowed) : undefined;
      switch (code) {
        case OP.NEW_OBJECT: return this.encode({}, out);
        case OP.NEW_ARRAY: return this.encode([], out);
        case OP.NEW_SET: return this.encode(new Set(), out);
        case OP.NEW_MAP: return this.encode(new Map(), out);
        case OP.ENTRY_COUNT: return this.entryCount(o);
        case OP.SET_PENDING_ERROR: return this.fail(a);
        case OP.ARRAY_PUSH: o.push(a); return KIND.UNDEFINED;
        case OP.CONTAINER_KIND: return containerKind(o);
        case OP.ERROR_KIND: return this.errorKind(o, out);
        default: return this.encode(ffiOp(code, o, a), out);
      }
    } catch (e) {
      this.keepLookupKey(e);
      return this.fail(e);
    } finally {
      if (borrowed.length) this.proxies.endBorrow(borrowed, undefined);
    }
  }

  /**
   * A LookupFailure whose key is a borrowed PyProxy (a Python key): keep its
   * object, since the proxy is destroyed when the operation ends and C++
   * reads the key after that (the caller still holds the object).
   */
  keepLookupKey(e) {
    if (e instanceof LookupFailure && this.proxies.isProxy(e.key)) {
      try { e.keyPtr = this.proxies.ptrOf(e.key); } catch { /* already destroyed */ }
    }
  }

  errorKind(e, out) {
    if (e instanceof LookupFailure) {
      if (e.keyPtr) this.writePyObject(out, e.keyPtr);
      else this.encode(e.key, out);
      return e.kind === 'index' ? 2 : e.kind === 'attribute' ? 4 : 1;
    }
    if (e instanceof PyError) {
      this.encode(e.message, out);
      return PY_ERROR_KINDS[e.pyType];
    }
    if (e instanceof PythonError && e.__pyexc) {
      this.HEAPF64[(out >> 3) + 1] = e.__pyexc;
      return 3;
    }
    return 0;
  }

  setItem(o, keyPtr, valuePtr) {
    try {
      ffiSetItem(o, this.decode(keyPtr, null), this.decode(valuePtr, null));
      return 0;
    } catch (e) {
      return this.fail(e);
    }
  }

  iterNext(it, out) {
    try {
      const r = it.next();
      if (r.done) return -2;
      return this.encode(r.value, out);
    } catch (e) {
      return this.fail(e);
    }
  }

  // ---- deep conversions (typeconv/to_js_deep.cpp, to_py_deep.cpp) ------------
  /** Append n decoded slots to a JS container: Array (push), Set (add), or
   * Object/Map when `keys` (a second slot vector) is given. */
  fill(o, keys, values, n) {
    try {
      if (Array.isArray(o)) {
        // Numbers inline: decode() never allocates in wasm, so views stay valid.
        if (this.HEAP32.length === 0) this.refreshViews();
        const H = this.HEAP32;
        const F = this.HEAPF64;
        for (let k = 0, p = values; k < n; k++, p += SLOT) {
          o.push(H[p >> 2] === KIND.NUMBER ? F[(p >> 3) + 1] : this.decode(p, null));
        }
      } else if (o instanceof Set) {
        for (let k = 0; k < n; k++) o.add(this.decode(values + k * SLOT, null));
      } else if (o instanceof Map) {
        for (let k = 0; k < n; k++) o.set(this.decode(keys + k * SLOT, null), this.decode(values + k * SLOT, null));
      } else {
        for (let k = 0; k < n; k++) o[this.decode(keys + k * SLOT, null)] = this.decode(values + k * SLOT, null);
      }
      return 0;
    } catch (e) {
      return this.fail(e);
    }
  }

  /** A new TypedArray of `type` (buffer.mjs names) copied from wasm memory. */
  typedArrayCopy(typeCode, ptr, byteLength, out) {
    try {
      if (this.HEAP32.length === 0) this.refreshViews();
      if (typeCode === BOOL_ARRAY) {
        return this.encode(Array.from(this.HEAPU8.subarray(ptr, ptr + byteLength), (b) => b !== 0), out);
      }
      const T = TYPED_ARRAYS[typeCode];
      const bytes = this.HEAPU8.slice(ptr, ptr + byteLength);
      return this.encode(T === Uint8Array ? bytes : new T(bytes.buffer), out);
    } catch (e) {
      return this.fail(e);
    }
  }

  /** Number of entries a JS container has (Array/Set/Map/plain Object). */
  entryCount(o) {
    if (Array.isArray(o)) return o.length;
    // A subclass may override `size` with anything.
    if (o instanceof Set || o instanceof Map) return checkedLength(o.size, 'size');
    return Object.keys(o).length;
  }

  /** Encode a JS container's entries into slot vectors (keys may be 0). */
  entriesToSlots(o, keys, values, n) {
    let k = 0;
    try {
      if (Array.isArray(o)) {
        if (this.HEAP32.length === 0) this.refreshViews();
        const H = this.HEAP32;
        const F = this.HEAPF64;
        for (let p = values; k < n; k++, p += SLOT) {
          const v = o[k];
          if (typeof v === 'number') {  // inline; encode() only allocates handles
            H[p >> 2] = KIND.NUMBER;
            F[(p >> 3) + 1] = v;
          } else {
            this.encode(v, p);
          }
        }
      } else if (o instanceof Set) {
        for (const v of o) { if (k === n) break; this.encode(v, values + k * SLOT); k++; }
      } else if (o instanceof Map) {
        for (const [key, v] of o) {
          if (k === n) break;
          this.encode(key, keys + k * SLOT);
          this.encode(v, values + k * SLOT);
          k++;
        }
      } else {
        for (const key of Object.keys(o)) {
          if (k === n) break;
          this.encode(key, keys + k * SLOT);
          this.encode(o[key], values + k * SLOT);
          k++;
        }
      }
      return k;
    } catch (e) {
      // C++ drops the vectors on failure: free the handles of the entries
      // encoded so far, and of entry k's key (its value getter threw).
      this.releaseSlots(values, k);
      if (keys) this.releaseSlots(keys, k + 1);
      return this.fail(e);
    }
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
      const kind = H[i];
      const ownsHandle = kind === KIND.STRING ? (H[i + 4] & INLINE_STRING) === 0 : kind >= KIND.BIGINT && kind !== KIND.PYPROXY;
      if (ownsHandle) this.handles.release(H[i + 1]);
      H[i] = KIND.UNDEFINED;
    }
  }

  /** Copy between a JS binary value and wasm memory (toWasm: JS -> wasm). */
  copyBytes(o, ptr, len, toWasm) {
    try {
      const bytes = bytesOf(o);
      if (bytes === undefined || bytes.length !== len) throw new PyTypeError('not a buffer of that length');
      if (this.HEAP32.length === 0) this.refreshViews();
      if (toWasm) this.HEAPU8.set(bytes, ptr);
      else bytes.set(this.HEAPU8.subarray(ptr, ptr + len));
      return 0;
    } catch (e) {
      return this.fail(e);
    }
  }

  /** Same JS value, same number: objects by identity, primitives by value. */
  jsId(o) {
    if ((typeof o === 'object' && o !== null) || typeof o === 'function') {
      let id = this.jsIds.get(o);
      if (id === undefined) {
        id = this.nextJsId++;
        this.jsIds.set(o, id);
      }
      return id;
    }
    let id = this.primitiveIds.get(o);
    if (id === undefined) {
      id = this.nextJsId++;
      this.primitiveIds.set(o, id);
    }
    return id;
  }
}

/**
 * Whether a value is a PyProxy. A JS Proxy's `get` trap may throw (or it may
 * be revoked): it is a JS object then, and encoding it must not fail.
 */
function hasPyProxyState(value) {
  try {
    return value[PYPROXY_STATE] !== undefined;
  } catch {
    return false;
  }
}

/** `value instanceof Error`, false where the prototype chain throws (Proxies). */
function isError(value) {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

function containerKind(o) {
  if (o instanceof ArrayBuffer || ArrayBuffer.isView(o)) return 5;
  if (Array.isArray(o)) return 1;
  if (o instanceof Map) return 2;
  if (o instanceof Set) return 3;
  if (o && typeof o === 'object') {
    const proto = Object.getPrototypeOf(o);
    if (proto === null || proto === Object.prototype) return 4;
  }
  return 0;
}


