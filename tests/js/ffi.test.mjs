// The core FFI seen from JS: implicit conversions, PyProxy, JsProxy,
// errors both ways, lifetimes and leaks (issue 3).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide, PythonError } from './dist.mjs';

let py;
/** The object counts of _liveCounts() (heapBytes moves with Python's caches). */
const liveObjects = () => {
  const { handles, pyproxies, bufferViews } = py._liveCounts();
  return { handles, pyproxies, bufferViews };
};
before(async () => {
  py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
});

test('Python -> JS implicit conversions', () => {
  py.runPython(`
import js
from pyodide.ffi import jsnull
def echo(x): return x
`);
  const echo = py.globals.get('echo');
  assert.equal(py.runPython('2**53 - 1'), 2 ** 53 - 1);
  assert.equal(py.runPython('-(2**53 - 1)'), -(2 ** 53 - 1));
  assert.equal(py.runPython('2**53'), 2n ** 53n);
  assert.equal(py.runPython('12345678901234567890123'), 12345678901234567890123n);
  assert.ok(Number.isNaN(py.runPython("float('nan')")));
  assert.equal(py.runPython("float('inf')"), Infinity);
  assert.equal(py.runPython("'\\U0001F600\\x00\\u20ac\\xe9'"), '😀\u0000€é');
  assert.equal(py.runPython("'\\U0001F600\\ud800'"), '😀\ud800', 'a lone surrogate beside an astral character');
  assert.equal(py.runPython("'x' * 100000").length, 100000);
  assert.equal(py.runPython('jsnull'), null);
  assert.equal(py.runPython('None'), undefined);
  const o = { a: 1 };
  assert.equal(echo(o), o, 'a JsProxy comes back as the same JS object');
  echo.destroy();
});

test('long strings cross both ways intact (the UTF-8 path)', () => {
  const echo = py.runPython('lambda s: s');
  const info = py.runPython('lambda s: [len(s), s[:2], s[-4:], max(map(ord, s))]');
  for (const s of ['a'.repeat(100000), 'é😀x'.repeat(30000) + '\u0000end', '€'.repeat(70), 'x'.repeat(65) + '\ud83d\ude00']) {
    assert.equal(echo(s), s);
    const [len, head, tail] = info(s).toJs();
    assert.equal(len, [...s].length);
    assert.equal(head + '', [...s].slice(0, 2).join(''));
    assert.equal(tail, [...s].slice(-4).join(''));
  }
  assert.equal(py.runPython("'\\xe9' * 100 + '\\x00'"), 'é'.repeat(100) + '\u0000');
  echo.destroy();
  info.destroy();
});

