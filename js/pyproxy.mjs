// PyProxy: Python objects seen from JS. A JS Proxy whose target is a small
// function for callables (typeof "function") or a plain object; the
// PyObject* lives in a state object on the target under a private symbol
// (WeakMaps cost ~0.5 us per short-lived proxy). An owned PyProxy holds one
// Python reference, released by destroy() or, if forgotten, by a
// FinalizationRegistry. Borrowed ones (arguments of Python -> JS calls) hold
// none and are destroyed when the call returns.
import { KIND, RESULT, DESCRIBE, API_FLAG } from './wire.mjs';
import { SLOT_SIZE, ID_I32, INLINE_PUSH } from './slot_layout.mjs';
import { asJsJson } from './json_view.mjs';

const BORROWED_MESSAGE =
  'This borrowed proxy was automatically destroyed at the end of a function call. ' +
  'Try using create_proxy or create_once_callable.';

const DEBUG_HINT = 'For more information about the cause of this error, use `pyodide.setDebug(true)`';
const ATTRIBUTE_MESSAGE =
  'This borrowed attribute proxy was automatically destroyed in the process of destroying ' +
  "the proxy it was borrowed from. Try using the 'copy' method.";

/** API names answered by the PyProxy itself, not by Python attributes. */
const API = new Set([
  'toString', 'destroy', 'copy', 'toJs', 'asJsJson', 'callKwargs', 'get', 'set', 'has', 'delete',
  'type', 'length', 'next', 'throw', 'return', 'constructor', 'getBuffer',
]);

/** API names only some PyProxies have, and the API_FLAG bit (wire.h) that says which. */
const API_FLAG_OF = new Map([
  ['get', API_FLAG.GET], ['asJsJson', API_FLAG.GET], ['set', API_FLAG.SET], ['delete', API_FLAG.SET],
  ['has', API_FLAG.HAS], ['length', API_FLAG.LENGTH], ['next', API_FLAG.NEXT], ['throw', API_FLAG.GENERATOR],
  ['return', API_FLAG.GENERATOR], ['getBuffer', API_FLAG.BUFFER],
]);

const THENABLE = new Set(['then', 'catch', 'finally']);

/** state.seq: not a sequence, a collections.abc.Sequence, a MutableSequence. */
export const SEQ = Object.freeze({ NONE: 0, SEQUENCE: 1, MUTABLE: 2 });

/** "0", "12": a property key that Array methods use as an index. */
function isIndexKey(key) {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^[0-9]+$/.test(key);
}

/** Array.prototype.sort's default order (Pyodide's defaultCompareFunc). */
function defaultCompare(a, b) {
  const x = a.toString();
  const y = b.toString();
  return x === y ? 0 : x < y ? -1 : 1;
}

