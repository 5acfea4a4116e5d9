// Finer points of Pyodide's FFI that programs rely on: hasattr() feature
// detection on JsProxies, JS generators' throw() and return values,
// create_proxy(...).unwrap(), the JsException constructor, a dict's keys as
// JS properties, callWithOptions/callPromising and FS.trackingDelegate. Each
// runs on both runtimes.
import assert from 'node:assert/strict';
import { same, differs, plain } from './harness.mjs';

/** runPython's result as plain data. */
const run = (code) => (py) => plain(py.runPython(code));

same('hasattr() of feature dunders and buffer methods answers for the JS value (len, iter, getitem, to_bytes...)', run(`
from pyodide.code import run_js
values = {
    "object": run_js("({a: 1})"), "array": run_js("[1, 2]"), "map": run_js("new Map()"), "set": run_js("new Set()"),
    "function": run_js("(function f(a, b) {})"),
    "typed": run_js("new Uint8Array(2)"), "string object": run_js("new String('ab')"),
    "buffer": run_js("new ArrayBuffer(4)"), "view": run_js("new DataView(new ArrayBuffer(4))"),
    "iterator": run_js("[1][Symbol.iterator]()"), "generator": run_js("(function*(){})()"),
    "async generator": run_js("(async function*(){})()"), "length-like": run_js("({length: 2})"),
    "getter": run_js("({get: () => 1})"), "includes": run_js("({includes: () => true})"),
}
# (Pyodide's Promise has __iter__ and no __bool__: its quirk, not compared)
dunders = ["__len__", "__iter__", "__next__", "__aiter__", "__anext__", "__await__", "__getitem__", "__contains__",
           "__call__", "to_bytes", "to_memoryview", "to_string", "to_file", "from_file"]
{name: [d for d in dunders if hasattr(v, d)] for name, v in values.items()}`));

same('the slots still work where hasattr says so, and a missing one is the usual TypeError', run(`
from pyodide.code import run_js
o = run_js("({a: 1})")
r = [len(run_js("[1, 2, 3]")), 2 in run_js("new Set([2])"), run_js("new Map([[1, 'x']])")[1],
     hasattr(run_js("Promise.resolve(1)"), "__await__"), hasattr(run_js("({then: 1})"), "__await__")]
for f in (lambda: len(o), lambda: iter(o)):
    try:
        f()
    except TypeError as e:
        r.append("TypeError")
r`));

same('a JS generator: throw() reaches its catch and gives the next value; next() after return raises StopIteration(value)', run(`
from pyodide.code import run_js
g = run_js("(function*(){ try { yield 1; yield 2 } catch (e) { yield 'caught ' + e.message } return 7 })()")
r = [next(g), g.throw(Exception("boom"))]
try:
    next(g)
except StopIteration as e:
    r.append(("stop", e.value))
g2 = run_js("(function*(){ const x = yield 1; return x * 2 })()")
next(g2)
try:
    g2.send(21)
except StopIteration as e:
    r.append(("send stop", e.value))
r.append(list(run_js("(function*(){ yield 1; return 9 })()")))
r`));

same('throw() of a JsException passes the JS error itself; an uncaught one comes back as it', run(`
from pyodide.code import run_js
from pyodide.ffi import JsException
g = run_js("(function*(){ try { yield 1 } catch (e) { yield [e instanceof RangeError, e.message] } })()")
next(g)
r = [list(g.throw(JsException("RangeError", "far")))]
g2 = run_js("(function*(){ yield 1 })()")
next(g2)
try:
    g2.throw(ValueError("not caught"))
except ValueError as e:
    r.append(("ValueError", str(e)))
r`));

same('create_proxy(obj).unwrap() is obj, for objects and functions', run(`
from pyodide.ffi import create_proxy
o = object()
def f():
    return 1
p, q = create_proxy(o), create_proxy(f)
r = [p.unwrap() is o, q.unwrap() is f, type(p).__name__]
p.destroy()
q.destroy()
r`));

same('JsException(name, message) makes a JS error of that name; raise and catch it', run(`
from pyodide.ffi import JsException
e = JsException("TypeError", "bad thing")
one = JsException("only a name")
r = [type(e).__name__, e.name, e.message, str(e), str(one), one.message]
try:
    raise JsException("RangeError", "out of range")
except JsException as caught:
    r.append((caught.name, caught.js_error.constructor.name))
r`));