test('short strings cross inline (no handle) as arguments, results and property values', async () => {
  py.runPython(`
import js
def describe(*args):
    return [[len(a), a.isascii(), a == a.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass"), a] for a in args]
def lookup(key):
    return {"ab": 1, "\xe9t\xe9": 2, "\u4e2d": 3}.get(key)
def echo_js(f, *args):
    return f(*args)
def prop(o):
    return o.name
`);
  const describe = py.globals.get('describe');
  const lookup = py.globals.get('lookup');
  const echoJs = py.globals.get('echo_js');
  const prop = py.globals.get('prop');
  const cases = ['', 'ab', 'été', '中文', '\u0000x', '😀', 'x'.repeat(64), 'é'.repeat(64), '€'.repeat(64), 'a\ud800b'];
  const got = describe(...cases).toJs();
  cases.forEach((s, k) => {
    assert.equal(got[k][0], [...s].length, `length of ${JSON.stringify(s)}`);
    // eslint-disable-next-line no-control-regex -- ASCII is U+0000 to U+007F
    assert.equal(got[k][1], /^[\x00-\x7f]*$/.test(s), `isascii of ${JSON.stringify(s)}`);
    assert.equal(got[k][3], s);
  });
  // Canonical str objects: equal to (and hashed like) Python's own literals.
  assert.equal(lookup('ab'), 1);
  assert.equal(lookup('été'), 2);
  assert.equal(lookup('中'), 3);
  // JS results and property values of Python -> JS calls, many in one call.
  const concat = (...xs) => xs.join('|');
  assert.equal(echoJs(concat, 'a', 'é', '中', '😀'), 'a|é|中|😀');
  for (const s of cases) {
    assert.equal(echoJs((x) => x, s), s);
    assert.equal(prop({ name: s }), s);
  }
  // Python -> JS: short results and arguments cross as code units too (a
  // fresh str each time, so none is interned); a Python key of a JS object.
  const rebuild = py.runPython('lambda s: "".join(list(s))');
  const callWith = py.runPython('lambda f, s: f("".join(list(s)), s + "!")');
  const getKey = py.runPython('lambda o, k: o.as_py_json()["".join(list(k))]');
  for (const s of cases) {
    assert.equal(rebuild(s), s);
    assert.deepEqual(callWith((a, b) => [a, b], s), [s, s + '!']);
    assert.equal(getKey({ [s]: 7 }, s), 7);
  }
  for (const p of [rebuild, callWith, getKey]) p.destroy();
  // Repeated strings come from a cache of Python str objects: still canonical
  // (ASCII text is an ASCII str), equal, and usable as dict keys.
  const isAscii = py.runPython('lambda s: (s.isascii(), s == "ab", {"ab": 1}.get(s))');
  for (let k = 0; k < 4; k++) assert.deepEqual(isAscii('ab').toJs(), [true, true, 1]);
  globalThis.asciiKeys = { abc: 1 };
  assert.equal(py.runPython('import js; js.Object.keys(js.asciiKeys)[0].isascii()'), true);
  assert.equal(py.runPython('js.Object.keys(js.asciiKeys)[0] == "abc"'), true);
  isAscii.destroy();
  // More distinct repeated strings than the cache holds: it is dropped and refilled.
  const len = py.runPython('len');
  for (let round = 0; round < 2; round++) {
    for (let k = 0; k < 5000; k++) assert.equal(len(`key${k}`), `key${k}`.length);
  }
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(len('after'), 5);
  len.destroy();
  // Many string arguments: more than the scratch holds inline, then the runtime still works.
  const many = Array.from({ length: 5000 }, (_, i) => `s${i}`.repeat(8));
  assert.equal(py.runPython('lambda *a: sum(map(len, a))')(...many), many.reduce((n, x) => n + x.length, 0));
  assert.equal(lookup('ab'), 1);
  for (const p of [describe, lookup, echoJs, prop]) p.destroy();
});

test('JS -> Python implicit conversions', () => {
  py.runPython(`
def kind(x):
    from pyodide.ffi import JsProxy, jsnull
    if x is jsnull: return 'jsnull'
    if isinstance(x, JsProxy): return 'JsProxy'
    return type(x).__name__ + ':' + repr(x)
`);
  const kind = py.globals.get('kind');
  assert.equal(kind(3), 'int:3');
  assert.equal(kind(3.0), 'int:3');
  assert.equal(kind(3.5), 'float:3.5');
  assert.equal(kind(2 ** 53), 'float:9007199254740992.0');
  assert.equal(kind(10n ** 20n), 'JsBigInt:100000000000000000000');  // an int that goes back as a BigInt
  assert.equal(kind(-5n), 'JsBigInt:-5');
  assert.equal(kind('é😀'), "str:'é😀'");
  assert.equal(kind('\ud83d\ude00'), "str:'😀'");
  assert.equal(kind(true), 'bool:True');
  assert.equal(kind(undefined), 'NoneType:None');
  assert.equal(kind(null), 'jsnull');
  assert.equal(kind({}), 'JsProxy');
  assert.equal(kind(() => 1), 'JsProxy');
  const list = py.runPython('[1]');
  py.globals.set('sent', list);
  assert.equal(py.runPython('sent is globals()["sent"]'), true);
  assert.equal(py.runPython('type(sent).__name__'), 'list');
  list.destroy();
  kind.destroy();
});

test('PyProxy: attributes, items, length, iteration, type, toString', () => {
  const d = py.runPython("d = {'a': 1, 'b': [1, 2]}; d");
  assert.ok(d instanceof py.ffi.PyProxy);
  assert.equal(d.type, 'dict');
  assert.equal(d.get('a'), 1);
  assert.equal(d.get('missing'), undefined);
  d.set('c', 3);
  assert.equal(d.has('c'), true);
  d.delete('c');
  assert.equal(d.has('c'), false);
  assert.equal(d.length, 2);
  assert.deepEqual([...d], ['a', 'b']);
  assert.equal(d.toString(), "{'a': 1, 'b': [1, 2]}");
  const ns = py.runPython('import types; ns = types.SimpleNamespace(x=1); ns');
  assert.equal(ns.x, 1);
  ns.y = 'two';
  assert.equal(py.runPython('ns.y'), 'two');
  assert.equal('x' in ns, true);
  delete ns.x;
  assert.equal(py.runPython("hasattr(ns, 'x')"), false);
  assert.equal(ns.nothing, undefined);
  const C = py.runPython('class Point:\n  def __init__(self, x): self.x = x\nPoint');
  assert.equal(typeof C, 'function');
  const p = C(5);
  assert.equal(p.type, 'Point');
  assert.equal(p.x, 5);
  for (const x of [d, ns, C, p]) x.destroy();
});

