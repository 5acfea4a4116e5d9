// JS values seen from Python (JsProxy), beside Pyodide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { same, differs, plain } from './harness.mjs';
import { loadPyodide as loadIsthmus } from '../js/dist.mjs';

/** `def f(o): <body>` in Python, called with the JS value(s); the result made plain. */
function pyCall(body, ...args) {
  return (py) => {
    const f = py.runPython(`def f(o, *rest):\n${body.replace(/^/gm, '    ')}\nf`);
    try {
      const r = f(...args.map((a) => (typeof a === 'function' && a.length === 0 ? a() : a)));
      return r && typeof r.toJs === 'function' ? r.toJs() : r;
    } finally {
      f.destroy();
    }
  };
}

const describeLen = `try:
    return len(o)
except Exception as e:
    return [type(e).__name__, str(e)]`;

// ---- len() -----------------------------------------------------------------

same('len() of a JS object whose length is -1 raises ValueError', pyCall(describeLen, { length: -1 }));
same('len() of a JS object whose length is -3 raises ValueError', pyCall(describeLen, { length: -3 }));
same('len() of a JS object whose length is 2**32 raises OverflowError', pyCall(describeLen, { length: 2 ** 32 }));
same('len() of a JS object whose length is 2**31 - 1', pyCall(describeLen, { length: 2 ** 31 - 1 }));
same('len() of a Map with a negative size', pyCall(describeLen, () => {
  const m = new Map();
  Object.defineProperty(m, 'size', { value: -1 });
  return m;
}));
same('len() uncaught: a PythonError reaches JS', (py) => {
  const len = py.runPython('len');
  try {
    return len({ length: -1 });
  } finally {
    len.destroy();
  }
});

differs('len() of a JS object whose length is 1.5', 'Pyodide truncates it to 1; Isthmus raises TypeError',
  pyCall(describeLen, { length: 1.5 }),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, ['TypeError', 'length 1.5 of object is not an integer']);
    assert.equal(pyodide.value, 1);
  });

// ---- json ------------------------------------------------------------------

same('json.dumps(jsnull) is null', (py) => py.runPython(`
    import json
    from pyodide.ffi import jsnull
    [json.dumps(jsnull), json.dumps([1, jsnull, {"a": jsnull}]), json.dumps({"a": jsnull}, indent=1)]
  `).toJs());

same('json.dumps of a JS null that came from JS', pyCall('import json\nreturn json.dumps([o, rest[0]])', null, undefined));

same('json.dumps(..., default=f) does not pass jsnull to f', (py) => py.runPython(`
    import json
    from pyodide.ffi import jsnull
    json.dumps([jsnull, {1}], default=sorted)
  `));

same('json.dumps with jsnull as a dict key (C and Python encoders, sort_keys, skipkeys)', (py) => py.runPython(`
import json
from pyodide.ffi import jsnull
d = {jsnull: 1, 1: jsnull, "a": [jsnull]}
[json.dumps([jsnull, jsnull, d]), json.dumps(d, indent=1), json.dumps({jsnull: 2}, skipkeys=True),
 json.dumps({"b": 1, jsnull: 2}, sort_keys=False)]
`).toJs());

// ---- match and collections.abc ---------------------------------------------

const matchBody = `match o:
    case [a, b]:
        return ["pair", a, b]
    case [a, *rest]:
        return ["longer", a, len(rest)]
    case _:
        return ["no match"]`;

same('match js_array: case [a, b]: matches', pyCall(matchBody, () => [1, 'x']));
same('match js_array: case [a, *rest]: matches', pyCall(matchBody, () => [1, 2, 3, 4]));
same('match on a plain JS object does not match a sequence pattern', pyCall(matchBody, () => ({ length: 2 })));
same('match on a JS Map does not match a sequence pattern', pyCall(matchBody, () => new Map([[0, 1], [1, 2]])));
const abcBody = `from collections.abc import Sequence, MutableSequence, Mapping
return [type(o).__name__, isinstance(o, Sequence), isinstance(o, MutableSequence), isinstance(o, Mapping),
        hasattr(o, "keys")]`;
