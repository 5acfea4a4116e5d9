// A seeded fuzz of the bridge: random JS values (primitives, BigInts,
// Symbols, typed arrays, DataViews, Maps, Sets, classes, Proxies with
// throwing traps, throwing getters, odd `length`s, thenables, Dates, RegExps,
// globalThis...) and random Python objects (tests/fuzz/python_side.py) go
// through random bridge operations from both sides, synchronous and async.
// After every operation it checks that the runtime still answers and that
// whatever was thrown is an Error with a message (JS) or an Exception with a
// message (Python); leaks are checked by the caller with countsAtRest().
// The ops are drawn with fast-check from one seed: the same seed replays the
// same run. Used by tests/js/fuzz.test.mjs and tests/fuzz/soak.mjs.
import fc from 'fast-check';
import { readFileSync, writeSync } from 'node:fs';

// The fuzz lets Python set globalThis's properties (`js.globalThis[x] = x`
// with an Error x sets globalThis.Error): the harness keeps its own Error,
// and puts the intrinsics back after each op (a realm whose Error or Promise
// is replaced breaks every JS library alike; that is not what this tests).
const { Error } = globalThis;
const INTRINSICS = ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'Promise', 'Object', 'Array',
  'Function', 'Symbol', 'Reflect', 'Proxy', 'Map', 'Set', 'WeakMap', 'WeakRef', 'FinalizationRegistry',
  'JSON', 'Math', 'Number', 'String', 'BigInt', 'Boolean', 'Date', 'RegExp', 'ArrayBuffer', 'DataView',
  'Uint8Array', 'Int32Array', 'Float64Array', 'TextDecoder', 'TextEncoder', 'WebAssembly', 'fetch',
  'setTimeout', 'clearTimeout', 'queueMicrotask', 'URL', 'Response', 'crypto', 'performance']
  .filter((name) => name in globalThis)
  .map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]);
function restoreIntrinsics() {
  for (const [name, d] of INTRINSICS) {
    const now = Object.getOwnPropertyDescriptor(globalThis, name);
    if (!now || now.value !== d.value || now.get !== d.get) {
      try { Object.defineProperty(globalThis, name, d); } catch { /* not configurable: unchanged */ }
    }
  }
}

const PYTHON_SIDE = readFileSync(new URL('./python_side.py', import.meta.url), 'utf8');

/** Attribute names the ops read; SET_NAMES are the only ones written or deleted. */
const GET_NAMES = ['fz_a', 'fz_b', 'then', 'length', 'constructor', 'prototype', 'toString', 'valueOf',
  '__class__', '__dict__', 'x', 'a', 'args', 'method', 'next', 'send', 'name', 'message', 'stack', 'size',
  'pi', 'keys', 'items', 'append', 'toJs', 'destroy', 'from_', 'é', '', '0'];
const SET_NAMES = ['fz_a', 'fz_b', 'length'];  // not 'then': globalThis must not become a thenable  // as python_side.py SET_NAMES

const PY_OPS = ['getattr', 'setattr', 'delattr', 'hasattr', 'len', 'iter', 'next', 'to_py', 'to_py_depth',
  'to_py_default', 'call', 'call_kw', 'new', 'bool', 'repr', 'str', 'hash', 'eq', 'contains', 'getitem',
  'setitem', 'delitem', 'dir', 'object_keys', 'to_js', 'to_bytes', 'to_memoryview', 'to_string', 'typeof',
  'js_id', 'json', 'keys', 'create_proxy', 'is_jsproxy'];

/** Operations, with weights: py:* are pyop(code, ...) calls from Python on JS values. */
const JS_OPS = {
  call: 4, callKwargs: 2, get: 4, set: 2, delete: 1, has: 2, length: 3, getItem: 2, setItem: 1, hasItem: 1,
  deleteItem: 1, iterate: 3, toJs: 3, toString: 2, type: 1, json: 2, objectKeys: 2, getBuffer: 3, copy: 2,
  destroy: 2, next: 1, throw: 1, return: 1, toPy: 4, runPython: 2, makePy: 2, forget: 1,
  awaitPyCoro: 1, pyAwaitsJs: 2, cancel: 1, runPythonAsync: 1, asyncIterate: 1, loadPackage: 1,
};
/** loadPackage requests: lock-file packages (once loaded, no-ops), unknown names and unreachable wheels. */
const PACKAGE_REQUESTS = ['six', 'markupsafe', 'msgpack', 'MarkupSafe', 'no-such-package',
  'file:///nonexistent/fz-1.0-py3-none-any.whl', 'http://127.0.0.1:9/fz-1.0-py3-none-any.whl', 'not a wheel.whl'];
