// The operations C++ asks of JS values (js/abi.lib.js calls them with the
// runtime's codec `b` and values from the handle table): property access,
// calls, the OP table of wire.h, iteration. They throw freely: the import
// body in abi.lib.js parks what they throw (js/errors.mjs).
import { OP, CONTAINER, RESULT, KIND } from './wire.mjs';
import { IteratorReturned, LookupFailure, PyError, PyTypeError, safeString } from './errors.mjs';
import { SLOT_SIZE, INLINE_TRANSIENT } from './slot_layout.mjs';
import { isArrayBuffer, isArrayOrDomList, isDataView, isDomList, isMap, isPlainObject, isSet, typedArrayName } from './realm.mjs';

const NO_ARGS = Object.freeze([]);

/**
 * o[key] into the slot at `out`.
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {any} o @param {PropertyKey} key @param {number} out slot address
 * @returns {number} the value's KIND, or RESULT.ABSENT when there is no such property
 */
export function getProp(b, o, key, out) {
  if (o === null || o === undefined) return RESULT.ABSENT;
  // As Pyodide, an Array has no `keys` seen from Python: dict(arr) and
  // dict.update(arr) would take it for a mapping.
  if (key === 'keys' && isJsArray(o)) return RESULT.ABSENT;
  const v = o[key];
  if (v === undefined && !(key in Object(o))) return RESULT.ABSENT;
  return b.encode(v, out, -1, INLINE_TRANSIENT);
}

/**
 * delete o[key] (a missing key too, as JS and Pyodide have it).
 * @param {any} o @param {PropertyKey} key @returns {number} 0
 */
export function delProp(o, key) {
  // `del obj.missing` succeeds, as JS `delete` and Pyodide's JsProxy do;
  // a property that cannot be deleted is JS's TypeError (a JsException).
  if (o === null || o === undefined) throw new LookupFailure('attribute', key);
  delete o[key];
  return 0;
}

/**
 * fn(...args) or new fn(...args) with `nargs` slots at `args`; the result into `out`.
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {Function} fn @param {unknown} self
 * @param {number} args slot vector address @param {number} nargs @param {number} out slot address
 * @param {boolean} construct @returns {number} the result's KIND
 */
export function call(b, fn, self, args, nargs, out, construct) {
  if (nargs === 0 && !construct) return thenableResult(b, fn, self, Reflect.apply(fn, self, NO_ARGS), out);
  const borrowed = [];
  let kind;
  try {
    const argv = new Array(nargs);
    for (let k = 0; k < nargs; k++) argv[k] = b.decode(args + k * SLOT_SIZE, borrowed);
    const result = construct ? Reflect.construct(fn, argv) : Reflect.apply(fn, self, argv);
    // Encode first: the result may be one of the borrowed proxies.
    kind = construct ? b.encode(result, out, -1, INLINE_TRANSIENT) : thenableResult(b, fn, self, result, out);
    b.proxies.endBorrow(borrowed, result);
  } catch (e) {
    b.proxies.endBorrow(borrowed, undefined);
    throw e;
  }
  return kind;
}

/**
 * Whether fn is a thenable's own then/catch/finally (whatever realm made it):
 * what chaining returns stays a JS Promise, as from Pyodide's
 * JsPromise.then/catch/finally_.
 * @param {unknown} fn @param {any} self
 */
function isChaining(fn, self) {
  try {
    return typeof self?.then === 'function' && (fn === self.then || fn === self.catch || fn === self.finally);
  } catch {
    return false;
  }
}

/**
 * A call's result, encoded; an object with a then() method is KIND.THENABLE:
 * Python makes it a Future, as Pyodide does for what a call returns (a
 * Promise read as a property, made with `new` or by chaining stays a JsProxy).
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {unknown} fn @param {unknown} self
 * @param {unknown} result @param {number} out
 */