export class PyProxies {
  constructor(bridge) {
    this.bridge = bridge;
    // One key per interpreter: another interpreter's PyProxy (its pointer is
    // into another heap) is a plain JS object here.
    const STATE = Symbol('isthmus.pyproxy');
    this.STATE = STATE;
    /** loadPyodide's pyproxyToStringRepr: String(proxy) is repr(), not str(). */
    this.toStringRepr = false;
    /** setDebug(true): a destroyed proxy's message has the object's repr (one Python call per destroy). */
    this.debug = false;
    const b = bridge;
    const M = bridge.M;
    const stateOf = (proxy) => {
      const s = (typeof proxy === 'object' || typeof proxy === 'function') && proxy !== null ? proxy[STATE] : undefined;
      if (s === undefined) throw new TypeError('not a PyProxy');
      return s;
    };
    // The held value must not reference the proxy (it would keep it alive).
    // A forgotten proxy counts as released too: _liveCounts() is exact.
    const registry = new FinalizationRegistry((cell) => {
      if (!cell.ptr) return;
      const ptr = cell.ptr;
      cell.ptr = 0;
      self.live--;
      M._isthmus_py_decref(ptr);
    });
    this.stateOf = stateOf;
    this.live = 0;
    const self = this;

    /** Run a C++ PyProxy operation with `n` slots of scratch. */
    function withSlots(n, fn) {
      const p = b.pushSlots(n);
      try {
        return fn(p);
      } finally {
        b.popSlots(p);
      }
    }

    function check(rc) {
      if (rc === RESULT.THREW) throw b.proxies.takePythonError();
      return rc;
    }

    function ptrOf(proxy) {
      const s = stateOf(proxy);
      if (!s.ptr) throw new Error(s.destroyedMessage);
      return s.ptr;
    }

    function result(rc, out) {
      check(rc);
      return b.decode(out, null);
    }

    // Attribute names as interned Python str objects, made once per name.
    const names = new Map();
    const MAX_NAMES = 10000;
    /** Write `key` as a borrowed Python str into the slot at p; returns a
     * reference to drop after the call (0 when the cache holds it). */
    function encodeName(key, p) {
      let ptr = names.get(key);
      let temp = 0;
      if (ptr === undefined) {
        b.encode(key, p);
        ptr = M._isthmus_py_intern(p);
        if (ptr === 0) throw self.takePythonError();
        if (names.size < MAX_NAMES) names.set(key, ptr);
        else temp = ptr;
      }
      b.writePyObject(p, ptr);
      return temp;
    }

    /** getattr on a proxy's state: the hot path of `proxy.name`. */
    function getattrOf(s, key) {
      const ptr = s.ptr;
      if (!ptr) throw new Error(s.destroyedMessage);
      const p = b.pushSlots(2);
      let temp = 0;
      try {
        temp = encodeName(key, p);
        const out = p + SLOT_SIZE;
        const rc = M._isthmus_py_getattr(ptr, p, out);
        if (rc === RESULT.ABSENT) return undefined;
        if (rc === RESULT.UNBOUND_METHOD) return methodOf(s, key, out);
        if (rc === RESULT.THREW) throw self.takePythonError();
        return b.decode(out, null);
      } finally {
        if (temp) M._isthmus_py_decref(temp);
        b.popSlots(p);
      }
    }

    /**
     * `proxy.m` where m is a method of the object's type (the function is in
     * the slot at `out`): reuse the PyProxy made for the same function last
     * time; registering a new one with the FinalizationRegistry costs
     * ~0.6 us per `proxy.m()`. The cached proxy's bound method keeps the
     * function alive, so the same address means the same function.
     */
    function methodOf(s, key, out) {
      if (b.HEAP32.length === 0) b.refreshViews();
      const func = b.HEAP32[(out >> 2) + ID_I32];
      const methods = s.methods ?? (s.methods = new Map());
      const hit = methods.get(key);
      if (hit !== undefined && hit.func === func && hit.proxy[STATE].ptr) return hit.proxy;
      const rc = M._isthmus_py_bind_method(s.ptr, func, out);
      if (rc === RESULT.THREW) throw self.takePythonError();
      const proxy = b.decode(out, null);
      if (rc === KIND.PYPROXY) methods.set(key, { func, proxy });
      return proxy;
    }

    function getattr(proxy, key) {
      return getattrOf(stateOf(proxy), key);
    }

    /** hasattr(obj, key) of a proxy's state. */
    function hasattrOf(s, key) {
      const ptr = s.ptr;
      if (!ptr) throw new Error(s.destroyedMessage);
      return withSlots(1, (p) => {
        b.encode(key, p);
        return check(M._isthmus_py_hasattr(ptr, p)) === 1;
      });
    }

    function setattr(proxy, key, value, del) {
      const ptr = ptrOf(proxy);
      withSlots(2, (p) => {
        if (del) b.encode(key, p);
        else b.encodePair(key, value, p);
        check(M._isthmus_py_setattr(ptr, p, del ? 0 : p + SLOT_SIZE));
      });
      return true;
    }

    /** Call on a proxy's state: the hot path of `proxy(...args)`. */
    function callOf(s, args, kwargs) {
      const ptr = s.ptr;
      if (!ptr) throw new Error(s.destroyedMessage);
      // Each JS -> Python -> JS level takes far more JS stack than Python's
      // recursion limit accounts for; overflowing it inside wasm would leave
      // C state half unwound, so stop earlier with a catchable error.
      if (b.depth >= b.maxDepth) {
        throw new RangeError(`isthmus: ${b.depth} nested JavaScript -> Python calls: the JS stack would overflow`);
      }
      b.depth++;
      const n = args.length;
      const top = b.scratchTop;
      const p = b.pushSlots(n + 2);
      try {
        const kw = p + n * SLOT_SIZE;
        let k = 0;
        // (the runtime's own Python helpers take PyProxies as their objects,
        // create_proxy's too: see SlotCodec.staysJs)
        if (s.internal) b.unwrapArgs = true;
        try {
          for (; k < n; k++) b.encode(args[k], p + k * SLOT_SIZE, -1, INLINE_PUSH);
          if (kwargs !== undefined) b.encode(kwargs, kw);
        } catch (e) {
          b.releaseSlots(p, k);  // (a destroyed PyProxy argument) the handles of the ones before
          throw e;
        } finally {
          b.unwrapArgs = false;
        }
        const out = kw + SLOT_SIZE;
        const rc = M._isthmus_py_call(ptr, p, n, kwargs === undefined ? 0 : kw, out);
        if (rc === RESULT.THREW) throw self.takePythonError();
        return b.decode(out, null);
      } finally {
        b.depth--;
        b.popSlots(p);
        b.scratchTop = top;  // and the argument strings pushed after the slots
      }
    }

    function call(proxy, args, kwargs) {
      return callOf(stateOf(proxy), args, kwargs);
    }

    function describe(ptr, kind) {
      return withSlots(1, (p) => {
        const rc = M._isthmus_py_describe(ptr, kind, p);
        return kind >= DESCRIBE.CALLABLE ? check(rc) : result(rc, p);  // questions answer 0 or 1
      });
    }

    function item(proxy, op, key, value) {
      const ptr = ptrOf(proxy);
      return withSlots(2, (p) => {
        if (op === 'set') b.encodePair(key, value, p);
        else b.encode(key, p);
        if (op === 'get') {
          const rc = M._isthmus_py_getitem(ptr, p, p + SLOT_SIZE);
          if (rc === RESULT.ABSENT) return undefined;
          return result(rc, p + SLOT_SIZE);
        }
        if (op === 'has') return check(M._isthmus_py_contains(ptr, p)) === 1;
        check(M._isthmus_py_setitem(ptr, p, op === 'set' ? p + SLOT_SIZE : 0));
        return undefined;
      });
    }

    function iterate(proxy) {
      const ptr = ptrOf(proxy);
      const it = withSlots(1, (p) => result(M._isthmus_py_iter(ptr, p), p));
      const itPtr = ptrOf(it);
      let done = false;
      return {
        next() {
          if (done) return { done: true, value: undefined };
          return withSlots(1, (p) => {
            const rc = M._isthmus_py_next(itPtr, p);
            if (rc === RESULT.ABSENT) {
              done = true;
              it.destroy();
              return { done: true, value: undefined };
            }
            return { done: false, value: result(rc, p) };
          });
        },
        return(value) {
          if (!done) { done = true; it.destroy(); }
          return { done: true, value };
        },
        [Symbol.iterator]() { return this; },
      };
    }

    /** Whether the proxy is of an async generator (its next/throw/return give Promises). */
    function isAsyncGen(proxy) {
      const s = stateOf(proxy);
      if (s.asyncGen === undefined) s.asyncGen = describe(ptrOf(proxy), DESCRIBE.TYPE_NAME) === 'async_generator';
      return s.asyncGen;
    }

    /**
     * An async generator's asend/athrow, awaited: {done, value} as JS's
     * async generators resolve (StopAsyncIteration: done).
     * @param {any} proxy @param {'asend' | 'athrow'} method @param {unknown} arg
     */
    async function asyncGenStep(proxy, method, arg) {
      const fn = getattr(proxy, method);
      let awaitable;
      try {
        awaitable = fn(arg);
      } finally {
        fn.destroy();
      }
      try {
        const value = await awaitable;
        return { done: false, value };
      } catch (e) {
        if (/** @type {any} */ (e)?.type === 'StopAsyncIteration') return { done: true, value: undefined };
        throw e;
      } finally {
        awaitable?.destroy?.();
      }
    }

    function genStep(proxy, value, isThrow) {
      const ptr = ptrOf(proxy);
      return withSlots(2, (p) => {
        b.encode(value, p);
        const rc = M._isthmus_py_gen_send(ptr, p, isThrow ? 1 : 0, p + SLOT_SIZE);
        if (rc === RESULT.ABSENT) return { done: true, value: b.decode(p + SLOT_SIZE, null) };
        return { done: false, value: result(rc, p + SLOT_SIZE) };
      });
    }

    /** callKwargs(...args, kwargs): the last argument must be an object (Pyodide's words). */
    function checkKwargs(what, args) {
      if (args.length === 0) throw new TypeError(`${what} requires at least one argument (the keyword arguments object)`);
      const kwargs = args[args.length - 1];
      if (typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs)) {
        throw new TypeError(`${what}: kwargs argument is not an object (the last argument holds the keyword arguments)`);
      }
    }