const OP_TABLE = [];
for (const [name, w] of Object.entries(JS_OPS)) for (let k = 0; k < w; k++) OP_TABLE.push(name);
for (const code of PY_OPS) OP_TABLE.push(`py:${code}`, `py:${code}`);

class FuzzMessageThrows extends Error {}

/** Special JS values, made fresh from a small integer `n`. */
function specials(ctx) {
  const trapError = (trap) => () => { throw new Error(`trap ${trap} threw`); };
  const throwingTraps = {};
  for (const trap of ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor',
    'getPrototypeOf', 'defineProperty', 'apply', 'construct']) throwingTraps[trap] = trapError(trap);
  return {
    symbol: () => Symbol('fz'),
    globalThis: () => globalThis,
    date: (n) => new Date(n * 1e9),
    invalidDate: () => new Date(NaN),
    regexp: () => /a+(b)?/gu,
    class: () => class K { constructor(x) { this.x = x; } m() { return 1; } static s() { return 2; } },
    instance: (n) => new (class K2 { constructor() { this.v = n; } })(),
    arrow: () => (...a) => a.length,
    throwingFn: () => () => { throw new TypeError('fuzz function threw'); },
    asyncFn: () => async (x) => typeof x,  // (returning x would leave a rejected promise argument unhandled)
    genFn: () => function* g() { yield 1; yield 2; },
    generator: () => (function* g() { yield 1; yield 2; })(),
    asyncGenerator: () => (async function* g() { yield 1; })(),
    boundFn: () => Math.max.bind(null, 1),
    throwingProxy: () => new Proxy({}, throwingTraps),
    throwingFnProxy: () => new Proxy(function f() {}, throwingTraps),
    revokedProxy: () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; },
    getterThrows: (n) => ({ a: n, get b() { throw new Error('getter threw'); }, c: [n] }),
    getterThrowsArray: () => { const a = [1, 2, 3]; Object.defineProperty(a, 1, { get() { throw new Error('index getter threw'); } }); return a; },
    mapIteratorThrows: () => { const m = new Map([[1, 2]]); m[Symbol.iterator] = () => { throw new Error('iterator threw'); }; return m; },
    length: (n) => ({ length: [-1, -3, 2 ** 32, 2 ** 31, 2 ** 31 - 1, 1.5, NaN, Infinity, -0, 2][((n % 10) + 10) % 10] }),
    lengthGetterThrows: () => ({ get length() { throw new Error('length getter threw'); } }),
    sizeOdd: (n) => { const m = new Map([[1, 1]]); Object.defineProperty(m, 'size', { value: [-1, 2 ** 32, 0.5][((n % 3) + 3) % 3] }); return m; },
    toStringThrows: () => ({ toString() { throw new Error('toString threw'); }, [Symbol.toPrimitive]() { throw new Error('toPrimitive threw'); } }),
    nullProto: () => Object.assign(Object.create(null), { a: 1 }),
    frozen: () => Object.freeze({ a: [1] }),
    cyclic: () => { const o = { a: [] }; o.a.push(o); o.self = o; return o; },
    holes: () => [1, , 3],  // eslint-disable-line no-sparse-arrays
    bigArray: (n) => new Array(200 + Math.abs(n)).fill(n),
    map: (n) => new Map([[1, 'a'], ['k', { n }], [true, null]]),
    mapCollides: () => new Map([[1, 'a'], [true, 'b']]),
    set: (n) => new Set([n, 'a', {}]),
    setCollides: () => new Set([1, true]),
    weakMap: () => new WeakMap(),
    error: (n) => new Error(`fuzz error ${n}`),
    errorNoMessage: () => new Error(),
    errorMessageThrows: () => { const e = new FuzzMessageThrows('x'); Object.defineProperty(e, 'message', { get() { throw new Error('message getter threw'); } }); return e; },
    arrayBuffer: (n) => new ArrayBuffer(Math.abs(n) % 16),
    detachedBuffer: () => { const b = new ArrayBuffer(8); structuredClone(b, { transfer: [b] }); return b; },
    u8: (n) => new Uint8Array([n & 255, 2, 3]),
    i16: () => new Int16Array([-1, 2]),
    f32: () => new Float32Array([1.5, NaN]),
    f64: () => new Float64Array([Math.PI]),
    big64: () => new BigInt64Array([-(2n ** 63n), 5n]),
    bigU64: () => new BigUint64Array([2n ** 64n - 1n]),
    clamped: () => new Uint8ClampedArray([300]),
    dataView: () => new DataView(new ArrayBuffer(8), 2, 4),
    subarray: () => new Uint16Array(new ArrayBuffer(16), 4, 2),
    thenableResolves: (n) => ({ then(res) { res(n); } }),
    thenableRejects: () => ({ then(_, rej) { rej(new Error('thenable rejected')); } }),
    thenableThrows: () => ({ then() { throw new Error('then threw'); } }),
    thenableNotFn: () => ({ then: 5 }),
    resolved: (n) => Promise.resolve(n),
    rejected: () => { const p = Promise.reject(new RangeError('rejected promise')); p.catch(() => {}); return p; },
    pending: () => ctx.deferred(),
    pyproxy: (n) => ctx.pyAt(n),
  };
}
const SPECIAL_NAMES = Object.keys(specials({}));