same('a dict PyProxy: its str keys read, test, set and delete as JS properties, after its attributes', (py) => {
  const d = py.runPython('d = {"3": "s3", 3: "i3", "x": 1, "get": 5}; d');
  try {
    const r = [d[3], d.x, typeof d.get, d.missing, 'x' in d, 'missing' in d, Object.keys(d), JSON.stringify(d)];
    d.y = 2;
    r.push(delete d.x, Reflect.deleteProperty(d, 'missing'), py.runPython('str(d)'));
    return r;
  } finally {
    d.destroy();
    py.runPython('del d');
  }
});

same('only a dict: a dict subclass or another mapping keeps attribute access', (py) => {
  const sub = py.runPython('class D(dict): pass\nD(a=1)');
  const mapping = py.runPython('import types; types.MappingProxyType({"a": 1})');
  try {
    return [sub.a, JSON.stringify(sub), mapping.a];
  } finally {
    sub.destroy();
    mapping.destroy();
  }
});

same('callWithOptions: relaxed drops extra arguments, kwargs takes the last one as keywords', (py) => {
  const f = py.runPython('def f(a, b=2): return a + b\nf');
  const g = py.runPython('def g(**kw): return str(kw)\ng');
  try {
    const r = [f.callWithOptions({ relaxed: true }, 1, 2, 3, 4), f.callWithOptions({ kwargs: true }, 1, { b: 10 }),
      f.callWithOptions({}, 1), g.callWithOptions({ kwargs: true }, { a: 1 })];
    try {
      f.callWithOptions({ kwargs: true });
    } catch (e) {
      r.push(e.constructor.name);
    }
    return r;
  } finally {
    f.destroy();
    g.destroy();
  }
});

differs('callPromising', 'Pyodide needs JSPI, which node 20 lacks, and rejects; Isthmus runs the call and settles the Promise with it',
  async (py) => {
    const f = py.runPython('def f(a, b): return a + b\nf');
    try {
      const p = f.callPromising(1, 2);
      return [p instanceof Promise, await p.catch((e) => `rejected: ${e.message}`)];
    } finally {
      f.destroy();
    }
  }, (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, [true, 3]);
    assert.deepEqual(pyodide.value, [true, 'rejected: WebAssembly stack switching not supported in this JavaScript runtime']);
  });

same('FS.trackingDelegate hooks see opens, writes, reads, closes, directories, links, moves and deletes', (py) => {
  const log = [];
  const hooks = ['onOpenFile', 'onCloseFile', 'onReadFile', 'onWriteToFile', 'onMakeDirectory', 'onMakeSymlink',
    'willMovePath', 'onMovePath', 'willDeletePath', 'onDeletePath'];
  for (const hook of hooks) py.FS.trackingDelegate[hook] = (...a) => log.push([hook, ...a]);
  try {
    py.runPython(`
import os
os.mkdir("/tmp/tracked")
with open("/tmp/tracked/a.txt", "w") as f:
    f.write("hello")
with open("/tmp/tracked/a.txt") as f:
    f.read()
os.symlink("/tmp/tracked/a.txt", "/tmp/tracked/l")
os.rename("/tmp/tracked/a.txt", "/tmp/tracked/b.txt")
for name in ("b.txt", "l"):
    os.unlink("/tmp/tracked/" + name)
os.rmdir("/tmp/tracked")`);
  } finally {
    for (const hook of hooks) delete py.FS.trackingDelegate[hook];
  }
  return log.filter((e) => String(e[1]).startsWith('/tmp/tracked'));
});

same('anext() and __anext__ of a JS async generator; its end is StopAsyncIteration', async (py) => plain(await py.runPythonAsync(`
from pyodide.code import run_js
g = run_js("(async function*(){ yield 1; yield 2 })()")
r = [await anext(g), await g.__anext__()]
try:
    await anext(g)
except StopAsyncIteration:
    r.append("StopAsyncIteration")
r`)));

