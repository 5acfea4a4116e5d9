// The JS half of deep conversions (typeconv/to_js_deep.cpp, to_py_deep.cpp):
// whole containers cross as slot vectors in one call instead of one call per
// element, and binary data as one bulk copy. Called from js/abi.lib.js with
// the runtime's codec `b`; what they throw is parked there.
import { isArrayOrDomList, isMap, isSet } from './realm.mjs';
import { KIND, TYPED_ARRAY } from './wire.mjs';
import { PyTypeError } from './errors.mjs';
import { bytesOf } from './js_ops.mjs';
import { SLOT_SIZE, KIND_I32, NUM_F64 } from './slot_layout.mjs';

/** TypedArray constructors by TYPED_ARRAY code (BOOL_ARRAY is an Array of booleans). */
const TYPED_ARRAYS = {
  [TYPED_ARRAY.INT8]: Int8Array, [TYPED_ARRAY.UINT8]: Uint8Array,
  [TYPED_ARRAY.INT16]: Int16Array, [TYPED_ARRAY.UINT16]: Uint16Array,
  [TYPED_ARRAY.INT32]: Int32Array, [TYPED_ARRAY.UINT32]: Uint32Array,
  [TYPED_ARRAY.BIGINT64]: BigInt64Array, [TYPED_ARRAY.BIGUINT64]: BigUint64Array,
  [TYPED_ARRAY.FLOAT32]: Float32Array, [TYPED_ARRAY.FLOAT64]: Float64Array,
};

/**
 * Append n decoded slots to a JS container: Array (push), Set (add), or
 * Object/Map when `keys` (a second slot vector) is given.
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {any} o
 * @param {number} keys slot vector address (0 for Array/Set) @param {number} values slot vector address
 * @param {number} n @returns {number} 0
 */
export function fill(b, o, keys, values, n) {
  if (Array.isArray(o)) {
    // Numbers inline: decode() never allocates in wasm, so views stay valid.
    if (b.HEAP32.length === 0) b.refreshViews();
    const H = b.HEAP32;
    const F = b.HEAPF64;
    const kindAt = KIND_I32, numAt = NUM_F64, size = SLOT_SIZE, NUMBER = KIND.NUMBER;  // locals in the loop
    for (let k = 0, p = values; k < n; k++, p += size) {
      o.push(H[(p >> 2) + kindAt] === NUMBER ? F[(p >> 3) + numAt] : b.decode(p, null));
    }
  } else if (o instanceof Set) {
    for (let k = 0; k < n; k++) o.add(b.decode(values + k * SLOT_SIZE, null));
  } else if (o instanceof Map) {
    for (let k = 0; k < n; k++) o.set(b.decode(keys + k * SLOT_SIZE, null), b.decode(values + k * SLOT_SIZE, null));
  } else {
    for (let k = 0; k < n; k++) o[b.decode(keys + k * SLOT_SIZE, null)] = b.decode(values + k * SLOT_SIZE, null);
  }
  return 0;
}

/**
 * A new TypedArray of TYPED_ARRAY `code` copied from wasm memory, into `out`.
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {number} code @param {number} ptr
 * @param {number} byteLength @param {number} out slot address @returns {number} KIND.OBJECT
 */
export function typedArrayCopy(b, code, ptr, byteLength, out) {
  if (b.HEAP32.length === 0) b.refreshViews();
  if (code === TYPED_ARRAY.BOOL_ARRAY) {
    return b.encode(Array.from(b.HEAPU8.subarray(ptr, ptr + byteLength), (x) => x !== 0), out);
  }
  const T = TYPED_ARRAYS[code];
  const bytes = b.HEAPU8.slice(ptr, ptr + byteLength);
  return b.encode(T === Uint8Array ? bytes : new T(bytes.buffer), out);
}

/**
 * Encode up to n entries of a JS container into slot vectors.
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {any} o
 * @param {number} keys slot vector address (0 for Array/Set) @param {number} values slot vector address
 * @param {number} n @returns {number} how many entries were written
 */
export function entriesToSlots(b, o, keys, values, n) {
  let k = 0;
  try {
    if (isArrayOrDomList(o)) {
      if (b.HEAP32.length === 0) b.refreshViews();
      const H = b.HEAP32;
      const F = b.HEAPF64;
      const kindAt = KIND_I32, numAt = NUM_F64, size = SLOT_SIZE, NUMBER = KIND.NUMBER;  // locals in the loop
      for (let p = values; k < n; k++, p += size) {
        const v = o[k];
        if (typeof v === 'number') {  // inline; encode() only allocates handles
          H[(p >> 2) + kindAt] = NUMBER;
          F[(p >> 3) + numAt] = v;
        } else {
          b.encode(v, p);
        }
      }
    } else if (isSet(o)) {
      for (const v of o) { if (k === n) break; b.encode(v, values + k * SLOT_SIZE); k++; }
    } else if (isMap(o)) {
      for (const [key, v] of o) {
        if (k === n) break;
        b.encode(key, keys + k * SLOT_SIZE);
        b.encode(v, values + k * SLOT_SIZE);
        k++;
      }
    } else {
      for (const key of Object.keys(o)) {
        if (k === n) break;
        b.encode(key, keys + k * SLOT_SIZE);
        b.encode(o[key], values + k * SLOT_SIZE);
        k++;
      }
    }
    return k;
  } catch (e) {
    // C++ drops the vectors on failure: free the handles of the entries
    // encoded so far, and of entry k's key (its value getter threw).
    b.releaseSlots(values, k);
    if (keys) b.releaseSlots(keys, k + 1);
    throw e;
  }
}

/**
 * Copy between a JS binary value and wasm memory; the lengths must match.
 * @param {import('./slot_codec.mjs').SlotCodec} b @param {unknown} o @param {number} ptr
 * @param {number} len @param {number} toWasm 1: JS -> wasm, 0: wasm -> JS @returns {number} 0
 */
export function copyBytes(b, o, ptr, len, toWasm) {
  const bytes = bytesOf(o);
  if (bytes === undefined || bytes.length !== len) throw new PyTypeError('not a buffer of that length');
  if (b.HEAP32.length === 0) b.refreshViews();
  if (toWasm) b.HEAPU8.set(bytes, ptr);
  else bytes.set(b.HEAPU8.subarray(ptr, ptr + len));
  return 0;
}