    /**
     * What using a destroyed proxy throws, in Pyodide's words: the object's
     * type and repr only with setDebug(true) (a Python call per destroy, and
     * borrowed proxies are destroyed after every call).
     */
    function messageOfDestroyed(ptr, message) {
      if (!self.debug) return `${message}\n${DEBUG_HINT}`;
      const type = b.cString(M._isthmus_py_type_name(ptr));
      let repr;
      try {
        repr = `had repr "${describe(ptr, DESCRIBE.REPR)}"`;
      } catch {
        repr = 'an error was raised when trying to generate its repr';
      }
      return `${message}\nThe object was of type "${type}" and ${repr}`;
    }
    this.messageOfDestroyed = messageOfDestroyed;

    function destroy(proxy, message) {
      const s = stateOf(proxy);
      if (!s.ptr) return;
      // Method proxies handed out keep working (they own their references).
      s.methods = undefined;
      const destroyedMessage = messageOfDestroyed(s.ptr, message ?? 'Object has already been destroyed');
      if (s.owned) {
        if (s.registered) registry.unregister(s.cell);
        s.cell.ptr = 0;
        M._isthmus_py_decref(s.ptr);
        self.live--;
      }
      s.destroyedMessage = destroyedMessage;
      s.ptr = 0;
      const cache = s.attrs;
      s.attrs = undefined;
      // The attribute proxies go with the last of the copies sharing them.
      if (cache !== undefined && --cache.refs === 0) {
        for (const ref of cache.map.values()) {
          const child = ref.deref();
          if (child === undefined) continue;
          const cs = stateOf(child);
          if (cs.attrs !== undefined) {  // one level, as in Pyodide: its own attributes stay
            cs.attrs.refs--;
            cs.attrs = undefined;
          }
          destroy(child, ATTRIBUTE_MESSAGE);
        }
      }
    }

    /** The attribute proxies a PyProxy and its copies share. */
    const attrCacheOf = (s) => (s.attrs ??= { map: new Map(), refs: 1, sweepAt: 64 });

    /**
     * A PyProxy read as an attribute (`proxy.x`): the one this proxy handed
     * out before for the same object, while that one is alive (`p.x === p.x`),
     * and destroyed with this proxy, as in Pyodide. Held weakly: an attribute
     * proxy the program drops is collected as any other. A create_proxy()
     * proxy is the program's own and stays out. Copies (copy()) share them.
     */
    function attributeProxy(s, key, attr) {
      if (!self.isProxy(attr) || s.methods?.get(key)?.proxy === attr) return attr;  // methods: methodOf's, kept
      const as = stateOf(attr);
      if (as.roundtrip || !as.owned) return attr;
      const cache = attrCacheOf(s);
      const earlier = cache.map.get(as.ptr)?.deref();
      if (earlier !== undefined && stateOf(earlier).ptr === as.ptr) {
        destroy(attr);
        return earlier;
      }
      cache.map.set(as.ptr, new WeakRef(attr));
      if (cache.map.size > cache.sweepAt) {
        for (const [ptr, ref] of cache.map) {
          const child = ref.deref();
          if (child === undefined || stateOf(child).ptr !== ptr) cache.map.delete(ptr);
        }
        cache.sweepAt = Math.max(64, 2 * cache.map.size);
      }
      return attr;
    }