same('a JS Array is a collections.abc MutableSequence (type name JsProxy), without keys', pyCall(abcBody, () => [1]));
same('a TypedArray is a MutableSequence too, and matches sequence patterns', async (py) => [
  await pyCall(abcBody, () => new Uint8Array(2))(py), await pyCall(matchBody, () => new Int16Array([5, 6]))(py)]);
same('a plain JS object is no Sequence', pyCall(abcBody, () => ({})));
same('pyodide.ffi.JsArray is the class of JS arrays for isinstance()', pyCall(`
from pyodide.ffi import JsArray
return [isinstance(o, JsArray), isinstance(rest[0], JsArray), JsArray.__name__]`, () => [1], () => ({})));

// ---- with ------------------------------------------------------------------

function disposable() {
  const log = [];
  return { log, value: { [Symbol.dispose]() { log.push('disposed'); } } };
}

same('with js_obj: calls its Symbol.dispose', (py) => {
  const d = disposable();
  const r = pyCall(`with o as x:\n    inside = x is o\nreturn inside`, d.value)(py);
  return [r, d.log];
});

same('with js_obj: disposes of it when the body raises, and the exception goes on', (py) => {
  const d = disposable();
  const r = pyCall(`try:
    with o:
        raise KeyError("k")
except KeyError as e:
    return ["KeyError", str(e)]`, d.value)(py);
  return [r, d.log];
});

same('with on a JS object without Symbol.dispose raises TypeError', pyCall(`try:
    with o:
        pass
except Exception as e:
    return type(e).__name__`, () => ({})));

same('async with js_obj: awaits its Symbol.asyncDispose', async (py) => {
  const log = [];
  const value = { async [Symbol.asyncDispose]() { log.push('disposed'); } };
  const f = py.runPython('async def f(o):\n    async with o as x:\n        return x is o\nf');
  try {
    return [await f(value), log];
  } finally {
    f.destroy();
  }
});

// ---- dir -------------------------------------------------------------------

same('dir() of a JsProxy: sorted, once each, JS names without indices, keywords as name_', pyCall(`
d = dir(o)
js_part = sorted(set(d) - set(dir(type(o))))
return [d == sorted(d), len(d) == len(set(d)), js_part]`, () => ({ foo: 1, from: 2, 0: 3, bar_: 4 })));

same('dir() of a JS Array shows its methods', pyCall(`
d = dir(o)
return [n in d for n in ("push", "map", "length", "0", "keys")]`, () => [1, 2]));

same('a trailing underscore after a keyword reaches the JS name (one underscore less)', pyCall(
  'return [o.from_, o.from__, getattr(o, "class_")]', () => ({ from: 1, from_: 2, class: 3 })));

// ---- revoked Proxies ---------------------------------------------------------

/** What each operation on a revoked JS Proxy does in Python: ok, or the exception's type. */
function revokedProbe(ops) {
  return (py) => {
    const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
    revoke();
    const probe = py.runPython(`
def probe(o):
    out = [type(o).__name__]
    for what, op in [${ops}]:
        try:
            op()
            out.append([what, "ok"])
        except Exception as e:
            out.append([what, type(e).__name__])
    return out
probe`);
    try {
      return probe(proxy).toJs();
    } finally {
      probe.destroy();
    }
  };
}

same('a revoked JS Proxy raises in Python instead of crashing', revokedProbe(`
    ("getattr", lambda: o.a), ("setattr", lambda: setattr(o, "b", 1)), ("len", lambda: len(o)),
    ("iter", lambda: list(o)), ("to_py", lambda: o.to_py()), ("bool", lambda: bool(o)), ("dir", lambda: dir(o)),
    ("typeof", lambda: o.typeof), ("getitem", lambda: o[0]), ("in", lambda: 1 in o), ("call", lambda: o())`));