test('PyProxy: calls with keyword arguments and methods', () => {
  const f = py.runPython('def f(a, b=1, *, c=0): return a * b + c\nf');
  assert.equal(f(2), 2);
  assert.equal(f(2, 3), 6);
  assert.equal(f.callKwargs(2, { b: 3, c: 4 }), 10);
  assert.throws(() => f.callKwargs(2), /kwargs argument is not an object/);
  const s = py.runPython("'hello'.upper");
  assert.equal(s(), 'HELLO');
  const l = py.runPython('l = [3, 1, 2]; l');
  l.sort();
  assert.equal(l.toString(), '[1, 2, 3]');
  for (const x of [f, s, l]) x.destroy();
});

test('PyProxy: a method proxy is reused for the same method, and survives its object', () => {
  const l = py.runPython('[3, 1, 2]');
  assert.equal(l.append, l.append, 'same method, same PyProxy');
  const append = l.append;
  append.destroy();
  l.append(4);  // a fresh proxy after the cached one was destroyed
  const sort = l.$sort;  // Python's (l.sort is the Array method, as in Pyodide)
  l.destroy();
  sort();  // still bound to the list
  assert.equal(py.runPython('import gc; gc.collect(); 0'), 0);
  sort.destroy();
  const o = py.runPython('class K:\n  def m(self): return 1\nk = K(); k');
  const m1 = o.m;
  py.runPython('K.m = lambda self: 2');
  assert.equal(o.m(), 2, 'a changed method is looked up again');
  assert.equal(m1(), 1);
  for (const x of [o, m1]) x.destroy();
});

test('PyProxy: generators next/throw/return', () => {
  const g = py.runPython(`
def gen():
    try:
        x = yield 1
        yield x * 2
    except ValueError:
        yield 'caught'
gen()`);
  assert.deepEqual(g.next(), { done: false, value: 1 });
  assert.deepEqual(g.next(21), { done: false, value: 42 });
  assert.deepEqual(g.next(), { done: true, value: undefined });
  const g2 = py.runPython('gen()');
  g2.next();
  const err = py.runPython('ValueError("x")');
  assert.deepEqual(g2.throw(err), { done: false, value: 'caught' });
  assert.deepEqual(g2.return(7), { done: true, value: 7 });
  const g3 = py.runPython('(i * i for i in range(4))');
  assert.deepEqual([...g3], [0, 1, 4, 9]);
  for (const x of [g, g2, err, g3]) x.destroy();
});

test('PyProxy: copy, destroy, Symbol.dispose and the destroyed error', () => {
  const l = py.runPython('[1, 2]');
  const c = l.copy();
  l.destroy();
  assert.throws(() => l.toString(), /already been destroyed\nFor more information about the cause of this error, use `pyodide.setDebug\(true\)`/);
  assert.equal(c.length, 2);
  assert.equal(typeof Symbol.dispose, 'symbol');
  c[Symbol.dispose]();
  assert.throws(() => c.length, /destroyed/);
  l.destroy();  // a second destroy is harmless
});

test('PyProxy: toJs deep, with depth, converters and cycles', () => {
  const nested = py.runPython("n = {'a': [1, {'b': (2, 3)}], 's': {4}}; n");
  const js = nested.toJs();
  assert.deepEqual(js, { a: [1, { b: [2, 3] }], s: new Set([4]) });
  const shallow = nested.toJs({ depth: 1 });
  assert.ok(shallow.a instanceof py.ffi.PyProxy);
  shallow.a.destroy();
  shallow.s.destroy();
  const asMap = nested.toJs({ dict_converter: (entries) => new Map(entries) });
  assert.ok(asMap instanceof Map && asMap.get('a')[1] instanceof Map);
  assert.ok(nested.toJs({ dictConverter: Object.fromEntries }).a[1].b);
  const cyc = py.runPython('c = []; c.append(c); c');
  const cj = cyc.toJs();
  assert.equal(cj[0], cj);
  const made = [];
  const withObj = py.runPython('class Opaque: pass\n[Opaque()]');
  const converted = withObj.toJs({ pyproxies: made });
  assert.equal(made.length, 1);
  assert.equal(converted[0], made[0]);
  made[0].destroy();
  assert.throws(() => withObj.toJs({ create_pyproxies: false }), (e) => e.type === 'ConversionError');
  const viaDefault = withObj.toJs({ default_converter: (value) => 'default:' + value.type });
  assert.deepEqual(viaDefault, ['default:Opaque']);
  for (const x of [nested, cyc, withObj]) x.destroy();
});