    /** The methods and getters every PyProxy has (PyProxy.prototype). */
    class PyProxy {
      static [Symbol.hasInstance](x) {
        return self.isProxy(x);
      }
      get type() { return describe(ptrOf(this), DESCRIBE.TYPE_NAME); }
      get length() {
        const rc = M._isthmus_py_length(ptrOf(this));
        return rc === RESULT.ABSENT ? getattrOf(stateOf(this), 'length') : check(rc);
      }
      toString() { return describe(ptrOf(this), self.toStringRepr ? DESCRIBE.REPR : DESCRIBE.STR); }
      destroy(options) {
        // destroyRoundtrip: false spares create_proxy's (roundtrip) proxies, as Pyodide.
        if (typeof options === 'object' && options?.destroyRoundtrip === false && stateOf(this).roundtrip) return;
        destroy(this, typeof options === 'string' ? options : options?.message);
      }
      copy() {
        const ptr = ptrOf(this);
        M._isthmus_py_incref(ptr);
        const s = stateOf(this);
        const copy = self.make(ptr, true, s.callable, s.seq);
        const cache = attrCacheOf(s);
        cache.refs++;
        stateOf(copy).attrs = cache;
        return copy;
      }
      callKwargs(...args) {
        checkKwargs('callKwargs', args);
        const kwargs = args.pop();
        return call(this, args, kwargs);
      }
      get(key) { return item(this, 'get', key); }
      set(key, value) { item(this, 'set', key, value); }
      has(key) { return item(this, 'has', key); }
      delete(key) { item(this, 'delete', key); }
      next(value) { return isAsyncGen(this) ? asyncGenStep(this, 'asend', value) : genStep(this, value, false); }
      throw(error) { return isAsyncGen(this) ? asyncGenStep(this, 'athrow', error) : genStep(this, error, true); }
      return(value) {
        if (isAsyncGen(this)) return self.agenReturn(this, value);
        if (apiMember(stateOf(this), 'return')) return self.genReturn(this, value);  // (a sync generator: async ones are above)
        const close = getattr(this, 'close');
        if (typeof close !== 'function') {
          if (self.isProxy(close)) close.destroy();
          throw new TypeError(`return(): '${describe(ptrOf(this), DESCRIBE.TYPE_NAME)}' object is not a generator (it has no close())`);
        }
        try { close(); } finally { close.destroy(); }
        return { done: true, value };
      }
      toJs(options = {}) { return self.toJs(this, options); }
      /** Dicts as JS objects, lists as arrays, nested (js/json_view.mjs). */
      asJsJson() { return asJsJson(this, (p) => /** @type {any} */ (self.keysOf)(p)); }
      /** A zero-copy view of the object's buffer (see js/buffer.mjs). */
      getBuffer(type) { return b.buffers.get(ptrOf(this), type); }
      [Symbol.iterator]() { return iterate(this); }
      [Symbol.asyncIterator]() { return asyncIterate(this); }
      [Symbol.dispose]() { this.destroy(); }
      get [Symbol.toStringTag]() { return 'PyProxy'; }
    }
    this.PyProxy = PyProxy;
    const proto = PyProxy.prototype;
    // A callable's prototype chain reaches Function.prototype (`f instanceof Function`), as in Pyodide.
    const callableProto = Object.create(Function.prototype, Object.getOwnPropertyDescriptors(proto));
    /** [Symbol.iterator] of a Python iterator: itself. @this {any} */
    const returnThis = function iterator() { return this; };

    /**
     * What a PyProxy of a callable has besides PyProxy's methods, before the
     * Python object's attributes of the same names, as in Pyodide (whose
     * callable PyProxies are JS functions): Function's apply, call and bind
     * (`this` is not passed to Python: captureThis() does that), and the
     * relaxed calls, which drop the arguments Python cannot take.
     */
    const callableApi = {
      // (the engine's own CreateListFromArrayLike: array-likes by length, TypeError for a non-object)
      apply(_thisArg, args) { return call(this, args === undefined || args === null ? [] : Reflect.apply(listOf, undefined, args)); },
      call(_thisArg, ...args) { return call(this, args); },
      bind(thisArg, ...bound) { return boundCall(this, thisArg, bound); },
      captureThis() {
        const proxy = this;
        return function (/** @type {any[]} */ ...args) { return call(proxy, [this, ...args]); };
      },
      callRelaxed(...args) { return /** @type {any} */ (self.relaxedCall)()(this, ...args); },
      callKwargsRelaxed(...args) {
        checkKwargs('callKwargsRelaxed', args);
        return /** @type {any} */ (self.relaxedCall)().callKwargs(this, ...args);
      },
      /**
       * Pyodide's call with options: `relaxed` (extra arguments dropped),
       * `kwargs` (the last argument is the keyword arguments), `promising`.
       */
      callWithOptions(options, ...args) {
        if (typeof options !== 'object' || options === null) {
          throw new TypeError('callWithOptions: the first argument must be an object of options ({ relaxed, kwargs, promising })');
        }
        const { relaxed = false, kwargs = false, promising = false } = options;
        if (kwargs && args.length === 0) {
          throw new TypeError("callWithOptions with 'kwargs: true' needs the keyword arguments object as its last argument");
        }
        const run = () => (relaxed ? (kwargs ? callableApi.callKwargsRelaxed : callableApi.callRelaxed)
          : kwargs ? proto.callKwargs : (/** @type {any[]} */ ...a) => call(this, a)).apply(this, args);
        return promising ? new Promise((resolve) => { resolve(run()); }) : run();
      },
      /**
       * A Promise of the call's result. Pyodide runs the call on a stack it can
       * suspend (JSPI), so that the Python code may block on Promises
       * (run_sync); this Emscripten has no JSPI (nor has node 20 by default,
       * where Pyodide rejects): the call runs now, and its result or error
       * settles the Promise.
       */
      callPromising(...args) { return callableApi.callWithOptions.call(this, { promising: true }, ...args); },
    };
    const CALLABLE_API = new Set(Object.keys(callableApi));

    /**
     * The Python helpers of the mutable sequence methods (_isthmus.api
     * seq_*), set by js/isthmus.mjs once Python runs.
     * @type {{ splice: any, pop: any, sort: any } | null}
     */
    this.sequenceHelpers = null;
    /** The str keys of a mapping (python/_isthmus/api.py json_keys), set with sequenceHelpers. */
    this.keysOf = null;
    /** _isthmus.api.relaxed_call, looked up on first use (set with sequenceHelpers). @type {(() => any) | null} */
    this.relaxedCall = null;
    /** _isthmus.api.gen_return (a generator's return() from JS), set with sequenceHelpers. @type {any} */
    this.genReturn = null;
    /** _isthmus.api.agen_return, awaited (an async generator's return() from JS). @type {any} */
    this.agenReturn = null;
    const helper = (/** @type {'splice' | 'pop' | 'sort'} */ name) => /** @type {any} */ (self.sequenceHelpers)[name];

