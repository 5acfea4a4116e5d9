// What counts as a JS Map-like object, in one place: the JsProxy type a value
// gets (js/slot_codec.mjs: a collections.abc.Mapping, or a MutableMapping)
// and isinstance(x, JsMap / JsMutableMap) (js/pyodide_extras.mjs). As Pyodide
// decides it: get, has and keys methods and a size.

import { isMap } from './realm.mjs';

export const NOT_MAP = 0;
export const MAP = 1;
export const MUTABLE_MAP = 2;

/**
 * A value's Map-likeness. A test that throws (a revoked Proxy, a throwing
 * getter) says NOT_MAP.
 * @param {object} x an object (not null)
 * @returns {number} NOT_MAP, MAP or MUTABLE_MAP (also set and delete)
 */
export function mapLikeKind(x) {
  try {
    if (isMap(x)) return MUTABLE_MAP;
    const o = /** @type {any} */ (x);
    if (typeof o.get !== 'function' || typeof o.has !== 'function' || typeof o.keys !== 'function' || !('size' in o)) {
      return NOT_MAP;
    }
    return typeof o.set === 'function' && typeof o.delete === 'function' ? MUTABLE_MAP : MAP;
  } catch {
    return NOT_MAP;
  }
}