function thenableResult(b, fn, self, result, out) {
  const kind = b.encode(result, out, -1, INLINE_TRANSIENT);
  if (kind !== KIND.OBJECT || isChaining(fn, self)) return kind;
  let then;
  try {
    then = /** @type {any} */ (result).then;
  } catch {
    return kind;  // (a Proxy whose get trap throws: an object)
  }
  return typeof then === 'function' ? b.setKind(out, KIND.THENABLE) : kind;
}

/**
 * An OP with a numeric answer (isthmus_js_op).
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {number} code an OP @param {any} o
 * @param {number} argPtr the argument's slot address, or 0 @returns {number}
 */
export function op(b, code, o, argPtr) {
  const borrowed = [];
  try {
    const a = argPtr ? b.decode(argPtr, borrowed) : undefined;
    if (code === OP.JS_ID) return jsId(b, o);
    if (code === OP.CONTAINER_KIND) return containerKind(o);
    if (code === OP.ENTRY_COUNT) return entryCount(o);
    return valueOp(code, o, a);
  } catch (e) {
    b.errors.keepLookupKey(e);
    throw e;
  } finally {
    if (borrowed.length) b.proxies.endBorrow(borrowed, undefined);
  }
}

/**
 * An OP with a JS value as its answer, written into `out` (isthmus_js_op_value).
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {number} code an OP @param {any} o
 * @param {number} argPtr the argument's slot address, or 0 @param {number} out slot address
 * @returns {number} the answer's KIND (or a number, for the numeric OPs)
 */
export function opValue(b, code, o, argPtr, out) {
  const borrowed = [];
  try {
    const a = argPtr ? b.decode(argPtr, borrowed) : undefined;
    switch (code) {
      case OP.NEW_OBJECT: return b.encode({}, out);
      case OP.NEW_ARRAY: return b.encode([], out);
      case OP.NEW_SET: return b.encode(new Set(), out);
      case OP.NEW_MAP: return b.encode(new Map(), out);
      case OP.SET_PENDING_ERROR: return b.errors.parkAsIs(a);
      case OP.ERROR_KIND: return b.errors.kindOf(o, out);
      case OP.ITER: {
        // An iterator that is its own iterator (a generator): RESULT.ABSENT,
        // so that iter(proxy) is the proxy, as in Pyodide.
        const it = valueOp(code, o, a);
        return it === o ? RESULT.ABSENT : b.encode(it, out);
      }
      default: return b.encode(valueOp(code, o, a), out);
    }
  } catch (e) {
    b.errors.keepLookupKey(e);
    throw e;
  } finally {
    if (borrowed.length) b.proxies.endBorrow(borrowed, undefined);
  }
}

/**
 * setitem with key and value slots (isthmus_js_setitem).
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {any} o @param {number} keyPtr @param {number} valuePtr
 * @returns {number} 0
 */
export function setItemSlots(b, o, keyPtr, valuePtr) {
  setItem(o, b.decode(keyPtr, null), b.decode(valuePtr, null));
  return 0;
}

/**
 * The next value of a JS iterator into `out`.
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {Iterator<unknown>} it @param {number} out slot address
 * @returns {number} the value's KIND, or RESULT.ABSENT when done
 */
export function iterNext(b, it, out) {
  const r = it.next();
  if (typeof r !== 'object' || r === null) {
    throw new PyTypeError(`Result should have type "object" not "${r === null ? 'null' : typeof r}"`);
  }
  if (r.done) {
    if (r.value === undefined) return RESULT.ABSENT;
    throw new IteratorReturned(r.value);  // next(gen) raises StopIteration(value), as in Pyodide
  }
  return b.encode(r.value, out);
}

/**
 * Same JS value, same number: objects by identity, primitives by value.
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {unknown} o @returns {number}
 */
export function jsId(b, o) {
  const ids = (typeof o === 'object' && o !== null) || typeof o === 'function' ? b.jsIds : b.primitiveIds;
  let id = ids.get(o);
  if (id === undefined) {
    id = b.nextJsId++;
    ids.set(o, id);
  }
  return id;
}

/**
 * The CONTAINER kind of a value, for deep conversions.
 * @param {unknown} o @returns {number}
 */
