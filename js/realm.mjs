// Values made in another realm (an iframe, a node `vm` context, a worker's
// transferred objects are not: they are copies) fail `instanceof` against
// this realm's constructors; their toString tag still says what they are.
// Each test tries `instanceof` first and reads the tag only of objects that
// are not of this realm, so this realm's values pay one prototype walk.

/**
 * The `[object X]` tag of an object of another realm (or with no
 * prototype), else undefined. Never throws (a revoked Proxy: undefined).
 * @param {unknown} o @returns {string | undefined}
 */
function foreignTag(o) {
  try {
    if (typeof o !== 'object' || o === null || o instanceof Object) return undefined;
    return Object.prototype.toString.call(o);
  } catch {
    return undefined;
  }
}

/** An Error of any realm. Never throws. @param {unknown} o */
export function isError(o) {
  try {
    return o instanceof Error || foreignTag(o) === '[object Error]';
  } catch {
    return false;
  }
}

/** An ArrayBuffer of any realm. @param {unknown} o @returns {o is ArrayBuffer} */
export const isArrayBuffer = (o) => o instanceof ArrayBuffer || foreignTag(o) === '[object ArrayBuffer]';

/** A Map of any realm. @param {unknown} o @returns {o is Map<any, any>} */
export const isMap = (o) => o instanceof Map || foreignTag(o) === '[object Map]';

/** A Set of any realm. @param {unknown} o @returns {o is Set<any>} */
export const isSet = (o) => o instanceof Set || foreignTag(o) === '[object Set]';

/** A DataView of any realm. @param {unknown} o */
export const isDataView = (o) => o instanceof DataView || foreignTag(o) === '[object DataView]';

/**
 * A plain object (`{...}`, `Object.create(null)`) of any realm: its
 * prototype is null or an Object.prototype (this realm's, or another's:
 * a prototype-less object whose constructor is named Object).
 * @param {object} o an object (not null)
 */
export function isPlainObject(o) {
  const proto = Object.getPrototypeOf(o);
  if (proto === null || proto === Object.prototype) return true;
  if (o instanceof Object) return false;  // this realm, another class
  try {
    return Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object';
  } catch {
    return false;
  }
}

/** %TypedArray%.prototype's toStringTag getter: a TypedArray's own type name, from its internal slot. */
const typedArrayTag = /** @type {() => string | undefined} */ (
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array.prototype), Symbol.toStringTag)?.get);

/**
 * The type name of a TypedArray of any realm ('Int8Array', 'Float64Array'...),
 * else undefined. A subclass's own Symbol.toStringTag cannot change it.
 * @param {unknown} o @returns {string | undefined}
 */
export const typedArrayName = (o) => (ArrayBuffer.isView(o) ? typedArrayTag.call(o) : undefined);

/**
 * A DOM NodeList or HTMLCollection (of any realm), which Pyodide treats as an
 * array: its JsProxy is a JsArray (read-only: no item assignment).
 * @param {unknown} o
 */
export function isDomList(o) {
  try {
    if ((typeof NodeList === 'function' && o instanceof NodeList)
      || (typeof HTMLCollection === 'function' && o instanceof HTMLCollection)) return true;
    const tag = foreignTag(o);
    return tag === '[object NodeList]' || tag === '[object HTMLCollection]';
  } catch {
    return false;
  }
}

/**
 * An Array or a DOM list: what deep conversions walk as an array.
 * @param {unknown} o
 */
export function isArrayOrDomList(o) {
  return Array.isArray(o) || isDomList(o);
}

/**
 * What Pyodide's JsArray covers: an Array, a TypedArray (not a DataView) or
 * a DOM list, of any realm. Never throws (Array.isArray throws for a revoked
 * Proxy: an opaque object then).
 * @param {unknown} o
 */
export function isJsArrayKind(o) {
  try {
    return isArrayOrDomList(o) || (ArrayBuffer.isView(o) && !isDataView(o));
  } catch {
    return false;
  }
}
