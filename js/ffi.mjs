// The JS half of the FFI: what the C++ bridge asks of JS values. Called from
// js/abi.lib.js with handle ids and decoded arguments; exceptions are caught
// there and parked in `pendingError` for C++ to turn into JsException.
import { PythonError } from './errors.mjs';

/** Value kinds for C++ (bridge/abi.h isthmus_js_kind). */
export const KIND = {
  UNDEFINED: 0, NULL: 1, TRUE: 2, FALSE: 3, NUMBER: 4, BIGINT: 5, STRING: 6,
  FUNCTION: 7, OBJECT: 8, PYPROXY: 9, SYMBOL: 10, ERROR: 11,
};

/** Operations with one optional argument (isthmus_js_op / isthmus_js_op_id). */
export const OP = {
  HAS: 0, LENGTH: 1, TRUTHY: 2, STRICT_EQUALS: 3, CONTAINS: 4, GETITEM: 5, SETITEM: 6, DELITEM: 7,
  ITER: 8, TO_STRING: 9, TYPEOF: 10, KEYS: 11, VALUES: 12, ENTRIES: 13, DIR: 14,
  JS_ID: 18, NEW_OBJECT: 19, CONTAINER_KIND: 20, ERROR_KIND: 21,
  NEW_ARRAY: 22, ARRAY_PUSH: 23, MAP_ENTRIES: 24, BYTE_LENGTH: 25, BUFFER_FORMAT: 26,
  NEW_SET: 27, NEW_MAP: 28, ENTRY_COUNT: 29, SET_PENDING_ERROR: 30,
};

/** The struct format of a JS binary view's elements (ArrayBuffer/DataView: bytes). */
export function bufferFormat(o) {
  if (o instanceof Int8Array) return ['b', 1];
  if (o instanceof Int16Array) return ['h', 2];
  if (o instanceof Uint16Array) return ['H', 2];
  if (o instanceof Int32Array) return ['i', 4];
  if (o instanceof Uint32Array) return ['I', 4];
  if (o instanceof Float32Array) return ['f', 4];
  if (o instanceof Float64Array) return ['d', 8];
  if (typeof BigInt64Array !== 'undefined' && o instanceof BigInt64Array) return ['q', 8];
  if (typeof BigUint64Array !== 'undefined' && o instanceof BigUint64Array) return ['Q', 8];
  return ['B', 1];
}

/** The bytes of a JS binary value, or undefined when it is not one. */
export function bytesOf(o) {
  if (o instanceof ArrayBuffer) return new Uint8Array(o);
  if (ArrayBuffer.isView(o)) return new Uint8Array(o.buffer, o.byteOffset, o.byteLength);
  return undefined;
}