test('runtime.toPy: deep, with depth and a default converter', () => {
  const d = py.toPy({ a: [1, { b: new Map([[1, 'x']]) }], t: new Float64Array([0.5]) });
  assert.equal(py.runPython('lambda d: repr(d["a"]) + d["t"].format')(d), "[1, {'b': {1: 'x'}}]d");
  const shallow = py.toPy([[1]], { depth: 1 });
  assert.equal(py.runPython('lambda x: type(x[0]).__name__')(shallow), 'JsProxy');
  const dated = py.toPy([new Date(7)], { defaultConverter: (v) => v.getTime() });
  assert.equal(dated.toString(), '[7]');
  for (const x of [d, shallow, dated]) x.destroy();
});

test('PyProxy: toJs (shallow)', () => {
  const l = py.runPython("[1, 'a', None]");
  assert.deepEqual(l.toJs(), [1, 'a', undefined]);
  const d = py.runPython("{'x': 1}");
  assert.deepEqual(d.toJs(), { x: 1 });
  const s = py.runPython('{1, 2}');
  assert.deepEqual(s.toJs(), new Set([1, 2]));
  for (const x of [l, d, s]) x.destroy();
});

test('runtime API: globals, pyimport, runPython globals, toPy', () => {
  py.globals.set('from_js', 42);
  assert.equal(py.runPython('from_js + 1'), 43);
  assert.equal(py.globals.has('from_js'), true);
  py.globals.delete('from_js');
  assert.equal(py.globals.has('from_js'), false);
  const path = py.pyimport('os.path');
  assert.equal(path.join('a', 'b'), 'a/b');
  const join = py.pyimport('os.path.join');
  assert.equal(join('x', 'y'), 'x/y');
  assert.throws(() => py.pyimport('no_such_module_here'), (e) => e.type === 'ModuleNotFoundError');
  const ns = py.runPython('{}');
  py.runPython('z = 5', { globals: ns });
  assert.equal(ns.get('z'), 5);
  assert.equal(py.runPython("'z' in globals()"), false);
  const l = py.toPy([1, 2, 3]);
  assert.equal(l.type, 'list');
  assert.equal(l.toString(), '[1, 2, 3]');
  const d = py.toPy({ a: 1 });
  assert.equal(d.toString(), "{'a': 1}");
  assert.equal(py.toPy(5), 5);
  for (const x of [path, join, ns, l, d]) x.destroy();
});

test('registerJsModule: import, submodules, from m import *', () => {
  py.registerJsModule('jsmod', { answer: 42, sub: { deep: 'yes' }, twice: (x) => 2 * x });
  assert.equal(py.runPython('import jsmod; jsmod.answer'), 42);
  assert.equal(py.runPython('from jsmod.sub import deep; deep'), 'yes');
  assert.equal(py.runPython('from jsmod import twice; twice(21)'), 42);
  assert.equal(py.runPython("ns = {}; exec('from jsmod import *', ns); ns['answer']"), 42);
  py.unregisterJsModule('jsmod');
  py.runPython('import sys\nfor m in ["jsmod", "jsmod.sub"]: del sys.modules[m]');  // unregistering does not unimport
  assert.throws(() => py.runPython('import jsmod'), (e) => e.type === 'ModuleNotFoundError');
  assert.throws(() => py.unregisterJsModule('jsmod'), /no Javascript module/);
  assert.equal(py.runPython('import pyodide_js; pyodide_js.version'), py.version);
});

test('errors: PythonError has type and traceback; JS errors round-trip as the same object', () => {
  assert.throws(() => py.runPython('def boom(): raise KeyError("k")\nboom()'), (e) => {
    assert.ok(e instanceof PythonError && e instanceof py.ffi.PythonError);
    assert.equal(e.type, 'KeyError');
    assert.match(e.message, /line 1, in boom/);
    return true;
  });
  const original = new RangeError('from js');
  const thrower = () => { throw original; };
  py.globals.set('thrower', thrower);
  try {
    py.runPython('thrower()');
    assert.fail('no throw');
  } catch (e) {
    assert.equal(e, original);
  }
  // Python sees JsException with "Name: message", and can catch it.
  assert.equal(py.runPython(`
from pyodide.ffi import JsException, JsProxy
try:
    thrower()
except JsException as e:
    r = (str(e), isinstance(e, JsProxy), e.js_error.message)
r`).toString(), "('RangeError: from js', True, 'from js')");
  // A Python exception through JS and back is the same object.
  assert.equal(py.runPython(`
err = ValueError("mine")
def raiser(): raise err
from js import Reflect
try:
    Reflect.apply(raiser, None, [])
except ValueError as e:
    same = e is err
same`), true);
  py.globals.delete('thrower');
  assert.equal(py.runPython('1 + 1'), 2);
});