differs('repr() of a revoked JS Proxy', 'Pyodide raises JsException (Object.prototype.toString '
  + 'throws); Isthmus gives "[object]": a repr that cannot fail (tracebacks, debuggers); str() raises in both',
revokedProbe('("repr", lambda: repr(o)), ("str", lambda: str(o))'),
(isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, ['JsProxy', ['repr', 'ok'], ['str', 'JsException']]);
  assert.deepEqual(pyodide.value, ['JsProxy', ['repr', 'JsException'], ['str', 'JsException']]);
});

same('a revoked JS Proxy as a property of another object', (py) => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  py.registerJsModule('revoked_holder', { proxy });
  try {
    return py.runPython(`
import revoked_holder
try:
    p = revoked_holder.proxy
    r = type(p.x).__name__
except Exception as e:
    r = type(e).__name__
r`);
  } finally {
    py.unregisterJsModule('revoked_holder');
  }
});

// ---- JsArray as a Python list ----------------------------------------------

same('a JS Array has list\'s operators: + and * make new Arrays, += and *= change it in place; reverse() returns None', (py) => py.runPython(`
from pyodide.code import run_js
a = run_js("[1, 2]")
r = [repr(a + [3]), repr(a + run_js("[5]")), repr(a * 2), repr(2 * a), repr(a * 0), repr(a)]
same = a
a += (3,)
a *= 2
r += [a is same, repr(a), repr(a.reverse()), repr(a), repr(a[:2] + "xy"), repr(a[:1] + {"k": 1})]
for bad in (lambda: [0] + a, lambda: run_js("new Int8Array(2)") + [1], lambda: a * 1.5):
    try:
        bad()
    except TypeError as e:
        r.append(str(e))
r`).toJs());

test('a JS Array plus a value that is not iterable is a TypeError, and the runtime goes on (Pyodide 314 crashes: "null function or function signature mismatch")', async () => {
  const py = await loadIsthmus();
  assert.deepEqual(py.runPython(`
from pyodide.code import run_js
r = []
for other in (1, None):
    try:
        run_js("[1]") + other
    except TypeError as e:
        r.append(str(e))
r + [repr(run_js("[1]") + [2])]`).toJs(), ["unsupported operand type(s) for +: 'pyodide.ffi.JsProxy' and 'int'",
    "unsupported operand type(s) for +: 'pyodide.ffi.JsProxy' and 'NoneType'", '1,2']);
});

same('Python objects that append, extend, insert or a slice assignment put in a JS Array stay alive for JS', (py) => {
  py.runPython('from pyodide.code import run_js\nrun_js("globalThis.kept = []")');
  py.runPython(`
import js
k = js.kept
k.append([1])
k.extend([{"a": 2}, (3,)])
k.insert(0, {4})
k[1:1] = [[5]]
`);
  const kept = globalThis.kept;
  const r = kept.map((x) => x.type);
  for (const x of kept) x.destroy();
  delete globalThis.kept;
  return r;
});

same('PyProxy.type is the type\'s own name: "A" for a class defined in Python, "datetime.datetime" for a C type', (py) => {
  const objs = py.runPython(`
import collections, datetime, fractions
class A:
    pass
[A(), fractions.Fraction(1, 2), collections.Counter(), collections.OrderedDict(), datetime.datetime(2020, 1, 1), [], 1j]`);
  try {
    return Array.from({ length: objs.length }, (_, i) => {
      const o = objs.get(i);
      const t = typeof o === 'object' ? o.type : typeof o;
      o?.destroy?.();
      return t;
    });
  } finally {
    objs.destroy();
  }
});

same('a hole of a sparse JS Array is an IndexError; an undefined item is None', (py) => py.runPython(`
from pyodide.code import run_js
a = run_js("[1, , undefined]")
r = [repr(a[2]), list(a)]
try:
    a[1]
except IndexError as e:
    r.append("IndexError")
r`).toJs());