same('a JsException: repr() is its text, and pickle gives one with the same name and message', run(`
import pickle
from pyodide.ffi import JsException
from pyodide.code import run_js
try:
    run_js("throw new TypeError('bad')")
except JsException as e:
    err = e
again = pickle.loads(pickle.dumps(err))
made = JsException("RangeError", "far")
[repr(err), str(err), repr(again), type(again).__name__, again.name, again.message, repr(made),
 pickle.loads(pickle.dumps(made)).name]`));

same('to_py() of a Map or Set whose key converts to a list: Pyodide\'s JsException, and the runtime goes on', run(`
from pyodide.code import run_js
from pyodide.ffi import JsException
r = []
for src in ("new Map([[[1, 2], 3]])", "new Set([[1, 2]])", "new Map([[{a: 1}, 3]])"):
    try:
        run_js(src).to_py()
    except JsException as e:
        r.append(str(e))
r.append(run_js("new Map([['k', [1]]])").to_py())
r`));

same('create_proxy (roundtrip=True, the default) comes back to Python as a JsDoubleProxy (destroy, unwrap); roundtrip=False as the object', run(`
from pyodide.ffi import create_proxy, JsDoubleProxy, JsCallableDoubleProxy, JsException
from pyodide.code import run_js
o = run_js("({})")
d = {"k": 1}
def f(x):
    return x + 1
o.d = create_proxy(d)
o.f = create_proxy(f)
o.n = create_proxy(d, roundtrip=False)
back = o.d
r = [isinstance(back, JsDoubleProxy), back.unwrap() is d, isinstance(o.f, JsCallableDoubleProxy), o.f(1), o.f.unwrap() is f,
     o.n is d]
ident = run_js("x => x")
p = create_proxy([1, 2])
q = ident(p)
r += [q.unwrap()[1], q.js_id == p.js_id, ident(d) is d]
o.d.destroy()
try:
    run_js("(o) => o.d.k")(o)
except JsException:
    r.append("destroyed")
o.f.destroy()
r`));

same('which PyProxy API members an object has: `in` and reads, by kind', (py) => {
  const names = ['get', 'set', 'has', 'delete', 'length', 'next', 'throw', 'return', 'callKwargs', 'getBuffer', 'asJsJson',
    'apply', 'call', 'bind', 'toJs', 'destroy', 'type', 'copy'];
  const kinds = ['{1: 2}', '[1, 2]', '(1, 2)', '{1}', 'object()', 'iter([1])', '(x for x in [1])', 'lambda: 1',
    'bytearray(b"ab")', 'range(3)', 'type("X", (), {"__getitem__": lambda s, k: k})()',
    'type("Y", (), {"__len__": lambda s: 3, "__contains__": lambda s, k: True})()'];
  return kinds.map((src) => {
    const p = py.runPython(src);
    try {
      return [src, names.filter((n) => n in p), names.filter((n) => p[n] !== undefined), p instanceof Function];
    } finally {
      p.destroy();
    }
  });
});

same('a callable PyProxy is instanceof Function; its prototype chain reaches Function.prototype', (py) => {
  const f = py.runPython('lambda x: x');
  try {
    const chain = [];
    for (let p = Object.getPrototypeOf(f); p; p = Object.getPrototypeOf(p)) {
      chain.push(p === Function.prototype ? 'Function.prototype' : p === Object.prototype ? 'Object.prototype' : 'other');
    }
    return [f instanceof Function, f instanceof py.ffi.PyProxy, chain.slice(-2), Object.getPrototypeOf(f) === Function.prototype];
  } finally {
    f.destroy();
  }
});

same('destroy({ destroyRoundtrip: false }) spares a create_proxy proxy', (py) => {
  const p = py.runPython(`
from pyodide.ffi import create_proxy
import js
class A: pass
a = A()
js.isthmusDetailPP = create_proxy(a)
js.isthmusDetailPP`);
  p.destroy({ destroyRoundtrip: false });
  const r = [py.runPython('js.isthmusDetailPP.unwrap() is a')];
  p.destroy();
  try {
    py.runPython('js.isthmusDetailPP.unwrap()');
  } catch (e) {
    r.push(e.message.includes('destroyed'));
  }
  delete globalThis.isthmusDetailPP;
  const plainProxy = py.runPython('a');
  plainProxy.destroy({ destroyRoundtrip: false });
  try {
    r.push(plainProxy.type);
  } catch {
    r.push('destroyed');
  }
  return r;
});