function isMapLike(o) {
  return o instanceof Map || (typeof o?.get === 'function' && typeof o?.has === 'function' && typeof o?.set === 'function' && 'size' in o);
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

/** A KeyError/IndexError-shaped failure C++ maps to the Python exception. */
export class LookupFailure extends Error {
  constructor(kind, key) {
    super(String(key));
    this.kind = kind;  // 'key' or 'index'
    this.key = key;
  }
}

/** A failure C++ raises as the Python exception `pyType` (not JsException). */
export class PyError extends Error {
  /** @param {'TypeError'|'ValueError'|'OverflowError'} pyType @param {string} message */
  constructor(pyType, message) {
    super(message);
    this.pyType = pyType;
  }
}

/** PyError for TypeError. */
export class PyTypeError extends PyError {
  /** @param {string} message */
  constructor(message) { super('TypeError', message); }
}

/** Largest Py_ssize_t of wasm32 CPython. */
const PY_SSIZE_T_MAX = 2 ** 31 - 1;

/**
 * A JS `length`/`size` as a Python length: what len() of an object whose
 * __len__ returned it would raise, instead of a number C++ cannot tell from
 * its -1/-2 codes or one that wraps when narrowed to 32 bits.
 */
export function checkedLength(n, what) {
  if (!Number.isInteger(n)) throw new PyTypeError(`the JS object's ${what} ${n} is not an integer`);
  if (n < 0) throw new PyError('ValueError', `the JS object's ${what} ${n} is negative`);
  if (n > PY_SSIZE_T_MAX) throw new PyError('OverflowError', `the JS object's ${what} ${n} is too large for len()`);
  return n;
}

/** Runs one operation on a JS value (see OP). Numbers are returned as is. */
export function op(code, o, a) {
  switch (code) {
    case OP.HAS:
      return (typeof o === 'object' || typeof o === 'function') && o !== null && a in o ? 1 : 0;
    case OP.LENGTH: {
      if (o === null || o === undefined) return -2;
      const size = o.size;
      if (typeof size === 'number') return checkedLength(size, 'size');
      const length = o.length;
      if (typeof length === 'number' && typeof o !== 'function') return checkedLength(length, 'length');
      return -2;
    }
    case OP.TRUTHY: {
      if (!o) return 0;
      if (typeof o === 'object') {
        if (typeof o.size === 'number') return o.size > 0 ? 1 : 0;
        if (Array.isArray(o) || ArrayBuffer.isView(o)) return o.length > 0 ? 1 : 0;
        if (o instanceof ArrayBuffer) return o.byteLength > 0 ? 1 : 0;
      }
      return 1;
    }
    case OP.STRICT_EQUALS:
      return o === a ? 1 : 0;
    case OP.CONTAINS:
      if (o === null || o === undefined) throw new TypeError('argument of type undefined is not iterable');
      if (typeof o.has === 'function') return o.has(a) ? 1 : 0;
      if (typeof o.includes === 'function') return o.includes(a) ? 1 : 0;
      return (typeof o === 'object' || typeof o === 'function') && a in o ? 1 : 0;
    case OP.GETITEM: {
      if (isMapLike(o)) {
        if (!o.has(a)) throw new LookupFailure('key', a);
        return o.get(a);
      }
      if (isArrayLike(o)) {
        const i = arrayIndex(o, a);
        if (i === undefined) throw new PyTypeError(`array indices must be integers, not ${typeof a}`);
        if (i === -1) throw new LookupFailure('index', a);
        return o[i];
      }
      if (typeof o?.get === 'function' && typeof o.has === 'function' && !(o.has(a))) throw new LookupFailure('key', a);
      if (typeof o?.get === 'function') return o.get(a);
      if (o === null || o === undefined || !(a in Object(o))) throw new LookupFailure('key', a);
      return o[a];
    }
    case OP.DELITEM: {
      if (isMapLike(o)) {
        if (!o.delete(a)) throw new LookupFailure('key', a);
        return 0;
      }
      if (Array.isArray(o)) {
        const i = arrayIndex(o, a);
        if (i === undefined) throw new PyTypeError(`array indices must be integers, not ${typeof a}`);
        if (i === -1) throw new LookupFailure('index', a);
        o.splice(i, 1);
        return 0;
      }
      if (!(a in o)) throw new LookupFailure('key', a);
      delete o[a];
      return 0;
    }
    case OP.TO_STRING:
      return safeString(o);
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
      const names = new Set();
      for (let p = o; p !== null && p !== undefined; p = Object.getPrototypeOf(p)) {
        for (const k of Object.getOwnPropertyNames(p)) names.add(k);
      }
      return Array.from(names);
    }
    case OP.ITER: {
      if (isMapLike(o) && typeof o.keys === 'function') return o.keys();
      const f = o?.[Symbol.iterator];
      if (typeof f !== 'function') throw new PyTypeError(`'${safeString(o)}' is not iterable`);
      return f.call(o);
    }
    case OP.BYTE_LENGTH: {
      const bytes = bytesOf(o);
      return bytes === undefined ? -2 : bytes.length;
    }
    case OP.BUFFER_FORMAT: {
      const [format, itemsize] = bufferFormat(o);
      return format.charCodeAt(0) | (itemsize << 8);
    }
    default:
      throw new Error(`isthmus: unknown JS op ${code}`);
  }
}

/** setitem: separate because it takes two values. */
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
  o[key] = value;
}

/** String(o) that never throws (objects with a null prototype, throwing toString). */
export function safeString(o) {
  try {
    return String(o);
  } catch {
    try {
      return Object.prototype.toString.call(o);
    } catch {
      return '[object]';
    }
  }
}