differs('registering a JS module again after it was imported', 'Pyodide keeps serving the first object (its issue 4029); Isthmus points the imported module at the new one', (py) => {
  py.registerJsModule('jsm_again', { a: 1 });
  const first = py.runPython('from jsm_again import a\na');
  py.registerJsModule('jsm_again', { a: 2 });
  const second = py.runPython('from jsm_again import a\na');
  py.unregisterJsModule('jsm_again');
  py.runPython('import sys\ndel sys.modules["jsm_again"]');
  return [first, second];
}, (isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, [1, 2]);
  assert.deepEqual(pyodide.value, [1, 1]);
});

same('unregisterJsModule leaves an imported module in sys.modules; del sys.modules[name] unimports it', (py) => {
  py.registerJsModule('jsm_gone', { a: 1 });
  const r = [py.runPython('import jsm_gone\njsm_gone.a')];
  py.unregisterJsModule('jsm_gone');
  r.push(py.runPython('import sys\n"jsm_gone" in sys.modules'));
  r.push(py.runPython('import jsm_gone\njsm_gone.a'));
  py.runPython('del sys.modules["jsm_gone"]');
  try {
    py.runPython('import jsm_gone');
  } catch (e) {
    r.push(e.type);
  }
  return r;
});

same('import js.Math binds a submodule without replacing JS\'s own Math, and the runtime goes on', (py) => py.runPython(`
import js.Math
import js.Object as O
import csv, js
from js.Math import floor
[js.Math.max(1, 3), js.eval("typeof Math.max"), js.eval("Math.min(4, 2)"), O.keys(js.eval("({a: 1})")).length, floor(2.5)]`).toJs());

same('to_py(default_converter=...): cache_conversion keeps shared objects shared and cycles finite; JS Errors inside are JsExceptions', (py) => py.runPython(`
from pyodide.code import run_js
pair = run_js("(() => { class A { constructor() { this.v = 1; } } const a = new A(); return [a, a]; })()")
loop = run_js("(() => { class B {} const b = new B(); b.self = b; return b; })()")
def conv(value, convert, cache):
    d = {}
    cache(value, d)
    for k in value.object_keys():
        d[k] = convert(getattr(value, k))
    return d
x = pair.to_py(default_converter=conv)
y = loop.to_py(default_converter=conv)
errors = run_js("[new Error('x'), {e: new TypeError('t')}]").to_py()
[x[0] is x[1], x[0], y["self"] is y, [type(errors[0]).__name__, type(errors[1]["e"]).__name__, errors[1]["e"].name]]`).toJs());

same('from js import * gives every global, Math and JSON too; hasattr(__enter__) answers for Symbol.dispose', (py) => py.runPython(`
from pyodide.code import run_js
ns = {}
exec("from js import *", ns)
[all(n in ns for n in ("Math", "JSON", "Object", "setTimeout")), hasattr(run_js("({})"), "__enter__"),
 hasattr(run_js("({})"), "__aexit__")]`).toJs());

same('del of a JS property that is missing succeeds (JS delete); of one that cannot be deleted, JS\'s TypeError', (py) => py.runPython(`
from pyodide.code import run_js
from pyodide.ffi import JsException
o = run_js("({a: 1})")
del o.a
del o.missing
out = [hasattr(o, "a")]
frozen = run_js("Object.freeze({k: 1})")
try:
    del frozen.k
except JsException as e:
    out.append(e.name)
out`).toJs());

same('a string JS throws is a JsException of an Error with that message in Python', (py) => py.runPython(`
from pyodide.code import run_js
from pyodide.ffi import JsException
try:
    run_js("throw 'str'")
except JsException as e:
    out = [str(e), e.name, e.message]
out`).toJs());

// ---- values of another realm (a node vm context, an iframe) ------------------