    /**
     * What a PyProxy of a sequence adds (Pyodide's PySequenceMethods): the
     * Array methods that only read, applied to the proxy itself, which
     * answers `length` and index keys ("0", "1", ...) with len() and
     * getitem (see the handler). Any Python attribute of the same name is
     * still reachable as `proxy.$name`.
     */
    const sequenceMethods = {
      join(separator) { return Array.prototype.join.call(this, separator); },
      slice(start, end) { return Array.prototype.slice.call(this, start, end); },
      lastIndexOf(value, from) {
        // (undefined would mean index 0 when passed on)
        return Array.prototype.lastIndexOf.call(this, value, from === undefined ? this.length : from);
      },
      indexOf(value, from) { return Array.prototype.indexOf.call(this, value, from); },
      forEach(fn, thisArg) { Array.prototype.forEach.call(this, fn, thisArg); },
      map(fn, thisArg) { return Array.prototype.map.call(this, fn, thisArg); },
      filter(fn, thisArg) { return Array.prototype.filter.call(this, fn, thisArg); },
      some(fn, thisArg) { return Array.prototype.some.call(this, fn, thisArg); },
      every(fn, thisArg) { return Array.prototype.every.call(this, fn, thisArg); },
      reduce(...args) { return Array.prototype.reduce.apply(this, /** @type {any} */ (args)); },
      reduceRight(...args) { return Array.prototype.reduceRight.apply(this, /** @type {any} */ (args)); },
      at(index) { return Array.prototype.at.call(this, index); },
      concat(...args) { return Array.prototype.concat.apply(this, args); },
      includes(value) { return item(this, 'has', value); },
      entries() { return Array.prototype.entries.call(this); },
      keys() { return Array.prototype.keys.call(this); },
      values() { return Array.prototype.values.call(this); },
      find(fn, thisArg) { return Array.prototype.find.call(this, fn, thisArg); },
      findIndex(fn, thisArg) { return Array.prototype.findIndex.call(this, fn, thisArg); },
      findLast(fn, thisArg) { return Array.prototype.findLast.call(this, fn, thisArg); },
      findLastIndex(fn, thisArg) { return Array.prototype.findLastIndex.call(this, fn, thisArg); },
      toJSON() { return Array.from(this); },
    };

    /** JS bounds of splice(start, deleteCount) on a sequence of length n. */
    function spliceBounds(n, start, deleteCount, nargs) {
      let from = Math.trunc(Number(start)) || 0;
      from = from < 0 ? Math.max(n + from, 0) : Math.min(from, n);
      let count = nargs === 0 ? 0 : nargs === 1 ? n - from : Math.trunc(Number(deleteCount)) || 0;
      count = Math.min(Math.max(count, 0), n - from);
      return [from, from + count];
    }

    /** And of a mutable sequence (PyMutableSequenceMethods): these change it in place. */
    const mutableSequenceMethods = {
      reverse() {
        getattr(this, 'reverse')();
        return this;
      },
      sort(compare) {
        const cmp = compare ?? defaultCompare;
        // undefined (None) sorts last and is never passed to compare, as in JS.
        helper('sort')(this, (a, b) => (a === undefined ? (b === undefined ? 0 : 1) : b === undefined ? -1 : cmp(a, b)));
        return this;
      },
      splice(start, deleteCount, ...items) {
        // JS's bounds: Pyodide passes start and start + deleteCount to a
        // Python slice, so a negative start removes nothing there
        // (splice(-1, 1) keeps the last item); here it counts from the end.
        const [from, to] = spliceBounds(this.length, start, deleteCount, arguments.length);
        return helper('splice')(this, from, to, items);
      },
      push(...items) {
        const append = getattr(this, 'append');
        for (const x of items) append(x);
        return this.length;
      },
      pop() { return helper('pop')(this, false); },
      shift() { return helper('pop')(this, true); },
      unshift(...items) {
        const insert = getattr(this, 'insert');
        items.forEach((x, i) => insert(i, x));
        return this.length;
      },
      copyWithin(...args) {
        Array.prototype.copyWithin.apply(this, /** @type {any} */ (args));
        return this;
      },
      fill(...args) {
        Array.prototype.fill.apply(this, /** @type {any} */ (args));
        return this;
      },
    };
    const sequenceMethodMap = new Map(Object.entries(sequenceMethods));
    const mutableMethodMap = new Map([...sequenceMethodMap, ...Object.entries(mutableSequenceMethods)]);
    /** The Array methods a proxy has (undefined: none). */
    const methodsOf = (s) => (s.seq === SEQ.NONE ? undefined : s.seq === SEQ.MUTABLE ? mutableMethodMap : sequenceMethodMap);

    /** then/catch/finally of awaitable PyProxies: one Promise per proxy. */
    const thenable = {
      then(onFulfilled, onRejected) {
        const s = stateOf(this);
        if (!s.promise) {
          ptrOf(this);  // throws if destroyed
          if (!self.settleFn) self.settleFn = b.api('settle');
          const proxy = this;
          s.promise = new Promise((resolve, reject) => self.settleFn(proxy, resolve, reject));
        }
        return s.promise.then(onFulfilled, onRejected);
      },
      catch(onRejected) { return this.then(undefined, onRejected); },
      finally(onFinally) { return this.then().finally(onFinally); },
    };