/** A value recipe: a JS value drawn by fast-check, a special one, or a pooled Python object. */
const valueArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('any'), v: fc.anything({ maxDepth: 2, maxKeys: 3, withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withDate: true, withObjectString: true }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('str'), v: fc.string({ unit: 'binary', maxLength: 80 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('num'), v: fc.oneof(fc.integer(), fc.double(), fc.bigInt(), fc.constantFrom(2 ** 53, -0, 2 ** 31, -(2 ** 31) - 1)) }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('special'), name: fc.constantFrom(...SPECIAL_NAMES), n: fc.integer({ min: -20, max: 20 }) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('py'), i: fc.nat() }) },
);

export const opArb = fc.record({
  op: fc.constantFrom(...OP_TABLE),
  target: fc.nat(),
  a: valueArb,
  b: valueArb,
  nargs: fc.integer({ min: 0, max: 3 }),
  name: fc.constantFrom(...GET_NAMES),
  setName: fc.constantFrom(...SET_NAMES),
  n: fc.integer({ min: -2, max: 12 }),
  keep: fc.integer({ min: 0, max: 9 }),
  bufType: fc.constantFrom(undefined, undefined, 'u8', 'i32', 'f64', 'dataview', 'i64', 'nope'),
});

/** Describe a value briefly for failure reports. */
function brief(v) {
  try {
    if (typeof v === 'symbol' || typeof v === 'bigint') return `${typeof v} ${String(v)}`;
    if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
    if (v === null || typeof v !== 'object' && typeof v !== 'function') return String(v);
    return Object.prototype.toString.call(v);
  } catch {
    return '<unprintable>';
  }
}

/** The Error objects the fuzz made as operands. */
const fuzzErrors = new WeakSet();

/** What is wrong with a value thrown into JS, or null. */
function throwProblem(e) {
  if (e instanceof Hang) return e.message;
  if (!(e instanceof Error)) return `threw a non-Error: ${brief(e)}`;
  // One of the fuzz's own Error values given back as it is (a JS Error is a
  // JsException in Python, and one raised there reaches JS as itself: a
  // generator's throw(err) that does not catch it gives err back).
  if (fuzzErrors.has(e)) return null;
  let message;
  try { message = e.message; } catch { return 'the Error\'s message getter throws'; }
  if (typeof message !== 'string' || message.length === 0) return `${e.name} without a message`;
  if (e.type === 'SystemError' || /SystemError/.test(message.split('\n').pop())) return `SystemError: ${message.slice(-300)}`;
  return null;
}

/**
 * The fuzz on a loaded runtime.
 * @param {any} py the runtime (loadPyodide)
 * @param {{ seed: number, ops: number, onProgress?: (done: number) => void, progressEvery?: number }} options
 * @returns {Promise<{ failures: string[], opsRun: number, throws: number, byOp: Record<string, number> }>}
 */