test('errors: nested re-entrant calls 60 levels deep unwind correctly', () => {
  py.runPython(`
def down(n, js_down):
    if n == 0:
        raise ValueError("bottom")
    return js_down(n - 1)
`);
  const down = py.globals.get('down');
  const jsDown = (n) => down(n, jsDown);
  assert.throws(() => jsDown(60), (e) => e.type === 'ValueError' && /bottom/.test(e.message));
  const okDown = py.runPython('def ok(n, f): return n if n == 0 else f(n - 1)\nok');
  const jsOk = (n) => okDown(n, jsOk) + 1;
  assert.equal(jsOk(60), 61);
  down.destroy();
  okDown.destroy();
  assert.equal(py.runPython('2 * 21'), 42);
});

test('errors: unbounded JS <-> Python recursion stops with a catchable error, and nothing leaks', () => {
  py.runPython('def bounce(n, f): return 0 if n == 0 else 1 + f(n - 1)');
  const bounce = py.globals.get('bounce');
  const jsBounce = (n) => bounce(n, jsBounce);
  const before = liveObjects();
  for (let i = 0; i < 3; i++) {
    assert.throws(() => jsBounce(100000), (e) => e instanceof RangeError || e.type === 'RecursionError');
  }
  assert.deepEqual(liveObjects(), before);
  assert.equal(py._bridge.scratchTop, py._bridge.scratchBase);
  assert.equal(jsBounce(20), 20);
  assert.equal(py.runPython('def r(n): return 0 if n == 0 else 1 + r(n - 1)\nr(90)'), 90);
  bounce.destroy();
});

test('lifetimes: borrowed argument proxies are destroyed after the call', () => {
  let kept;
  py.globals.set('keep', (x) => { kept = x; return x.length; });
  assert.equal(py.runPython('keep([1, 2, 3])'), 3);
  assert.throws(() => kept.length, /borrowed proxy was automatically destroyed[\s\S]*create_proxy/);
  py.runPython('from pyodide.ffi import create_proxy\np = create_proxy([1, 2]); keep(p)');
  assert.equal(kept.length, 2, 'create_proxy outlives the call');
  py.runPython('p.destroy()');
  assert.throws(() => kept.length, /destroyed/);
  py.globals.delete('keep');
});

test('lifetimes: a Promise result keeps borrowed proxies until it settles', async () => {
  let kept;
  let resolve;
  py.globals.set('later', (x) => { kept = x; return new Promise((r) => { resolve = r; }); });
  py.runPython('later([5, 6])');
  assert.equal(kept.length, 2);
  resolve();
  await new Promise((r) => setTimeout(r, 0));
  assert.throws(() => kept.length, /destroyed/);
  py.globals.delete('later');
});

test('create_once_callable frees itself after one call', () => {
  let cb;
  py.globals.set('take', (f) => { cb = f; });
  py.runPython('from pyodide.ffi import create_once_callable\ntake(create_once_callable(lambda x: x + 1))');
  assert.equal(cb(1), 2);
  assert.throws(() => cb(1), /only be called once/);
  py.globals.delete('take');
});

test('no leaks: handle and PyProxy counts return to their start after a mixed workload', () => {
  let before;
  for (let i = 0; i < 200; i++) {
    if (i === 1) before = liveObjects();  // after caching attribute names once
    const l = py.runPython('[1, {"a": 2}, "s" * 3]');
    l.get(1).destroy();
    l.destroy();
    py.runPython('import js; js.Math.max(1, 2); o = js.Object.new(); o.x = "v"; o.y = 2; del o');
    assert.throws(() => py.runPython('js.JSON.parse("{")'));
    assert.throws(() => py.runPython('raise ValueError()'));
    const f = py.runPython('lambda a, b: [a, b]');
    f({ k: 1 }, 'str').destroy();
    f.destroy();
  }
  py.runPython('import gc; gc.collect()');
  assert.deepEqual(liveObjects(), before);
});

