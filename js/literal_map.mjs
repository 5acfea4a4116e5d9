// loadPyodide({ toJsLiteralMap: true }): dicts convert to a LiteralMap, as in
// Pyodide: a Map (instanceof, get/set/size, iteration) whose string keys also
// read and write as properties (`m.a`, `Object.keys`, `JSON.stringify`).
// The Map's own members win over keys of the same name (`m.size`, `m.get`).

/** @type {ProxyHandler<Map<unknown, unknown>>} */
const HANDLER = {
  get(map, key) {
    if (key in map) {
      const member = Reflect.get(map, key, map);
      // (Map's methods need the Map itself as `this`, not the Proxy)
      return typeof member === 'function' && key !== 'constructor' ? member.bind(map) : member;
    }
    return typeof key === 'string' ? map.get(key) : undefined;
  },
  set(map, key, value) {
    if (typeof key !== 'string' || key in map) return Reflect.set(map, key, value, map);
    map.set(key, value);
    return true;
  },
  has: (map, key) => (typeof key === 'string' && map.has(key)) || key in map,
  deleteProperty(map, key) {
    if (typeof key === 'string' && map.has(key)) return map.delete(key);
    return Reflect.deleteProperty(map, key);
  },
  ownKeys: (map) => [...map.keys()].filter((k) => typeof k === 'string'),
  getOwnPropertyDescriptor(map, key) {
    if (typeof key !== 'string' || !map.has(key)) return Reflect.getOwnPropertyDescriptor(map, key);
    return { value: HANDLER.get?.(map, key, map), writable: true, enumerable: true, configurable: true };
  },
};

/** A Map whose string keys are also properties. */
export class LiteralMap extends Map {
  /** @param {Iterable<readonly [unknown, unknown]>} [entries] */
  constructor(entries) {
    super(entries);
    return new Proxy(this, HANDLER);  // the Proxy is the instance
  }

  /**
   * A LiteralMap of [key, value] pairs (to_js's dict_converter).
   * @param {Iterable<readonly [unknown, unknown]>} entries
   */
  static fromEntries(entries) {
    return new LiteralMap(entries);
  }
}