export function containerKind(o) {
  if (ArrayBuffer.isView(o) || isArrayBuffer(o)) return CONTAINER.BINARY;
  if (isArrayOrDomList(o)) return CONTAINER.ARRAY_LIKE;
  if (isMap(o)) return CONTAINER.MAP;
  if (isSet(o)) return CONTAINER.SET;
  if (o && typeof o === 'object' && isPlainObject(o)) return CONTAINER.PLAIN_OBJECT;
  return CONTAINER.OTHER;
}

/**
 * Number of entries a JS container has (Array/Set/Map/plain Object).
 * @param {any} o @returns {number}
 */
export function entryCount(o) {
  if (isArrayOrDomList(o)) return o.length;
  // A subclass may override `size` with anything.
  if (isSet(o) || isMap(o)) return checkedLength(o.size, 'size');
  return Object.keys(o).length;
}

/** Struct formats of the TypedArrays, by type name (typedArrayName: any realm). */
const FORMATS = new Map([
  ['Int8Array', ['b', 1]], ['Int16Array', ['h', 2]], ['Uint16Array', ['H', 2]], ['Int32Array', ['i', 4]],
  ['Uint32Array', ['I', 4]], ['Float32Array', ['f', 4]], ['Float64Array', ['d', 8]], ['BigInt64Array', ['q', 8]],
  ['BigUint64Array', ['Q', 8]],
]);

/** The struct format of a JS binary view's elements (ArrayBuffer/DataView: bytes). */
export function bufferFormat(o) {
  return FORMATS.get(/** @type {string} */ (typedArrayName(o))) ?? ['B', 1];
}

/** The bytes of a JS binary value, or undefined when it is not one. */
export function bytesOf(o) {
  if (ArrayBuffer.isView(o)) return new Uint8Array(o.buffer, o.byteOffset, o.byteLength);
  if (isArrayBuffer(o)) return new Uint8Array(o);
  return undefined;
}

function isMapLike(o) {
  return isMap(o) || (typeof o?.get === 'function' && typeof o?.has === 'function' && typeof o?.set === 'function' && 'size' in o);
}

function isArrayLike(o) {
  return Array.isArray(o) || ArrayBuffer.isView(o) || (typeof o === 'object' && o !== null && !isMapLike(o) && typeof o.length === 'number' && typeof o !== 'function');
}

function arrayIndex(o, key) {
  if (typeof key !== 'number' || !Number.isInteger(key)) return undefined;
  const n = o.length;
  const i = key < 0 ? key + n : key;
  return i >= 0 && i < n ? i : -1;
}

/** An Array or a TypedArray (not a DataView): Pyodide's JsArray apart from DOM lists, whose `keys` stays visible. */
function isJsArray(o) {
  return Array.isArray(o) || (ArrayBuffer.isView(o) && !isDataView(o));
}

/**
 * str() of a JsProxy, as Pyodide: the object's toString() (whose errors
 * propagate), or Object.prototype.toString when reading toString fails or
 * finds no function.
 * @param {any} o @returns {string}
 */
function jsString(o) {
  let toString;
  try {
    toString = o.toString;
  } catch {
    toString = undefined;
  }
  return typeof toString === 'function' ? String(toString.call(o)) : Object.prototype.toString.call(o);
}

/** `key in o`, false where that throws (a revoked Proxy, a throwing `has` trap). */
function safeIn(o, key) {
  try {
    return key in Object(o);
  } catch {
    return false;
  }
}

/** Python's keywords: `dir()` of a JsProxy shows a JS property `from` as `from_`. */
const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Largest Py_ssize_t of wasm32 CPython. */
const PY_SSIZE_T_MAX = 2 ** 31 - 1;

/**
 * A JS `length`/`size` as a Python length: what len() of an object whose
 * __len__ returned it would raise, instead of a number C++ cannot tell from
 * its -1/-2 codes or one that wraps when narrowed to 32 bits.
 */