test('bad input gets clear errors and the runtime keeps working', () => {
  assert.throws(() => py.pyimport(5), /name must be a string/);
  assert.throws(() => py.runPython('1', { globals: {} }), /globals must be a PyProxy/);
  assert.throws(() => py.runPython('import js; js.no_such_global'), (e) => e.type === 'AttributeError');
  assert.throws(() => py.runPython('js.Math.max.nope'), (e) => e.type === 'AttributeError');
  assert.throws(() => py.runPython('js.Object.new().as_py_json()["missing"]'), (e) => e.type === 'KeyError');
  // A plain object is not subscriptable (its properties are attributes), as in Pyodide.
  assert.throws(() => py.runPython('js.Object.new()["missing"]'), (e) => e.type === 'TypeError' && /not subscriptable/.test(e.message));
  assert.throws(() => py.runPython('js.Array.new()[3]'), (e) => e.type === 'IndexError');
  assert.throws(() => py.runPython('len(js.Object.new())'), (e) => e.type === 'TypeError');
  assert.throws(() => py.runPython('js.Object.new()()'), (e) => e.type === 'TypeError');
  assert.equal(py.runPython('1'), 1);
});

test('forgotten PyProxies are released by the FinalizationRegistry', async () => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');
  py.runPython('import sys; probe = object(); start = sys.getrefcount(probe)');
  for (let i = 0; i < 100; i++) py.runPython('probe');  // 100 owned proxies, never destroyed
  assert.equal(py.runPython('sys.getrefcount(probe) - start'), 100);
  for (let i = 0; i < 5 && py.runPython('sys.getrefcount(probe) - start') > 0; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(py.runPython('sys.getrefcount(probe) - start'), 0);
});

// ---- Found by the fuzz (tests/fuzz), issue 18 ---------------------------------

test('len() of a JS object with an odd length or size raises a clear Python error', () => {
  const lengthOf = py.runPython(`
def length_of(o):
    try:
        return len(o)
    except Exception as e:
        return f"{type(e).__name__}: {e}"
length_of`);
  assert.match(lengthOf({ length: -1 }), /^ValueError: length -1 of object is negative$/);
  assert.match(lengthOf({ length: -3 }), /^ValueError: length -3 of object is negative$/);
  assert.match(lengthOf({ length: 2 ** 32 }), /^OverflowError: length 4294967296 of object is larger than INT_MAX/);
  assert.match(lengthOf({ length: 2 ** 31 }), /^OverflowError/);
  assert.match(lengthOf({ length: 1.5 }), /^TypeError: length 1.5 of object is not an integer/);
  assert.match(lengthOf({ length: NaN }), /^TypeError/);
  assert.equal(lengthOf({ length: 2 ** 31 - 1 }), 2 ** 31 - 1);
  const odd = new Map([[1, 2]]);
  Object.defineProperty(odd, 'size', { value: -1 });
  assert.match(lengthOf(odd), /^ValueError: length -1 of object is negative/);  // Pyodide's words, for a size too
  const toPy = py.runPython('lambda m: m.to_py()');
  assert.throws(() => toPy(odd), (e) => e instanceof PythonError && e.type === 'ValueError');
  // Uncaught, it reaches JS as a PythonError (it was a bare `undefined`).
  const rawLen = py.runPython('len');
  assert.throws(() => rawLen({ length: -1 }), (e) => e instanceof PythonError && e.type === 'ValueError');
  lengthOf.destroy();
  toPy.destroy();
  rawLen.destroy();
});

test('to_py() of an object whose getter throws raises and frees every handle it made', () => {
  const toPy = py.runPython('lambda o: o.to_py()');
  const bad = () => ({ a: 'x'.repeat(100), b: {}, get c() { throw new Error('getter threw'); }, d: [] });
  assert.throws(() => toPy(bad()), /getter threw/);
  const before = py._liveCounts();
  for (let i = 0; i < 50; i++) assert.throws(() => toPy(bad()), /getter threw/);
  const arr = [{}, {}];
  Object.defineProperty(arr, 1, { get() { throw new Error('index getter threw'); } });
  for (let i = 0; i < 50; i++) assert.throws(() => toPy(arr), /index getter threw/);
  // A Map key that fails to convert: its value (a long string, a BigInt) was kept.
  const badKey = () => new Map([[{ get x() { throw new Error('key getter threw'); } }, 'v'.repeat(100)], [{ get y() { throw new Error('key getter threw'); } }, 10n ** 30n]]);
  for (let i = 0; i < 20; i++) assert.throws(() => toPy(badKey()), /key getter threw/);
  assert.equal(py._liveCounts().handles, before.handles);
  toPy.destroy();
});