same('values of another realm: Error, ArrayBuffer, TypedArray, Map, Set, DataView', (py) => {
  const other = vm.runInNewContext(`({
    error: new TypeError("from the other realm"), empty: new ArrayBuffer(0), full: new ArrayBuffer(2),
    ints: new Int16Array([1, -2, 3]), map: new Map([["a", 1]]), set: new Set([1, 2]), view: new DataView(new ArrayBuffer(2)),
  })`);
  const f = py.runPython(`
def f(o):
    from pyodide.ffi import JsException
    r = []
    try:
        raise o.error
    except JsException as e:
        r.append(["JsException", e.name, e.message])
    except Exception as e:
        r.append([type(e).__name__, str(e)])
    r += [bool(o.empty), bool(o.full), o.ints.to_py(), o.ints.to_memoryview().format, o.ints[1],
          sorted(o.map.to_py().items()), sorted(o.set.to_py()), o.full.to_bytes(), o.view.to_bytes()]
    return r
f`);
  try {
    return plain(f(other));
  } finally {
    f.destroy();
  }
});

same('PySequence_SetItem and PySequence_DelItem of JS arrays (C code, ctypes)', (py) => plain(py.runPython(`
from ctypes import c_ssize_t, py_object, pythonapi
from pyodide.code import run_js
pythonapi.PySequence_SetItem.argtypes = [py_object, c_ssize_t, py_object]
pythonapi.PySequence_DelItem.argtypes = [py_object, c_ssize_t]
out = []
for make in ["[77, 65, 23]", "new Uint8Array([77, 65, 23])"]:
    l = run_js(make)
    r = [pythonapi.PySequence_SetItem(l, 1, 29), l[1]]
    try:
        r.append(pythonapi.PySequence_DelItem(l, 1))
    except TypeError as e:
        r.append(str(e))
    try:
        del l[0]
        r.append(list(l))
    except TypeError as e:
        r.append(str(e))
    out.append(r)
out`)));

same('a plain object is not subscriptable; a Map, an Array and an object with get/set/delete methods are', (py) => plain(py.runPython(`
from pyodide.code import run_js
def attempt(f):
    try:
        return f()
    except Exception as e:
        return [type(e).__name__, str(e)]
o = run_js("({ k: 1 })")
m = run_js("new Map([['k', 1]])")
g = run_js("({ store: {}, get(k) { return this.store[k]; }, set(k, v) { this.store[k] = v; }, has(k) { return k in this.store; }, delete(k) { return delete this.store[k]; } })")
def set_o(): o["k"] = 2
def del_o(): del o["k"]
def set_g(): g["a"] = 5; return g["a"]
def del_g(): del g["a"]; return g.has("a")
[attempt(lambda: o["k"]), attempt(set_o), attempt(del_o), o.k, m["k"], attempt(set_g), attempt(del_g), o.as_py_json()["k"]]`)));

same('str() of a JS object is its toString(), whose errors are JsExceptions', (py) => plain(py.runPython(`
from pyodide.code import run_js
from pyodide.ffi import JsException
def attempt(f):
    try:
        return f()
    except JsException as e:
        return ["JsException", str(e)]
xs = [
    run_js("[1, 2, 3]"),
    run_js("Object.create(null)"),
    run_js("({ get toString() { throw new Error(); }, [Symbol.toStringTag]: 'SomeTag' })"),
    run_js("({ toString() { throw new Error('hi!'); } })"),
    run_js("({ get [Symbol.toStringTag]() { throw new Error('tag!'); } })"),
    run_js("(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()"),
]
[attempt(lambda: str(x)) for x in xs]`)));

differs('repr() of a JS object whose toString throws', 'repr() never raises here; Pyodide raises the JS error',
  (py) => plain(py.runPython(`
from pyodide.code import run_js
x = run_js("({ toString() { throw new Error('hi!'); } })")
try:
    r = repr(x)
except Exception as e:
    r = type(e).__name__
r`)),
  (isthmus, pyodide) => {
    assert.equal(isthmus.value, '[object Object]');
    assert.equal(pyodide.value, 'JsException');
  });
