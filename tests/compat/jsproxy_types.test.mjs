// pyodide.ffi's JsProxy type family (isinstance) and JsArray's list methods, beside Pyodide.
import assert from 'node:assert/strict';
import { same, differs, plain, PY_ATTEMPT } from './harness.mjs';

// The classes whose isinstance() Pyodide decides from the JS value. (For
// JsWeakRef, JsDomElement, JsFetchResponse and JsOnceCallable Pyodide 314
// answers True for every JsProxy: see the `differs` case at the end.)
const FAMILY = ['JsProxy', 'JsArray', 'JsMap', 'JsMutableMap', 'JsPromise', 'JsCallable', 'JsTypedArray',
  'JsBuffer', 'JsIterable', 'JsIterator', 'JsAsyncIterable', 'JsAsyncIterator', 'JsGenerator',
  'JsAsyncGenerator', 'JsDoubleProxy'];

/** For each JS expression: the family classes isinstance() says it belongs to. */
function classify(...expressions) {
  return (py) => {
    const f = py.runPython(`
import pyodide.ffi as ffi
def f(values, names):
    return [" ".join(n for n in names if isinstance(v, getattr(ffi, n))) for v in values]
f`);
    try {
      const values = expressions.map((e) => Function(`return (${e});`)());
      return f(values, FAMILY).toJs();
    } finally {
      f.destroy();
    }
  };
}

same('isinstance: arrays, maps, promises, functions', classify(
  '[1, 2]', 'new Map([[1, 2]])', '({ get() {}, has() {}, size: 0 })', 'Promise.resolve(1)', '(() => 1)', '({})'));
same('isinstance: binary data', classify(
  'new Uint8Array(2)', 'new ArrayBuffer(2)', 'new DataView(new ArrayBuffer(2))', 'new Float64Array(1)'));
same('isinstance: iterables, iterators, generators', classify(
  'new Set([1])', '[1][Symbol.iterator]()', '(function* () { yield 1; })()', '(async function* () { yield 1; })()',
  '({ [Symbol.asyncIterator]() { return this; }, next() {} })'));
same('isinstance: JsNull and JsException', (py) => py.runPython(`
from pyodide.ffi import jsnull, JsNull, JsException, JsProxy
import js
try:
    js.JSON.parse("{")
except JsException as e:
    err = e
[isinstance(jsnull, JsNull), isinstance(err, JsProxy), isinstance(1, JsProxy)]
`).toJs());
same('create_once_callable gives a JsOnceCallable', (py) => py.runPython(`
from pyodide.ffi import create_once_callable, JsOnceCallable, JsCallable
f = create_once_callable(lambda: 1)
r = [isinstance(f, JsOnceCallable), isinstance(f, JsCallable), f()]
r
`).toJs());
same('JsArray has the list methods', (py) => py.runPython(`
import js
a = js.Array.of(3, 1, 2)
a.append(4)
a.extend([5, 6])
a.insert(0, 0)
a.insert(-1, 9)
a.remove(1)
[list(a), a.index(2), a.count(9), a.pop()]
`).toJs());
same('JsArray.remove of a missing value is ValueError', (py) => py.runPython(`
import js
a = js.Array.of(1)
try:
    a.remove(7)
except ValueError:
    r = "ValueError"
r
`));

differs('isinstance of JsWeakRef, JsDomElement, JsFetchResponse and JsOnceCallable',
  'Pyodide 314 says True for any JsProxy; Isthmus asks the JS value (WeakRef, Element, Response, made by create_once_callable)',
  (py) => py.runPython(`
import js
from pyodide.ffi import JsWeakRef, JsDomElement, JsFetchResponse, JsOnceCallable
plain = js.Object.new()
ref = js.WeakRef.new(plain)
[isinstance(plain, JsWeakRef), isinstance(ref, JsWeakRef), isinstance(plain, JsDomElement),
 isinstance(plain, JsFetchResponse), isinstance(js.Function.new(), JsOnceCallable)]
`).toJs(),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, [false, true, false, false, false]);
    assert.deepEqual(pyodide.value, [true, true, true, true, true]);
  });