test('hostile JS objects (Proxies with throwing traps, revoked Proxies) cross to Python as JsProxy', () => {
  const throwing = new Proxy({}, {
    get() { throw new Error('get trap'); },
    getPrototypeOf() { throw new Error('getPrototypeOf trap'); },
    has() { throw new Error('has trap'); },
  });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const typeName = py.runPython('lambda o: type(o).__name__');
  assert.equal(typeName(throwing), 'JsProxy');
  assert.equal(typeName(revoked), 'JsProxy');
  const getX = py.runPython('lambda o: o.x');
  assert.throws(() => getX(throwing), /get trap/);
  typeName.destroy();
  getX.destroy();
});

test('a call with a destroyed PyProxy argument frees the handles of the arguments before it', () => {
  const f = py.runPython('lambda *a: len(a)');
  const dead = py.runPython('[1]');
  dead.destroy();
  const d = py.runPython('{}');
  const before = py._liveCounts();
  for (let i = 0; i < 20; i++) {
    assert.throws(() => f({}, 'x'.repeat(100), 10n ** 30n, dead), /already been destroyed/);
    assert.throws(() => d.set('k'.repeat(100), dead), /already been destroyed/);
    assert.throws(() => { d.attr = dead; }, /already been destroyed/);
  }
  assert.equal(py._liveCounts().handles, before.handles);
  f.destroy();
  d.destroy();
});

test('KeyError and IndexError from JS lookups have the key as their one argument', () => {
  const lookup = py.runPython(`
def lookup(o, k):
    try:
        o[k]
    except (KeyError, IndexError) as e:
        return [type(e).__name__, str(e), len(e.args)]
lookup`);
  assert.deepEqual(lookup(new Map(), undefined).toJs(), ['KeyError', 'None', 1]);
  assert.deepEqual(lookup(new Map(), py.runPython('(1, 2)')).toJs(), ['KeyError', '(1, 2)', 1]);
  assert.deepEqual(lookup([], 3).toJs(), ['IndexError', '3', 1]);
  lookup.destroy();
});

test('an error whose message getter throws becomes a JsException Python can catch', () => {
  const err = new Error('x');
  Object.defineProperty(err, 'message', { get() { throw new Error('message getter threw'); } });
  const thrower = () => { throw err; };
  const catchIt = py.runPython(`
import sys
def catch_it(f):
    try:
        f()
    except Exception as e:
        return type(e).__name__
catch_it`);
  const frames = py.runPython('lambda: len(__import__("traceback").extract_stack())');
  const depth = frames();
  const before = py._liveCounts();
  for (let i = 0; i < 5; i++) assert.equal(catchIt(thrower), 'JsException');
  assert.equal(frames(), depth, 'no Python frames left behind by an exception unwinding through C++');
  assert.equal(py._liveCounts().handles, before.handles);
  catchIt.destroy();
  frames.destroy();
});

test('PyProxy return() and iteration of objects that do not support them throw TypeErrors; `for await` of a list uses its iterator', async () => {
  const l = py.runPython('[1, 2]');
  const o = py.runPython('object()');
  assert.equal(l.return, undefined);  // only generators have return(), as in Pyodide
  assert.throws(() => py.ffi.PyProxy.prototype.return.call(l), (e) => e instanceof TypeError && /'list' object is not a generator/.test(e.message));
  const seen = [];
  for await (const x of l) seen.push(x);
  assert.deepEqual(seen, [1, 2]);
  await assert.rejects(async () => { for await (const x of o) void x; }, (e) => e instanceof TypeError && /not async iterable/.test(e.message));
  assert.throws(() => { for (const x of o) void x; }, TypeError);
  l.destroy();
  o.destroy();
});

test('_liveCounts().pyproxies counts PyProxies the garbage collector finalizes', async () => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');
  py.runPython('import sys; probe2 = object(); start2 = sys.getrefcount(probe2)');
  const settle = async () => {
    for (let i = 0; i < 10; i++) {
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 10));
      if (py.runPython('sys.getrefcount(probe2) - start2') === 0) break;
    }
  };
  await settle();
  const before = py._liveCounts();
  for (let i = 0; i < 1000; i++) py.runPython('probe2');  // 1,000 owned PyProxies, dropped
  const peak = py._liveCounts().pyproxies;
  assert.equal(peak, before.pyproxies + 1000);
  await settle();
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(py.runPython('sys.getrefcount(probe2) - start2'), 0);
  // All 1,000 stopped counting; proxies earlier tests dropped may finalize
  // in the same collections, so the count can end below `before`.
  const after = py._liveCounts().pyproxies;
  assert.ok(peak - after >= 1000 && after <= before.pyproxies, `${before.pyproxies} -> ${peak} -> ${after}`);
});