export function checkedLength(n, what) {
  // Pyodide's messages (it says "length" for a `size` too). Where Pyodide
  // truncates (1.5 -> 1, NaN -> 0), a TypeError instead.
  if (!Number.isInteger(n)) throw new PyTypeError(`${what} ${n} of object is not an integer`);
  if (n < 0) throw new PyError('ValueError', `length ${n} of object is negative`);
  if (n > PY_SSIZE_T_MAX) {
    throw new PyError('OverflowError', `length ${n} of object is larger than INT_MAX (${PY_SSIZE_T_MAX})`);
  }
  return n;
}

/** OPs on a JS value and a decoded argument (see wire.h OP). Numbers are returned as is. */
export function valueOp(code, o, a) {
  switch (code) {
    case OP.HAS:
      return (typeof o === 'object' || typeof o === 'function') && o !== null && a in o ? 1 : 0;
    case OP.LENGTH: {
      // (A value whose `in` throws, such as a revoked Proxy, has no length, as in Pyodide.)
      if (o === null || o === undefined || !(safeIn(o, 'size') || safeIn(o, 'length'))) return RESULT.ABSENT;
      const size = o.size;
      if (typeof size === 'number') return checkedLength(size, 'size');
      const length = o.length;
      if (typeof length === 'number' && typeof o !== 'function') return checkedLength(length, 'length');
      return RESULT.ABSENT;
    }
    case OP.TRUTHY: {
      if (!o) return 0;
      if (typeof o === 'object') {
        try {
          if (typeof o.size === 'number') return o.size > 0 ? 1 : 0;
          if (Array.isArray(o) || ArrayBuffer.isView(o)) return o.length > 0 ? 1 : 0;
          if (isArrayBuffer(o)) return o.byteLength > 0 ? 1 : 0;
        } catch {
          return 1;  // a revoked Proxy: an object, true (as in Pyodide)
        }
      }
      return 1;
    }
    case OP.STRICT_EQUALS:
      return o === a ? 1 : 0;
    case OP.CONTAINS: {
      if (o === null || o === undefined) throw new TypeError('argument of type undefined is not iterable');
      let has;
      let includes;
      try {
        has = typeof o.has === 'function';
        includes = !has && typeof o.includes === 'function';
      } catch {
        // A revoked Proxy: as Pyodide, which finds no has/includes.
        throw new PyTypeError("argument of type 'pyodide.ffi.JsProxy' is not iterable");
      }
      if (has) return o.has(a) ? 1 : 0;
      if (includes) return o.includes(a) ? 1 : 0;
      if (isDomList(o)) return Array.prototype.includes.call(o, a) ? 1 : 0;  // (a NodeList has no includes)
      return (typeof o === 'object' || typeof o === 'function') && a in o ? 1 : 0;
    }
    case OP.GETITEM: {
      let mapLike;
      try {
        mapLike = isMapLike(o);
      } catch {
        throw new PyTypeError("'pyodide.ffi.JsProxy' object is not subscriptable");  // a revoked Proxy, as in Pyodide
      }
      if (mapLike) {
        if (!o.has(a)) throw new LookupFailure('key', a);
        return o.get(a);
      }
      if (isArrayLike(o)) {
        const i = arrayIndex(o, a);
        if (i === undefined) throw new PyTypeError(`array indices must be integers, not ${typeof a}`);
        if (i === -1) throw new LookupFailure('index', a);
        const item = o[i];
        // A hole of a sparse Array ([1, , 2][1]) is an IndexError, as in Pyodide.
        if (item === undefined && Array.isArray(o) && !(i in o)) throw new LookupFailure('index', a);
        return item;
      }
      if (typeof o?.get === 'function' && typeof o.has === 'function' && !(o.has(a))) throw new LookupFailure('key', a);
      if (typeof o?.get === 'function') return o.get(a);
      // A plain object is not subscriptable (its properties are attributes), as in Pyodide.
      throw new PyTypeError("'pyodide.ffi.JsProxy' object is not subscriptable");
    }
    case OP.DELITEM: {
      if (isMapLike(o)) {
        if (!o.delete(a)) throw new LookupFailure('key', a);
        return 0;
      }
      if (ArrayBuffer.isView(o)) throw new PyTypeError("object doesn't support item deletion");
      if (Array.isArray(o)) {
        const i = arrayIndex(o, a);
        if (i === undefined) throw new PyTypeError(`array indices must be integers, not ${typeof a}`);
        if (i === -1) throw new LookupFailure('index', a);
        o.splice(i, 1);
        return 0;
      }
      if (typeof o?.delete === 'function') {
        if (o.delete(a) === false) throw new LookupFailure('key', a);
        return 0;
      }
      throw new PyTypeError("'pyodide.ffi.JsProxy' object does not support item deletion");
    }
    case OP.TO_STRING:
      return a ? jsString(o) : safeString(o);
    case OP.TYPEOF:
      return typeof o;
    case OP.KEYS:
      return Object.keys(o);
    case OP.VALUES:
      return Object.values(o);
    case OP.ENTRIES:
      return Object.entries(o);
    case OP.MAP_ENTRIES:
      return Array.from(o.entries());
    case OP.DIR: {
      // As Pyodide: the own property names up the prototype chain, without
      // array indices, Python keywords with an underscore (obj.from_ reads
      // `from`, proxies/js_names.cpp).
      const names = new Set();
      for (let p = Object(o); p !== null; p = Object.getPrototypeOf(p)) {
        for (const k of Object.getOwnPropertyNames(p)) {
          const c = k.charCodeAt(0);
          if (c >= 48 && c <= 57) continue;
          names.add(PYTHON_KEYWORDS.has(k.replace(/_*$/, '')) ? `${k}_` : k);
        }
      }
      if (isJsArray(o)) names.delete('keys');  // (see getProp)
      return Array.from(names);
    }
    case OP.ITER: {
      let f;
      let next;
      try {
        if (isMapLike(o) && typeof o.keys === 'function') return o.keys();
        f = o?.[Symbol.iterator];
        // (An async iterator's next() gives Promises, never done: not this.)
        next = typeof o?.[Symbol.asyncIterator] === 'function' ? undefined : o?.next;
      } catch {
        f = undefined;  // a revoked Proxy: not iterable (TypeError), as in Pyodide
      }
      if (typeof f === 'function') return f.call(o);
      if (isDomList(o)) return Array.prototype.values.call(o);
      // An iterator without [Symbol.iterator] (only next()): itself, as in Pyodide.
      if (typeof next === 'function') return o;
      throw new PyTypeError("'pyodide.ffi.JsProxy' object is not iterable");
    }
    case OP.HAS_DISPOSE: {
      const symbol = a ? Symbol.asyncDispose : Symbol.dispose;
      return symbol !== undefined && o !== null && o !== undefined && typeof o[symbol] === 'function' ? 1 : 0;
    }
    case OP.DISPOSE:
      return o[a ? Symbol.asyncDispose : Symbol.dispose]();
    case OP.BYTE_LENGTH: {
      const bytes = bytesOf(o);
      return bytes === undefined ? RESULT.ABSENT : bytes.length;
    }
    case OP.BUFFER_FORMAT: {
      const [format, itemsize] = bufferFormat(o);
      return format.charCodeAt(0) | (itemsize << 8);
    }
    default:
      throw new Error(`isthmus: unknown JS op ${code}`);
  }
}

/** obj[key] = value as Python's setitem means it (Map.set, array index checks). */
export function setItem(o, key, value) {
  if (isMapLike(o)) {
    o.set(key, value);
    return;
  }
  if (Array.isArray(o) || ArrayBuffer.isView(o)) {
    const i = arrayIndex(o, key);
    if (i === undefined) throw new PyTypeError(`array indices must be integers, not ${typeof key}`);
    if (i === -1) throw new LookupFailure('index', key);
    o[i] = value;
    return;
  }
  if (typeof o?.set === 'function') {
    o.set(key, value);
    return;
  }
  throw new PyTypeError("'pyodide.ffi.JsProxy' object does not support item assignment");
}