    /**
     * `for await` over an async iterable PyProxy: over what its __aiter__()
     * returns (an `async def __aiter__` generator too), else over the proxy
     * itself when it has only __anext__ (as Pyodide).
     */
    function asyncIterate(proxy) {
      let done = false;
      /** The async iterator: a PyProxy owned here unless it is `proxy`. */
      let it;
      const iterator = () => {
        if (it !== undefined) return it;
        const aiter = getattr(proxy, '__aiter__');
        if (typeof aiter !== 'function') {
          if (self.isProxy(aiter)) aiter.destroy();
          return (it = proxy);
        }
        try {
          it = aiter();
        } finally {
          aiter.destroy();
        }
        if (!self.isProxy(it)) {
          const got = it === null ? 'null' : typeof it;
          it = undefined;
          throw new TypeError(`'${describe(ptrOf(proxy), DESCRIBE.TYPE_NAME)}'.__aiter__() returned a ${got}, not an async iterator`);
        }
        return it;
      };
      const finish = () => {
        done = true;
        if (it !== undefined && it !== proxy && !stateOf(it).roundtrip) it.destroy();  // (a create_proxy() one is the program's)
      };
      return {
        async next() {
          if (done) return { done: true, value: undefined };
          const source = iterator();
          const anext = getattr(source, '__anext__');
          if (typeof anext !== 'function') {
            if (self.isProxy(anext)) anext.destroy();
            const type = describe(ptrOf(source), DESCRIBE.TYPE_NAME);
            finish();
            throw new TypeError(`'${type}' object is not an async iterator (it has no __anext__)`);
          }
          const awaitable = anext();
          anext.destroy();
          try {
            return { done: false, value: await awaitable };
          } catch (e) {
            const stop = e?.type === 'StopAsyncIteration';
            finish();
            if (stop) return { done: true, value: undefined };
            throw e;
          } finally {
            if (self.isProxy(awaitable)) awaitable.destroy();
          }
        },
        async return(value) {
          if (!done) {
            const source = it;
            const aclose = source === undefined ? undefined : getattr(source, 'aclose');
            try {
              if (aclose) {
                const closing = aclose();
                aclose.destroy();
                try { await closing; } finally { closing.destroy(); }
              }
            } finally {
              finish();
            }
          }
          return { done: true, value };
        },
        [Symbol.asyncIterator]() { return this; },
      };
    }

    /** `$name` is the Python attribute `name` even where the PyProxy has a JS member of that name. */
    const pythonName = (key) => (key.charCodeAt(0) === 36 ? key.slice(1) : key);

    /** A JS property of the target itself (Object.defineProperty on the proxy), if any. */
    const ownOf = (target, s, key) => (s.defined ? Reflect.getOwnPropertyDescriptor(target, key) : undefined);

    /**
     * Whether the proxy is of a dict, whose str keys are also its JS
     * properties (after its attributes), as Pyodide's PyDict: `d.a`,
     * `"a" in d`, `d.b = 1`, `delete d.a`, Object.keys(d), JSON.stringify(d).
     */
    const isDict = (s) => {
      if (s.dict === undefined && s.ptr) s.dict = !s.callable && s.seq === SEQ.NONE && describe(s.ptr, DESCRIBE.DICT) === 1;
      return s.dict === true;
    };
    /** The str keys of a dict proxy. */
    function dictKeys(proxy) {
      const keys = [];
      for (const k of iterate(proxy)) {
        if (typeof k === 'string') keys.push(k);
        else if (self.isProxy(k)) k.destroy();
      }
      return keys;
    }

    /** IndexError (and for a missing item, undefined) is a JS miss: `false`/`undefined`. */
    function indexMiss(e) {
      if (e instanceof Error && /** @type {any} */ (e).type === 'IndexError') return true;
      throw e;
    }

    /**
     * [Symbol.iterator] and [Symbol.asyncIterator] only where Python has the
     * protocol, as Pyodide's per-type PyProxies: `for await` of a list falls
     * back to its iterator, Array.from() of a plain object is []. An
     * iterator's [Symbol.iterator]() is itself.
     * @param {any} s @param {symbol} key
     */
    function iterationSymbol(s, key) {
      if (!s.ptr) return Reflect.get(proto, key);  // destroyed: calling it says so
      if (key === Symbol.iterator) {
        if (s.iter === undefined) {
          s.iter = hasattrOf(s, '__next__') ? 'self'
            : describe(s.ptr, DESCRIBE.ITERABLE) === 1 ? 'iterable' : 'none';
        }
        return s.iter === 'self' ? returnThis : s.iter === 'iterable' ? proto[Symbol.iterator] : undefined;
      }
      if (s.aiter === undefined) s.aiter = hasattrOf(s, '__aiter__') || hasattrOf(s, '__anext__');
      return s.aiter ? proto[Symbol.asyncIterator] : undefined;
    }

    /**
     * Whether the API member `key` (of API) is one this object's kind has, as
     * in Pyodide: `get` only with __getitem__, `next` only on iterators...
     * Without it the name is looked up in Python like any other.
     */
    function apiMember(s, key) {
      const flag = API_FLAG_OF.get(key);
      if (flag === undefined) return key !== 'callKwargs' || s.callable;
      if (!s.ptr) return true;  // destroyed: using the member says so
      if (s.apiFlags === undefined) s.apiFlags = describe(s.ptr, DESCRIBE.API_FLAGS);
      return (s.apiFlags & flag) !== 0;
    }

    /** Whether the object is awaitable (a coroutine, Future, Task), asked once. */
    function isAwaitable(s) {
      if (s.awaitable === undefined && s.ptr) s.awaitable = describe(s.ptr, DESCRIBE.AWAITABLE) === 1;
      return s.awaitable === true;
    }