test('an unbound method descriptor called with no arguments from a call JS makes does not decref a stale stack slot', () => {
  // The seeded fuzz's crash (soak seed 1971497809): CPython 3.11's specialized
  // PRECALL_*_METHOD_DESCRIPTOR_FAST* took PEEK(0), a stale value-stack slot,
  // as `self` of `int.to_bytes()`, called it with nargs -1 and decref'd it. The
  // slot held the `x` of the setattr(x, ...) the previous call of the same
  // function made: a freed int when JS passed a number (heap corruption, a wasm
  // trap later), a live object losing a reference otherwise.
  py.runPython(`
import sys
from pyodide.ffi import create_proxy
def _fz_op(code, x, y, name):
    if code == "setattr":
        setattr(x, name, y)
        return None
    if code == "to_bytes":
        return x.to_bytes()
def fz_op(code, x, y, name):
    try:
        return _fz_op(code, x, y, name)
    except BaseException as e:
        return f"{type(e).__name__}: {e}"
fz_probe = int("-2147483649")
fz_probe_refs = sys.getrefcount(fz_probe)
`);
  const op = py.globals.get('fz_op');
  const intClass = py.runPython('create_proxy(int, roundtrip=False)');
  const probe = py.runPython('create_proxy(fz_probe, roundtrip=False)');
  const expected = 'TypeError: unbound method int.to_bytes() needs an argument';
  try {
    for (let i = 0; i < 20; i++) {
      // A number from JS: a fresh int, freed when the call returns.
      assert.equal(op('setattr', -2147483649 - i, {}, 'length'), "AttributeError: 'int' object has no attribute 'length'");
      assert.equal(op('to_bytes', intClass, undefined, 'send'), expected, `call ${i}`);
      // A live int: its reference count must not drop.
      op('setattr', probe, null, 'length');
      assert.equal(op('to_bytes', intClass, undefined, 'send'), expected, `call ${i} after the probe`);
    }
    assert.equal(py.runPython('sys.getrefcount(fz_probe) - fz_probe_refs'), 1, 'only the PyProxy holds one more');
    // Python's allocator still works (a corrupted free list traps here).
    assert.equal(py.runPython('len([str(-2147483649 - k) for k in range(20000)])'), 20000);
  } finally {
    for (const p of [op, intClass, probe]) p.destroy();
    py.runPython('del _fz_op, fz_op, fz_probe, fz_probe_refs');
  }
});

test('with jsglobals {} (no Object, Array, Reflect...), the conversions and JsProxy methods written in Python still work', async () => {
  const bare = await loadPyodide({ jsglobals: {}, stdout: () => {}, stderr: () => {} });
  bare.globals.set('buf', new Uint8Array(2));
  const r = bare.runPython(`
import io
from pyodide.ffi import to_js
d = {"a": 1}
d["self"] = d
o = to_js(d, eager_converter=lambda v, convert, cache: convert(v))
arr = to_js([1, 2, 3, 4, 5])
buf.from_file(io.BytesIO(b"hi"))
def g():
    yield 1
    yield 2
[o.a, o.self == o, list(arr[::2]), list(arr[1:3]), arr.to_weakref().deref() == arr, bytes(buf), g()]
`);
  try {
    const [a, self, stepped, sliced, deref, bytes, gen] = r.toJs({ depth: 1 });
    assert.deepEqual([a, self, stepped.toJs(), sliced.toJs(), deref, [...bytes.toJs()]], [1, true, [1, 3, 5], [2, 3], true, [104, 105]]);
    assert.deepEqual(gen.next(), { done: false, value: 1 });
    assert.deepEqual(gen.return(7), { done: true, value: 7 });
    gen.destroy();
  } finally {
    r.destroy();
  }
});

test('toJs({ default_converter }) returning a new JS object gives that object on every call (its handle was freed before JS read it)', () => {
  const p = py.runPython('class Opaque:\n    pass\nOpaque()');
  try {
    for (let i = 0; i < 300; i++) {
      const res = p.toJs({ default_converter: () => [i] });
      assert.deepEqual(res, [i], `call ${i}`);
    }
    const nested = py.runPython('[Opaque() for _ in range(100)]');
    const all = nested.toJs({ default_converter: () => ({ k: 1 }) });
    nested.destroy();
    assert.ok(all.every((o) => o.k === 1));
  } finally {
    p.destroy();
  }
});