same('as_object_map and as_py_json view a JS object as a mapping', (py) => py.runPython(`
import js, warnings
warnings.simplefilter("ignore")
o = js.JSON.parse('{"a": 1, "b": {"c": [1, {"d": 2}]}, "get": 5}')
m = o.as_object_map()
j = o.as_py_json()
r = [m["get"], len(m), "a" in m, list(m), j["b"]["c"][1]["d"], list(j.keys())]
m["z"] = 3
r.append(o.z)
del m["z"]
r.append(hasattr(o, "z"))
r
`).toJs());
same('to_weakref, to_file and from_file', (py) => py.runPython(`
import js
o = js.JSON.parse('{"a": 1}')
w = o.to_weakref()
u8 = js.Uint8Array.new([1, 2, 3])
with open("/tmp/tofile.bin", "wb") as f:
    u8.to_file(f)
back = js.Uint8Array.new(3)
with open("/tmp/tofile.bin", "rb") as f:
    back.from_file(f)
[w.deref().a, open("/tmp/tofile.bin", "rb").read().hex(), list(back)]
`).toJs());
same('create_proxy(capture_this=True) passes `this` first', (py) => py.runPython(`
import js
from pyodide.ffi import create_proxy
def f(this, x):
    return [this.v, x]
p = create_proxy(f, capture_this=True)
obj = js.JSON.parse('{"v": 7}')
obj.m = p
r = list(js.Function.new("o", "return o.m(3)")(obj))
p.destroy()
r
`).toJs());
same('to_js(eager_converter=...) is asked first, containers included', (py) => py.runPython(`
import js
from pyodide.ffi import to_js
t = to_js([1, (2, 3), {"a": 4}], eager_converter=lambda v, conv, cache: "EAGER" if isinstance(v, tuple) else conv(v))
js.JSON.stringify(t)
`));
same('to_js(eager_converter=...) of a list and a dict that hold themselves; key collisions and bad keys; a Python value it keeps is a listed PyProxy', (py) => py.runPython(`
import js
from pyodide.ffi import to_js, ConversionError, destroy_proxies
def normal(value, convert, cache):
    return convert(value)
d = {"k": 1}
d[0] = d
l = [2]
l.append(l)
od, ol = to_js(d, eager_converter=normal), to_js(l, eager_converter=normal)
r = [od.constructor.name, js.Reflect.get(od, "0") == od, od.k, ol[1] == ol, ol[0]]
for kw in ({}, {"eager_converter": normal}):
    for bad in ({1: 2, "1": 3}, {(1, 2): 3}):
        try:
            to_js(bad, **kw)
        except ConversionError as e:
            r.append(str(e).split(" (keys")[0] if "collision" in str(e) else "ConversionError")
proxies = js.Array.new()
kept = to_js([{1: 2}, (2, 4, 6)], eager_converter=lambda v, conv, cache: v if isinstance(v, tuple) else conv(v),
             pyproxies=proxies)
r += [kept[-1] == (2, 4, 6), len(proxies)]
destroy_proxies(proxies)
r
`).toJs());
same('PyProxy.toJs({ default_converter }) that returns a new JS object gives that object on every call', (py) => {
  const p = py.runPython('class Opaque:\n    pass\nOpaque()');
  try {
    return Array.from({ length: 100 }, (_, i) => p.toJs({ default_converter: () => [i] })?.[0]);
  } finally {
    p.destroy();
  }
});

// ---- JS BigInt: pyodide.ffi.JsBigInt ----------------------------------------