same('a thrown number, null, undefined or plain object is an Error described in its message', run(`
from pyodide.code import run_js
from pyodide.ffi import JsException
r = []
for thrown in ["42", "null", "undefined", "({a: 1})", "Symbol('s')", "({message: 'm', stack: 's', name: 'N'})", "'text'"]:
    try:
        run_js(f"() => {{ throw {thrown}; }}")()
    except JsException as e:
        r.append([e.name, str(e)])
r`));

same('iter() of a JS generator is the generator itself', run(`
from pyodide.code import run_js
g = run_js("(function* () { yield 1; yield 2; })()")
a = run_js("[1, 2]")
[iter(g) is g, next(iter(g)), list(g), iter(a) is a, list(iter(a))]`));

same('toJs of a dict subclass converts the items dict() sees (a ChainMap base keeps them elsewhere)', (py) => {
  const j = py.runPython(`
from collections import ChainMap
class D1(ChainMap, dict):
    pass
class D2(dict, ChainMap):
    pass
def j(convert):
    return [convert(D1({"a": "b"})), convert(D2({"a": "b"}))]
j`);
  try {
    return plain(j((d) => JSON.stringify(d.toJs({ dict_converter: Object.fromEntries }))))
      .concat(plain(j((d) => JSON.stringify(d.toJs()))));
  } finally {
    j.destroy();
  }
});

differs('a JS Map or Set whose keys are one key in Python (0 and false, 1 and true)',
  'the same message, as a ConversionError (Pyodide raises it as a JS Error, a JsException)',
  run(`
from pyodide.code import run_js
out = []
for src in ["new Map([[0, 2], [false, 3]])", "new Set([1, true])", "new Map([[1, 2], [true, 3]])"]:
    try:
        run_js(src).to_py()
    except Exception as e:
        out.append([type(e).__name__, str(e).removeprefix("Error: ")])
out`),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value.map(([, m]) => m), pyodide.value.map(([, m]) => m));
    assert.deepEqual(isthmus.value.map(([t]) => t), ['ConversionError', 'ConversionError', 'ConversionError']);
    assert.deepEqual(pyodide.value.map(([t]) => t), ['JsException', 'JsException', 'JsException']);
  });

same('assign() and assign_to() need the same byte length and item size', run(`
from pyodide.code import run_js
from array import array
def attempt(f):
    try:
        return repr(f())
    except ValueError as e:
        return ["ValueError", "incompatible formats" in str(e), "cannot assign to TypedArray" in str(e),
                "cannot assign from TypedArray" in str(e)]
a = run_js("new Uint32Array(10)")
[attempt(lambda: a.assign(bytes(40))), attempt(lambda: a.assign(array('b', range(40)))), attempt(lambda: a.assign(array('i', range(10)))),
 attempt(lambda: a.assign(array('f', range(10)))), attempt(lambda: a.assign(bytes(4))), attempt(lambda: a.assign_to(bytearray(4))),
 attempt(lambda: a.assign_to(array('I', range(10)))), list(a)[:3]]`));

same('to_js of a set: only str, int, float, bool and None items (a JS Set holds objects by identity)', run(`
from pyodide.ffi import to_js
class O:
    pass
out = []
for s in [{(2, 2)}, {frozenset([1])}, {O()}, {None}, {1.5, "a", True}, {b"x"}]:
    try:
        out.append(to_js(s).size)
    except Exception as e:
        out.append([type(e).__name__, str(e).split(" at 0x")[0]])
out`));

same('return() of a Python generator from JS: a finally that yields gives that value', (py) => {
  const g = py.runPython(`
def gen():
    try:
        yield 1
    finally:
        yield 2
gen()`);
  try {
    const r = [g.next(), g.return(5)];
    try {
      g.next();
    } catch (e) {
      r.push(e.type);
    }
    const plainGen = py.runPython('(x for x in [1, 2])');
    r.push(plainGen.next(), plainGen.return(9), plainGen.next());
    plainGen.destroy();
    return r;
  } finally {
    g.destroy();
  }
});