export async function runFuzz(py, { seed, ops, onProgress, progressEvery = 10000 }) {
  const ns = py.runPython('{"__name__": "fuzz"}');
  py.runPython(PYTHON_SIDE, { globals: ns });
  const pyop = ns.get('pyop');
  const make = ns.get('make');
  const cleanupPy = ns.get('cleanup');
  const makerCount = py.runPython('len(MAKERS)', { globals: ns });
  const ping = ns.get('frames');

  const failures = [];
  const byOp = {};
  let throws = 0;
  const errorKinds = {};
  const timeByOp = {};
  /** Owned PyProxies the fuzz keeps (destroyed at the end; some get destroyed earlier). */
  const pool = [];
  // Pooled objects the fuzz destroys or forgets may still hold what it stored
  // in them (a JS value in math.__dict__...): a copy of each keeps them
  // reachable for the final unlink, which would otherwise count them as leaks.
  const retired = [];
  const retire = (p) => { try { retired.push(p.copy()); } catch { /* already destroyed */ } };
  const views = [];
  const deferreds = [];

  const ctx = {
    pyAt: (n) => pool.length ? pool[((n % pool.length) + pool.length) % pool.length] : undefined,
    deferred() {
      let resolve;
      const p = new Promise((r) => { resolve = r; });
      deferreds.push(resolve);
      return p;
    },
  };
  const make_ = specials(ctx);
  const valueOf = (recipe) => {
    switch (recipe.t) {
      case 'special': {
        const v = make_[recipe.name](recipe.n);
        if (v instanceof Error) fuzzErrors.add(v);
        return v;
      }
      case 'py': return ctx.pyAt(recipe.i);
      default: return recipe.v;
    }
  };
  const keep = (v, op) => {
    // Keep a few results (in the pool when a PyProxy), destroy or forget the rest.
    if (v instanceof py.ffi.PyProxy) {
      if (op.keep === 0 && pool.length < 200) pool.push(v);
      else if (op.keep === 1) { /* forgotten: the FinalizationRegistry's job */ } else v.destroy();
    }
  };
  const addPy = (i) => {
    const p = make(i);
    if (p instanceof py.ffi.PyProxy) pool.push(p);
  };
  for (let i = 0; i < 40; i++) addPy(i);
  // Python may set or delete globalThis's properties (pyop on globalThis): put them back at the end.
  const globalsBefore = Object.getOwnPropertyDescriptors(globalThis);

  const fail = (index, op, what) => {
    if (failures.length < 100) failures.push(`op #${index} ${op.op} on ${brief(pool[op.target % pool.length])}: ${what}`);
  };

  // Narrowing down a failure (environment variables):
  //   ISTHMUS_FUZZ_ONLY=<regexp>  draw only the ops whose names match
  //   ISTHMUS_FUZZ_SKIP=<regexp>  skip the matching ops, the others keep their place in the sequence
  //   ISTHMUS_FUZZ_TRACE=1        print ops that change the handle count, and slow ones
  //   ISTHMUS_FUZZ_LOG=1          print every op before it runs (to find one that crashes)
  //   ISTHMUS_FUZZ_GCCHECK=1      collect (JS and Python) after every op
  //   ISTHMUS_FUZZ_VERBOSE=1      count the errors thrown by kind (result.errorKinds)
  const env = typeof process === 'object' ? process.env : {};
  const debug = { log: !!env.ISTHMUS_FUZZ_LOG, gcEveryOp: !!env.ISTHMUS_FUZZ_GCCHECK };
  const only = env.ISTHMUS_FUZZ_ONLY ? new RegExp(env.ISTHMUS_FUZZ_ONLY) : null;
  // A rejection nobody handles would come from the bridge (the fuzz's own values never leave one).
  let current = 0;
  const onUnhandled = (e) => fail(current, samples[current], `unhandled rejection (around this op): ${brief(e)} ${e?.message ?? ''}`);
  process.on('unhandledRejection', onUnhandled);
  const skip = env.ISTHMUS_FUZZ_SKIP ? new RegExp(env.ISTHMUS_FUZZ_SKIP) : null;
  const trace = !!env.ISTHMUS_FUZZ_TRACE;
  const samples = fc.sample(opArb, { seed, numRuns: ops }).filter((op) => !only || only.test(op.op));
  for (let index = 0; index < samples.length; index++) {
    const op = samples[index];
    current = index;
    byOp[op.op] = (byOp[op.op] ?? 0) + 1;
    if (debug.log) writeSync(2, `op #${index} ${JSON.stringify(op, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)).slice(0, 300)}\n`);
    const started = performance.now();
    if (skip && skip.test(op.op)) continue;
    const target = pool[op.target % pool.length];
    const traced = trace ? py._liveCounts().handles : 0;
    try {
      await runOp(op, target);
    } catch (e) {
      throws++;
      if (env.ISTHMUS_FUZZ_VERBOSE) {
        const key = `${op.op}: ${e?.type ?? e?.name}: ${String(e?.message ?? e).split('\n').filter(Boolean).pop()?.slice(0, 100)}`;
        errorKinds[key] = (errorKinds[key] ?? 0) + 1;
      }
      const problem = throwProblem(e);
      if (problem) fail(index, op, problem);
    }
    restoreIntrinsics();
    if (trace && py._liveCounts().handles !== traced) {
      let t;
      try { t = ctx.pyAt(op.a.i)?.type; } catch { t = 'destroyed'; }
      console.log(`op #${index} ${op.op} handles ${traced} -> ${py._liveCounts().handles} a: ${op.a.t === 'py' ? t : ''}`, JSON.stringify(op, (k, v) => typeof v === 'bigint' ? `${v}n` : v).slice(0, 300));
    }
    timeByOp[op.op] = (timeByOp[op.op] ?? 0) + performance.now() - started;
    if (trace && performance.now() - started > 50) console.log(`slow op #${index} ${op.op} ${Math.round(performance.now() - started)} ms`, brief(valueOf(op.a)));
    if (debug.gcEveryOp) { globalThis.gc(); await new Promise((r) => setTimeout(r, 0)); py.runPython('import gc; gc.collect()'); }
    // The runtime still answers, and the call left no state behind.
    try {
      const frames = ping();
      if (frames !== 1) fail(index, op, `${frames - 1} Python frames left under way (a JS exception unwound through C++?)`);
      if (index % 100 === 0 && py.runPython('1 + 1') !== 2) fail(index, op, 'runPython stopped answering');
    } catch (e) {
      fail(index, op, `the runtime no longer answers: ${e?.message ?? brief(e)}`);
      break;
    }
    const b = py._bridge;
    if (b.scratchTop !== b.scratchBase || b.depth !== 0) {
      fail(index, op, `bridge state left behind (scratch ${b.scratchTop - b.scratchBase} bytes, depth ${b.depth})`);
      b.scratchTop = b.scratchBase;
      b.depth = 0;
    }
    if (onProgress && (index + 1) % progressEvery === 0) onProgress(index + 1);
    if (pool.length < 20) addPy(index);
    if (index % 500 === 499) await new Promise((r) => setTimeout(r, 0));  // let finalizers and the event loop run
  }

  async function runOp(op, p) {
    const a = valueOf(op.a);
    const bv = valueOf(op.b);
    if (op.op.startsWith('py:')) {
      const code = op.op.slice(3);
      const name = code === 'setattr' || code === 'delattr' ? op.setName : op.name;
      const r = pyop(code, a, bv, name);
      if (r instanceof py.ffi.PyProxy) {
        let isExc = false;
        try { isExc = r.type === 'list' && r.length === 4 && r.get(0) === 'exc'; } catch { /* not the report */ }
        if (isExc) {
          const problem = r.get(3);
          if (problem) fail(current, op, `Python side: ${code}(${brief(a)}) raised ${r.get(1)}: ${problem}`);
          r.destroy();
          return;
        }
        keep(r, op);
      }
      return;
    }
    switch (op.op) {
      case 'call': keep(p(...[a, bv, op.n].slice(0, op.nargs)), op); return;
      case 'callKwargs': keep(p.callKwargs(a, { key: bv }), op); return;
      case 'get': keep(p[op.name], op); return;
      case 'set': p[op.setName] = a; return;
      case 'delete': delete p[op.setName]; return;
      case 'has': void (op.name in p); return;
      case 'length': void p.length; return;
      case 'getItem': keep(p.get(a), op); return;
      case 'setItem': p.set(a, bv); return;
      case 'hasItem': p.has(a); return;
      case 'deleteItem': p.delete(a); return;
      case 'iterate': {
        let k = 0;
        for (const v of p) { keep(v, op); if (++k >= 8) break; }
        return;
      }
      case 'toJs': {
        const created = [];
        /** @type {Record<string, unknown>} */
        const options = { depth: op.n, pyproxies: created };
        // converters that return new JS objects (a handle each), sometimes
        if (op.keep % 3 === 1) {
          options.default_converter = (v, convert, cache) => {
            const out = [String(v?.type)];
            cache(v, out);
            return out;
          };
        } else if (op.keep % 3 === 2) {
          options.dict_converter = (entries) => new Map(entries);
        }
        const r = p.toJs(options);
        for (const c of created) c.destroy();
        if (r instanceof py.ffi.PyProxy && !created.includes(r)) keep(r, op);
        return;
      }
      case 'toString': void String(p); void p.toString(); return;
      case 'type': void p.type; return;
      case 'json': {
        if (p.type === 'module') return;  // stringify walks every attribute of a module
        limitedStringify(p);
        return;
      }
      case 'objectKeys': void Object.keys(p); return;
      case 'getBuffer': {
        const view = p.getBuffer(op.bufType);
        void view.data[view.offset];
        if (op.keep === 0) views.push(view);
        else if (op.keep !== 1) view.release();  // keep 1: forgotten
        return;
      }
      case 'copy': {
        const c = p.copy();
        if (pool.length < 200) pool.push(c); else c.destroy();
        return;
      }
      case 'destroy': {
        // Destroy a pooled proxy (later ops on it must throw clear Errors).
        if (pool.length > 20 && op.keep < 5) {
          const gone = pool.splice(op.target % pool.length, 1)[0];
          retire(gone);
          gone.destroy();
        } else {
          retire(p);
          p.destroy();
        }
        return;
      }
      case 'next': keep(p.next(a)?.value, op); return;
      case 'throw': keep(p.throw(a)?.value, op); return;
      case 'return': keep(p.return(a)?.value, op); return;
      case 'toPy': keep(py.toPy(a, { depth: op.n }), op); return;
      case 'runPython': {
        py.globals.set('fz_value', a);
        try {
          keep(py.runPython(['fz_value', 'repr(fz_value)', 'len(fz_value)', '[*fz_value][:3]', 'fz_value.to_py()',
            'fz_value == fz_value', 'type(fz_value).__name__', 'fz_value()', 'str(fz_value)', 'fz_value.x'][op.keep]), op);
        } finally {
          py.globals.delete('fz_value');
        }
        return;
      }
      case 'makePy': addPy(op.target % makerCount); return;
      case 'forget': {  // dropped, never destroyed
        const c = pool.length > 20 ? pool.pop() : undefined;
        if (c) retire(c);
        return;
      }
      case 'awaitPyCoro': {
        // JS awaits a Python coroutine function's Task.
        const coro = ns.get('coro');
        try {
          const task = coro(a);
          // (A pending Promise as the result: awaiting it in JS would adopt it and wait forever.)
          try { if (!isPending(op.a)) keep(await bounded(task), op); } finally { task.destroy(); }
        } finally {
          coro.destroy();
        }
        return;
      }
      case 'pyAwaitsJs': {
        // Python awaits a JS value; a pending one is cancelled.
        const pyawait = ns.get('pyawait');
        const task = pyawait(a);
        pyawait.destroy();
        try {
          if (isPending(op.a)) task.cancel();
          keep(await bounded(task), op);
        } finally {
          task.destroy();
        }
        return;
      }
      case 'cancel': {
        const sleep = ns.get('sleep_forever');
        const task = sleep();
        sleep.destroy();
        try {
          if (op.keep < 5) await new Promise((r) => setTimeout(r, 0));
          task.cancel();
          await bounded(task);
        } finally {
          task.destroy();
        }
        return;
      }
      case 'runPythonAsync': {
        py.globals.set('fz_value', a);
        try {
          if (isPending(op.a)) return;  // would never settle
          keep(await bounded(py.runPythonAsync('await fz_value')), op);
        } finally {
          py.globals.delete('fz_value');
        }
        return;
      }
      case 'loadPackage': {
        const name = PACKAGE_REQUESTS[((op.n % PACKAGE_REQUESTS.length) + PACKAGE_REQUESTS.length) % PACKAGE_REQUESTS.length];
        await bounded(py.loadPackage(name, { messageCallback: () => {}, errorCallback: () => {} }));
        if (name === 'msgpack') keep(py.runPython('import msgpack; msgpack.unpackb(msgpack.packb([1, "a", b"b"]))'), op);
        return;
      }
      case 'asyncIterate': {
        // The async iterator protocol, each step bounded. (Not `for await`:
        // over a sync iterable it awaits every value, and a pending Promise
        // among them, which the fuzz makes, would wait forever, as JS says.)
        const makeAsync = p[Symbol.asyncIterator];
        if (typeof makeAsync !== 'function') {
          let k = 0;
          for (const v of p) { keep(v, op); if (++k >= 3) break; }
          return;
        }
        const it = makeAsync.call(p);
        for (let k = 0; k < 3; k++) {
          const step = await bounded(it.next());
          if (step.done) break;
          keep(step.value, op);
        }
        await bounded(it.return?.());
        return;
      }
      default:
        throw new Error(`fuzz: unknown op ${op.op}`);
    }
  }

  function isPending(recipe) {
    return recipe.t === 'special' && recipe.name === 'pending';
  }

  // ---- the end: release everything the fuzz kept -------------------------
  for (const resolve of deferreds) resolve('settled at the end');
  await new Promise((r) => setTimeout(r, 0));
  process.off('unhandledRejection', onUnhandled);
  for (const v of views) v.release();
  cleanupPy();
  for (const name of Reflect.ownKeys(globalThis)) {
    if (!(name in globalsBefore)) Reflect.deleteProperty(globalThis, name);  // (fetch adds a non-configurable one)
  }
  for (const [name, d] of Object.entries(globalsBefore)) {
    const now = Object.getOwnPropertyDescriptor(globalThis, name);
    if (!now || now.value !== d.value || now.get !== d.get) {
      try { Object.defineProperty(globalThis, name, d); } catch { /* not configurable: it could not change either */ }
    }
  }
  const unlink = ns.get('unlink');
  for (const p of [...pool, ...retired]) {
    try { unlink(p); } catch { /* a destroyed one */ }
    p.destroy();
  }
  pool.length = 0;
  retired.length = 0;
  for (const p of [pyop, make, cleanupPy, ping, unlink]) p.destroy();
  ns.clear();
  ns.destroy();
  // An Error the run made keeps the stack it was made on, closures and all,
  // until its stack is formatted: anything held by Python could reach the
  // samples (and the PyProxies Python stored in them) that way.
  const opsRun = samples.length;
  samples.length = 0;
  views.length = 0;
  deferreds.length = 0;
  return { failures, opsRun, throws, byOp, errorKinds, timeByOp };
}