same('a JS BigInt is a JsBigInt in Python, an int that goes back to JS as a BigInt (through calls, arrays, DataViews)', (py) => {
  const f = py.runPython(`
def f(x):
    import js
    a = js.BigInt64Array.new(2)
    a[0] = x
    a[1] = a[0]
    view = js.DataView.new(js.ArrayBuffer.new(8))
    view.setBigInt64(0, x)
    kinds = [type(v).__name__ for v in (x, x + 1, 1 + x, x * 2, x // 2, x % 3, x << 1, x ** 2, -x, abs(x), x / 2)]
    return [kinds, x == 5, hash(x) == hash(5), isinstance(x, int), a[1], view.getBigInt64(0), x, x + 1]
f`);
  try {
    const r = f(5n).toJs();
    return JSON.stringify([r, typeof f(2n ** 70n), typeof py.runPython('import js; js.BigInt(3)')],
      (k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  } finally {
    f.destroy();
  }
});

same('to_js of a scalar is that scalar (to_js(2**64) is the int); of a list, a JsArray with list methods', (py) => py.runPython(`
from pyodide.ffi import to_js, JsArray, JsBigInt
big = to_js(2**64)
arr = to_js([1, 2])
arr.extend([3])
[type(big).__name__, isinstance(big, JsBigInt), big + 1 == 2**64 + 1, to_js("s"), to_js(1.5), isinstance(arr, JsArray),
 repr(arr), repr(arr * 2), type(to_js({"a": 1})).__name__]`).toJs());

same('the JsProxy type family cannot be instantiated; an object with only next() is both iterator kinds; views are JsMutableMaps', (py) => plain(py.runPython(`
from pyodide.code import run_js
from pyodide.ffi import JsProxy, JsArray, JsMap, JsAsyncIterator, JsIterator, JsMutableMap, JsGenerator, JsAsyncGenerator
${PY_ATTEMPT}g = run_js("({ next() { return 2; } })")
gen = run_js("(function* () { yield 1; })()")
agen = run_js("(async function* () { yield 1; })()")
view = run_js("({ a: 1 })").as_py_json()
[attempt(JsProxy), attempt(JsArray), attempt(JsMap),
 [isinstance(g, JsIterator), isinstance(g, JsAsyncIterator), isinstance(g, JsGenerator)],
 [isinstance(gen, JsIterator), isinstance(gen, JsAsyncIterator), isinstance(agen, JsIterator), isinstance(agen, JsAsyncIterator),
  isinstance(agen, JsAsyncGenerator)],
 attempt(lambda: next(g)),
 [isinstance(view, JsMap), isinstance(view, JsMutableMap), isinstance(view, JsProxy), isinstance({}, JsMap)],
 [hasattr(run_js("[]"), "as_object_map"), hasattr(run_js("[]"), "as_py_json"), hasattr(run_js("({})"), "as_object_map")]]`)));

same("a value's type is a base of its family class (issubclass(JsPromise, type(p))); aiter() gives the JS async iterator", async (py) => plain(await py.runPythonAsync(`
from pyodide.code import run_js
from pyodide.ffi import JsArray, JsPromise, JsProxy, JsAsyncIterator, JsIterator, JsAsyncIterable, JsIterable
nullobj = run_js("Object.create(null)")
a = run_js("[Promise.resolve()]")
r = [issubclass(type(a), JsProxy), issubclass(type(a), JsArray), issubclass(JsArray, type(a)), issubclass(JsPromise, type(a[0])),
     issubclass(type(a), type(nullobj)), issubclass(JsProxy, type(nullobj)), issubclass(type(nullobj), JsProxy)]
iterable = run_js("({ [Symbol.asyncIterator]() { return (async function* () { yield 1; yield 2; })(); } })")
it = aiter(iterable)
r += [isinstance(iterable, JsAsyncIterable), isinstance(iterable, JsIterable), isinstance(it, JsAsyncIterator), isinstance(it, JsIterator)]
r.append([x async for x in iterable])
r.append(await anext(it))
r`)));

same('as_object_map and as_py_json exist for objects, not for iterators, binary data, errors or functions; an object map keeps the attributes', (py) => plain(py.runPython(`
import warnings
from pyodide.code import run_js
r = []
for s in ["({ [Symbol.iterator](){} })", "({ get(){} })", "[]", "({ next(){} })", "new Uint8Array()", "new ArrayBuffer()", "new Error()", "() => {}"]:
    o = run_js(s)
    r.append([s, hasattr(o, "as_object_map"), hasattr(o, "as_py_json")])
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    o = run_js("({a: 2, b: 3})").as_object_map()
del o["a"]
r.append([hasattr(o, "a"), hasattr(o, "b"), o.b, len(o)])
try:
    o[1] = 2
except TypeError as e:
    r.append(str(e))
r.append(["constructor" in o, "b" in o, "toString" in o])
r`)));

same('to_js() of an object no conversion applies to is a JsDoubleProxy of its new PyProxy (destroy(), copy() in JS gives the object back)', (py) => plain(py.runPython(`
from pyodide.ffi import to_js, JsProxy, JsDoubleProxy
from pyodide.code import run_js
class Test:
    pass
t1 = Test()
t2 = to_js(t1)
r = [isinstance(t2, JsProxy), isinstance(t2, JsDoubleProxy), t2.unwrap() is t1, to_js([t1])[0] is t1,
     run_js("(t2) => t2.copy()")(t2) is t1, run_js("(x) => typeof x")(t2), callable(to_js(len)), to_js(len) is len]
t2.destroy()
r`)));

differs('a JsProxy after its JS object loses the methods it had when the proxy was made',
  'Pyodide fixes a JsProxy\'s type when it is made and calls the deleted method (a JsException "TypeError: ... is not a function"); Isthmus asks the JS value at each operation and raises the error Python gives for an object without it',
  async (py) => {
    const c = { next() {}, length: 1, get() {}, set() {}, has() {}, then() {} };
    const d = { [Symbol.iterator]() {} };
    py.registerJsModule('mixins_lost', { c, d });
    try {
      py.runPython('from mixins_lost import c, d');
      for (const name of ['next', 'length', 'get', 'set', 'has', 'then']) delete c[name];
      delete d[Symbol.iterator];
      return plain(await py.runPythonAsync(`
async def outcome(op):
    try:
        await op()
    except Exception as e:
        return [type(e).__name__, str(e).split(":")[0]]
async def next_c(): next(c)
async def iter_d(): iter(d)
async def len_c(): len(c)
async def getitem(): c[0]
async def setitem(): c[0] = 7
async def delitem(): del c[0]
async def await_c(): await c
[await outcome(op) for op in [next_c, iter_d, len_c, getitem, setitem, delitem, await_c]]
`));
    } finally {
      py.unregisterJsModule('mixins_lost');
      py.runPython('import sys; sys.modules.pop("mixins_lost", None); del c, d');
    }
  },
  (isthmus, pyodide) => {
    const jsTypeError = ['JsException', 'TypeError'];
    const notAwaitable = ['TypeError', "object [object Object] can't be used in 'await' expression"];
    assert.deepEqual(pyodide.value, [jsTypeError, jsTypeError, ['TypeError', 'object does not have a valid length'],
      jsTypeError, jsTypeError, jsTypeError, notAwaitable]);
    const notA = (what) => ['TypeError', `'pyodide.ffi.JsProxy' object ${what}`];
    assert.deepEqual(isthmus.value, [jsTypeError, notA('is not iterable'), ['TypeError', "object of type 'JsProxy' has no len()"],
      notA('is not subscriptable'), notA('does not support item assignment'), notA('does not support item deletion'),
      ['TypeError', `${notAwaitable[1]} (it has no then())`]]);
  });