    /**
     * bind(thisArg, ...bound) of a callable PyProxy, as Pyodide's: a function
     * of the bound arguments whose own bind() adds more (`this` stays the
     * first), and whose captureThis() passes that `this` first.
     * @param {any} proxy @param {unknown} thisArg @param {unknown[]} bound
     */
    function boundCall(proxy, thisArg, bound) {
      const f = (/** @type {any[]} */ ...args) => call(proxy, [...bound, ...args]);
      return Object.assign(f, {
        bind: (/** @type {unknown} */ _ignored, /** @type {any[]} */ ...more) => boundCall(proxy, thisArg, [...bound, ...more]),
        captureThis: () => (/** @type {any[]} */ ...args) => call(proxy, [thisArg, ...bound, ...args]),
      });
    }

    const listOf = (/** @type {any[]} */ ...args) => args;

    /** Object.prototype's members (hasOwnProperty, valueOf...) where Python has no such attribute. */
    const objectMember = (key, receiver) => (key in Object.prototype ? Reflect.get(Object.prototype, key, receiver) : undefined);

    const handler = {
      get(target, key, receiver) {
        if (typeof key === 'symbol') {
          if (key === STATE) return target[STATE];
          if (Object.hasOwn(target, key)) return Reflect.get(target, key, receiver);
          if (key === Symbol.isConcatSpreadable) return target[STATE].seq !== SEQ.NONE ? true : undefined;
          if (key === Symbol.iterator || key === Symbol.asyncIterator) return iterationSymbol(target[STATE], key);
          return Reflect.get(proto, key, receiver);
        }
        const s = target[STATE];
        if (s.defined && Object.hasOwn(target, key)) return Reflect.get(target, key, receiver);
        if (API.has(key) && apiMember(s, key)) return Reflect.get(proto, key, receiver);
        if (s.callable && CALLABLE_API.has(key)) return callableApi[/** @type {keyof typeof callableApi} */ (key)];
        if (s.seq !== SEQ.NONE) {
          const method = methodsOf(s).get(key);
          if (method !== undefined) return method;
          if (isIndexKey(key)) return item(s.proxy, 'get', Number(key));
        }
        // Only awaitables (coroutines, Futures, Tasks) are thenable: `await`
        // on any other PyProxy must give the proxy itself.
        if (THENABLE.has(key) && isAwaitable(s)) return Reflect.get(thenable, key, receiver);
        const name = pythonName(key);
        const attr = getattrOf(s, name);
        if (attr !== undefined) return typeof attr === 'object' || typeof attr === 'function' ? attributeProxy(s, name, attr) : attr;
        const value = isDict(s) ? item(s.proxy, 'get', key) : undefined;
        return value === undefined ? objectMember(key, receiver) : value;
      },
      set(target, key, value, receiver) {
        if (typeof key === 'symbol') return key === STATE ? false : Reflect.set(target, key, value);  // kept on the target
        const s = target[STATE];
        const own = ownOf(target, s, key);
        if (own) return own.writable || own.set ? Reflect.set(target, key, value) : false;
        if (key === 'length' && apiMember(s, key)) return false;  // a getter (TypeError in strict code), as in Pyodide
        if (s.seq !== SEQ.NONE && isIndexKey(key)) {
          try {
            item(s.proxy, 'set', Number(key), value);
            return true;
          } catch (e) {
            return !indexMiss(e);
          }
        }
        if (isDict(s) && !hasattrOf(s, pythonName(key))) {
          item(s.proxy, 'set', key, value);
          return true;
        }
        return setattr(receiver, pythonName(key), value, false);
      },
      has(target, key) {
        if (typeof key === 'symbol') {
          if (key === Symbol.isConcatSpreadable) return target[STATE].seq !== SEQ.NONE;
          if (key === Symbol.iterator || key === Symbol.asyncIterator) return iterationSymbol(target[STATE], key) !== undefined;
          return Object.hasOwn(target, key) || key in (target[STATE].callable ? callableProto : proto);
        }
        const s = target[STATE];
        if (s.defined && Object.hasOwn(target, key)) return true;
        if (THENABLE.has(key) && isAwaitable(s)) return true;
        if (key === 'prototype' && s.callable) return true;  // as a function has, in Pyodide
        if ((API.has(key) && apiMember(s, key)) || (s.callable && CALLABLE_API.has(key))) return true;
        if (s.seq !== SEQ.NONE) {
          if (key === 'length' || methodsOf(s).has(key)) return true;
          if (isIndexKey(key)) return Number(key) < check(M._isthmus_py_length(ptrOf(s.proxy)));
        }
        return hasattrOf(s, pythonName(key)) || (isDict(s) && item(s.proxy, 'has', key)) || key in Object.prototype;
      },
      deleteProperty(target, key) {
        if (typeof key === 'symbol') return key === STATE ? false : Reflect.deleteProperty(target, key);
        const s = target[STATE];
        const own = ownOf(target, s, key);
        if (own) return own.configurable ? Reflect.deleteProperty(target, key) : false;
        if (key === 'length' && apiMember(s, key)) return true;  // an inherited getter: delete does nothing
        if (s.seq !== SEQ.NONE && isIndexKey(key)) {
          try {
            item(s.proxy, 'delete', Number(key));
            return true;
          } catch (e) {
            return !indexMiss(e);
          }
        }
        if (isDict(s)) {
          if (item(s.proxy, 'has', key)) {
            item(s.proxy, 'delete', key);
            return true;
          }
          if (!hasattrOf(s, pythonName(key))) return false;  // as Pyodide's PyDict
        }
        return setattr(s.proxy, pythonName(key), undefined, true);
      },
      defineProperty(target, key, descriptor) {
        // On the target, as Pyodide's PyProxies (which have no such trap):
        // get/has/set/delete then find it there, so the Proxy invariants
        // for non-configurable properties hold.
        if (key !== STATE) target[STATE].defined = true;
        return key === STATE ? false : Reflect.defineProperty(target, key, descriptor);
      },
      apply(target, thisArg, args) {
        return callOf(target[STATE], args, undefined);
      },
      getPrototypeOf(target) { return target[STATE].callable ? callableProto : proto; },
      ownKeys(target) {
        const s = target[STATE];
        const ptr = ptrOf(s.proxy);
        const names = withSlots(1, (p) => result(M._isthmus_py_dir(ptr, p), p));
        try {
          const keys = new Set(names);
          if (s.seq !== SEQ.NONE) {
            const n = check(M._isthmus_py_length(ptr));
            for (let i = 0; i < n; i++) keys.add(String(i));
            keys.add('length');
          }
          if (isDict(s)) for (const k of dictKeys(s.proxy)) keys.add(k);
          for (const k of Reflect.ownKeys(target)) if (k !== STATE) keys.add(k);
          return [...keys];
        } finally {
          names.destroy();
        }
      },
      getOwnPropertyDescriptor(target, key) {
        if (key === STATE) return undefined;
        const own = Reflect.getOwnPropertyDescriptor(target, key);
        if (own) return own;
        if (typeof key === 'symbol') return undefined;
        const s = target[STATE];
        // A sequence has no own properties but the target's, as in Pyodide:
        // Object.keys() is [], JSON.stringify uses toJSON().
        if (s.seq !== SEQ.NONE) return undefined;
        // A dict's str keys are its enumerable own properties (Pyodide's PyDict).
        if (isDict(s) && item(s.proxy, 'has', key)) {
          return { value: item(s.proxy, 'get', key), writable: true, enumerable: true, configurable: true };
        }
        // Not enumerable: Object.keys() is [] and JSON.stringify() gives {}, as
        // in Pyodide (enumerable, every dunder of dir() came out).
        const value = getattr(s.proxy, pythonName(key));
        return value === undefined ? undefined : { value, writable: true, enumerable: false, configurable: true };
      },
    };