/** What bounded() rejects with: the fuzz reports it as a failure. */
class Hang extends Error {}

/** Await a thenable, failing (instead of hanging) if it has not settled in 10 s. */
function bounded(thenable) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Hang('an await did not settle within 10 s (a hang)')), 10_000);
  });
  return Promise.race([Promise.resolve(thenable), timeout]).finally(() => clearTimeout(timer));
}

/** JSON.stringify, at most three levels deep (PyProxies of objects reach far). */
function limitedStringify(v) {
  const depth = new WeakMap();
  return JSON.stringify(v, function replacer(key, value) {
    const d = key === '' ? 0 : (depth.get(this) ?? 0) + 1;
    if (value !== null && typeof value === 'object') {
      if (d > 2) return '[deep]';
      depth.set(value, d);
    }
    return value;
  });
}

/**
 * Live counts once both collectors have nothing left to do: collect (JS and
 * Python) and turn the event loop until two reads agree.
 * @returns {Promise<{handles: number, pyproxies: number, bufferViews: number, heapBytes: number}>}
 */
export async function countsAtRest(py) {
  let last;
  for (let round = 0; round < 30; round++) {
    globalThis.gc();
    // (sys.last_exc keeps the last exception that escaped to JS, as Python's
    // prompt does: it may hold a JS error, and is no leak)
    py.runPython('import gc, sys\nsys.last_exc = sys.last_value = sys.last_type = None\ngc.collect()');
    await new Promise((r) => setTimeout(r, 5));
    const now = py._liveCounts();
    if (last && JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}
