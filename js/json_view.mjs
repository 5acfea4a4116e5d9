// @ts-check
// PyProxy.asJsJson(): a view of Python JSON-like data (dicts, lists, tuples,
// str, numbers, bool, None) that JS code can use as if it were parsed JSON:
// dict keys are properties (`view.a.b`, `Object.keys`, `JSON.stringify`,
// assignment and `delete` write through), sequences index and iterate, and
// nested dicts and lists are views too. Other values cross as usual.

const VIEW = Symbol('isthmus.jsonView');

/**
 * @param {any} proxy a PyProxy
 * @param {(proxy: any) => string[]} keysOf the str keys of a mapping PyProxy
 * @returns {any}
 */
export function asJsJson(proxy, keysOf) {
  const type = proxy.type;
  if (type === 'dict' || isMappingType(proxy)) return mappingView(proxy, keysOf);
  if (type === 'list' || type === 'tuple') return sequenceView(proxy, keysOf);
  return proxy;
}

/** @typedef {(proxy: any) => string[]} KeysOf */

/** The PyProxy's own members a view still answers for a name that is no key
 * (`view.destroy()`, `String(view)`), as Pyodide's views do; `in` stays false. */
const PROXY_MEMBERS = new Set(['type', 'toString', 'destroy', 'toJs', 'copy', 'constructor', 'length', 'get', 'set',
  'has', 'delete', 'asJsJson']);

/** @param {any} proxy @param {string | symbol} key */
function proxyMember(proxy, key) {
  if (typeof key !== 'string' || !PROXY_MEMBERS.has(key)) return undefined;
  const member = proxy[key];
  return typeof member === 'function' ? member.bind(proxy) : member;
}

/** A mapping PyProxy (other than dict) has keys/items: Python's Mapping protocol. @param {any} proxy */
function isMappingType(proxy) {
  try {
    return typeof proxy.keys === 'function' && typeof proxy.items === 'function' && typeof proxy.get === 'function';
  } catch {
    return false;
  }
}

/** A value read from the data: nested dicts and lists become views. @param {any} value @param {KeysOf} keysOf */
function wrap(value, keysOf) {
  if (value !== null && typeof value === 'object' && typeof value.toJs === 'function' && typeof value.type === 'string') {
    return asJsJson(value, keysOf);
  }
  return value;
}

/**
 * The dict key a property name stands for: the str itself, or for a name
 * like "3" the int 3 when the dict has that (JS property names are strings).
 * @param {any} proxy @param {string | symbol} key
 * @returns {string | number | undefined}
 */
function dictKey(proxy, key) {
  if (typeof key !== 'string') return undefined;
  if (proxy.has(key)) return key;
  if (/^-?(0|[1-9]\d*)$/.test(key) && Number.isSafeInteger(Number(key)) && proxy.has(Number(key))) return Number(key);
  return undefined;
}

/** @param {any} proxy @param {KeysOf} keysOf */
function mappingView(proxy, keysOf) {
  return new Proxy(Object.create(null), {
    get(_t, key) {
      if (key === VIEW) return proxy;
      const k = dictKey(proxy, key);
      return k === undefined ? proxyMember(proxy, key) : wrap(proxy.get(k), keysOf);
    },
    has(_t, key) { return dictKey(proxy, key) !== undefined; },
    set(_t, key, value) {
      if (typeof key !== 'string') return false;
      proxy.set(dictKey(proxy, key) ?? key, value?.[VIEW] ?? value);
      return true;
    },
    deleteProperty(_t, key) {
      const k = dictKey(proxy, key);
      if (k !== undefined) proxy.delete(k);
      return true;
    },
    ownKeys() { return keysOf(proxy); },
    getOwnPropertyDescriptor(_t, key) {
      const k = dictKey(proxy, key);
      if (k === undefined) return undefined;
      return { value: wrap(proxy.get(k), keysOf), writable: true, enumerable: true, configurable: true };
    },
  });
}

/** @param {any} proxy @param {KeysOf} keysOf */
function sequenceView(proxy, keysOf) {
  const isIndex = (/** @type {string | symbol} */ key) => typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key);
  /** The items now, as views. */
  const items = () => Array.from({ length: proxy.length }, (_, i) => wrap(proxy.get(i), keysOf));
  return new Proxy(Object.create(null), {
    get(_t, key) {
      if (key === VIEW) return proxy;
      if (isIndex(key)) return Number(key) < proxy.length ? wrap(proxy.get(Number(key)), keysOf) : undefined;
      if (key === 'length') return proxy.length;
      if (key === Symbol.iterator) {
        return function* iterate() {
          for (let i = 0; i < proxy.length; i++) yield wrap(proxy.get(i), keysOf);
        };
      }
      if (key === 'toJSON') return items;
      const member = proxyMember(proxy, key);
      if (member !== undefined) return member;
      // The Array methods that read (map, filter, join, ...), over the items as views.
      const method = /** @type {any} */ (Array.prototype)[key];
      if (typeof method === 'function') return (/** @type {any[]} */ ...args) => method.apply(items(), args);
      return undefined;
    },
    has(_t, key) {
      if (isIndex(key)) return Number(key) < proxy.length;
      // (its methods are `in` it, as in Pyodide's view; a dict view's are not)
      return key === 'length' || key === Symbol.iterator || PROXY_MEMBERS.has(/** @type {string} */ (key)) ||
        typeof (/** @type {any} */ (Array.prototype)[key]) === 'function';
    },
    set(_t, key, value) {
      if (!isIndex(key)) return false;
      proxy.set(Number(key), value?.[VIEW] ?? value);
      return true;
    },
    ownKeys() { return [...Array.from({ length: proxy.length }, (_, i) => String(i)), 'length']; },
    getOwnPropertyDescriptor(_t, key) {
      if (key === 'length') return { value: proxy.length, writable: true, enumerable: false, configurable: true };
      if (!isIndex(key) || Number(key) >= proxy.length) return undefined;
      return { value: wrap(proxy.get(Number(key)), keysOf), writable: true, enumerable: true, configurable: true };
    },
  });
}