same('getBuffer() of an empty array of any format', (py) => {
  const out = [];
  for (const fmt of ['Q', 'd', 'h', 'B']) {
    const a = py.runPython(`import array; array.array("${fmt}")`);
    const v = a.getBuffer();
    out.push([v.data.constructor.name, v.data.length, v.shape]);
    v.release();
    a.destroy();
  }
  return out;
});

same('getBuffer(type) of a C-contiguous buffer reinterprets its bytes (bytes as i16, f64, u64; a 2-d one as i32)', (py) => {
  const out = [];
  for (const [code, type] of [['bytes(range(256))', 'i16'], ['bytes(range(256))', 'f64'], ['bytes(range(256))', 'u64'],
    ['memoryview(bytes(range(16))).cast("B", (4, 4))', 'i32'], ['import array; array.array("i", [1, 2, 3, 4])', 'i16']]) {
    const a = py.runPython(code);
    const v = a.getBuffer(type);
    out.push([v.data.constructor.name, Array.from(v.data).slice(0, 4).map(String), v.shape, v.strides, v.nbytes]);
    v.release();
    a.destroy();
  }
  return out;
});

same('from a JS module import * follows its __all__', (py) => {
  py.registerJsModule('isthmus_star_all', { a: 1, b: 2, __all__: ['a'] });
  try {
    return plain(py.runPython(`
ns = {}
exec("from isthmus_star_all import *", ns)
sorted(k for k in ns if not k.startswith("__"))`));
  } finally {
    py.unregisterJsModule('isthmus_star_all');
  }
});

same('an attribute PyProxy is the same proxy while alive, and is destroyed with the proxy it was read from', (py) => {
  const t = py.runPython('class Inner:\n    def f(self):\n        return 7\n    x = [1]\nclass Outer:\n    T = Inner()\n    L = [1, 2]\nOuter');
  const r = [t.T === t.T, t.L === t.L];
  const T = t.T;
  const f = T.f;
  const X = T.x;
  const copy = T.copy();
  t.destroy();
  const attempt = (g) => {
    try {
      return g();
    } catch (e) {
      return e.message.split('\n')[0];
    }
  };
  r.push(attempt(() => T.f()), f(), X.length, copy.f());
  for (const p of [f, X, copy]) p.destroy();
  return r;
});

same('callKwargs: errors for no argument and for a last argument that is no object', (py) => {
  const f = py.runPython('def f(x=2, y=3):\n    return x * 10 + y\nf');
  const attempt = (g) => {
    try {
      return g();
    } catch (e) {
      return [e.constructor.name, /^callKwargs requires at least one argument|kwargs argument is not an object/.test(e.message)];
    }
  };
  try {
    return [attempt(() => f.callKwargs()), attempt(() => f.callKwargs(1)), attempt(() => f.callKwargs(1, [2])), f.callKwargs(8, { y: 4 })];
  } finally {
    f.destroy();
  }
});

same('a destroyed create_proxy() proxy returned by JS (or read back from JS) raises its error', (py) => plain(py.runPython(`
from pyodide.code import run_js
from pyodide.ffi import create_proxy, JsException
import js
def attempt(f):
    try:
        return repr(f())
    except JsException as e:
        return "JsException: " + str(e).splitlines()[0]
p = create_proxy([])
p.destroy()
js.isthmusKeptProxy = p
r = [attempt(lambda: run_js("(x) => x")(p)), attempt(lambda: run_js("(x) => typeof x")(p)), attempt(lambda: js.isthmusKeptProxy)]
del js.isthmusKeptProxy
r`)));

same('copies of a PyProxy share its attribute proxies: they go with the last copy', (py) => {
  const attempt = (g) => {
    try {
      return g();
    } catch (e) {
      return e.message.split('\n')[0];
    }
  };
  const p = py.runPython('class A:\n    x = [1, 2]\nA');
  const q = p.copy();
  const x = p.x;
  const r = [p.x === q.x];
  p.destroy();
  r.push(attempt(() => x.length));
  q.destroy();
  r.push(attempt(() => x.length));
  return r;
});