    this.make = (ptr, owned, callable, seq = SEQ.NONE, roundtrip = false) => {
      const target = callable ? () => {} : {};
      const state = {
        ptr, owned, callable, seq, destroyedMessage: '', proxy: null, cell: null, registered: false, methods: undefined,
        awaitable: undefined, promise: undefined, defined: false, dict: undefined, iter: undefined, aiter: undefined,
        roundtrip, internal: false, apiFlags: undefined, attrs: undefined,
      };
      target[STATE] = state;
      const proxy = new Proxy(target, handler);
      state.proxy = proxy;
      if (owned) {
        state.cell = { ptr };
        if (!flushScheduled) {
          flushScheduled = true;
          queueMicrotask(() => { flushScheduled = false; flushPending(); });
        }
        self.live++;
        // Registering costs ~0.6 us: only proxies still alive when the
        // current JS task ends get registered (most are destroyed before).
        // A long synchronous task must not hold every proxy it made: past a
        // bound, register now so the collector can take forgotten ones.
        if (pending.push(state) >= 4096) flushPending();
      }
      return proxy;
    };
    let pending = [];
    let flushScheduled = false;
    const flushPending = () => {
      const states = pending;
      pending = [];
      for (const st of states) {
        if (st.cell.ptr && st.ptr) {
          registry.register(st.proxy, st.cell, st.cell);
          st.registered = true;
        }
      }
    };
    this.ptrOf = ptrOf;
    this.destroyProxy = destroy;
    /** Release the cached attribute names (for the leak check). */
    this.dropNames = () => {
      for (const ptr of names.values()) M._isthmus_py_decref(ptr);
      names.clear();
    };
  }

  isProxy(value) {
    if ((typeof value !== 'function' && typeof value !== 'object') || value === null) return false;
    try {
      return value[this.STATE] !== undefined;
    } catch {
      return false;  // a JS Proxy whose get trap throws, or a revoked one
    }
  }
  owned(ptr, callable = true, seq = SEQ.NONE, roundtrip = false) { return this.make(ptr, true, callable, seq, roundtrip); }
  borrowed(ptr, callable = true, seq = SEQ.NONE) { return this.make(ptr, false, callable, seq); }

  /**
   * End of a Python -> JS call: destroy the borrowed argument proxies, unless
   * the result is a thenable, which keeps them (with a reference each) until
   * it settles.
   */
  endBorrow(borrowed, result) {
    if (borrowed.length === 0) return;
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      const M = this.bridge.M;
      for (const p of borrowed) {
        const s = this.stateOf(p);
        M._isthmus_py_incref(s.ptr);
        s.owned = true;
        s.cell = { ptr: s.ptr };  // not registered: released when the promise settles
        this.live++;
      }
      const release = () => { for (const p of borrowed) this.destroyProxy(p, BORROWED_MESSAGE); };
      Promise.resolve(result).then(release, release);
      return;
    }
    for (const p of borrowed) {
      const s = p[this.STATE];
      if (s.ptr) {
        s.destroyedMessage = this.messageOfDestroyed(s.ptr, BORROWED_MESSAGE);
        s.ptr = 0;
      }
    }
  }

  /** The PythonError of a failed C++ call (an Error even if none was set). */
  takePythonError() {
    const M = this.bridge.M;
    const id = M._isthmus_take_error();
    if (id === 0) return new Error('isthmus: internal error: a Python operation failed without an exception');
    return this.bridge.handles.take(id);
  }

  /** Deep conversion (pyodide.ffi.to_js with the same options); a value no
   * conversion applies to comes back as a PyProxy. */
  toJs(proxy, options) {
    if (!this.toJsFn) this.toJsFn = this.bridge.api('to_js');
    const o = options ?? {};
    return this.toJsFn(proxy, o.depth ?? -1, o.pyproxies, o.create_pyproxies ?? o.createPyProxies ?? true,
      o.dict_converter ?? o.dictConverter, o.default_converter ?? o.defaultConverter,
      o.eager_converter ?? o.eagerConverter);
  }
}
