// Behaviours a Pyodide program relies on that a comparison with Pyodide's own
// tests found missing here (js.x = ..., Map methods, array slices, callable
// PyProxies' apply/call/bind, length of unsized objects, next() of plain
// iterators, generic JsProxy types), each run on both runtimes.
import assert from 'node:assert/strict';
import { same, differs, plain } from './harness.mjs';

/** runPython's result as plain data. */
const run = (code) => (py) => plain(py.runPython(code));

same('js.x = value sets globalThis.x; del js.x deletes it; dir(js) lists JS builtins', (py) => {
  const r = plain(py.runPython(`
import js
js.isthmusGapValue = 41
js.isthmusGapValue += 1
seen = js.isthmusGapValue
del js.isthmusGapValue
[seen, hasattr(js, "isthmusGapValue"), "Array" in dir(js), "Object" in dir(js)]`));
  return [r, globalThis.isthmusGapValue, 'isthmusGapValue' in globalThis];
});

same('del of a missing js attribute is no error', run(`
import js
try:
    del js.isthmusNeverDefined
    r = "deleted"
except AttributeError as e:
    r = "AttributeError"
r`));

same('a JS Map has dict methods: get with a default, items, pop, popitem, setdefault, update', run(`
from pyodide.code import run_js
m = run_js("new Map([['a', 1], ['b', 2]])")
r = [m.get("a"), m.get("z", 5), m.get("z"), sorted(m.items()), sorted(m.keys()), sorted(m.values())]
r += [m.pop("a"), m.pop("z", "none"), m.setdefault("c", 3), m.setdefault("b", 9)]
m.update({"d": 4}, e=5)
r += [sorted(m.items()), m.popitem() in [("b", 2), ("c", 3), ("d", 4), ("e", 5)], len(m)]
try:
    m.pop("missing")
except KeyError as e:
    r.append(("KeyError", e.args))
r`));

same('a JS Map is a collections.abc.MutableMapping and matches a mapping pattern', run(`
from collections.abc import Mapping, MutableMapping
from pyodide.code import run_js
m = run_js("new Map([['x', 1]])")
match m:
    case {"x": value}:
        matched = value
    case _:
        matched = None
[isinstance(m, Mapping), isinstance(m, MutableMapping), matched, isinstance(run_js("({})"), Mapping)]`));

same('JS clear() of a Map stays JS\'s', run(`
from pyodide.code import run_js
m = run_js("new Map([['x', 1]])")
m.clear()
len(m)`));

same('a JS array slices as a list: read, assign, delete, with steps', run(`
from pyodide.code import run_js
a = run_js("[0, 1, 2, 3, 4, 5]")
r = [a[1:3].to_py(), a[::2].to_py(), a[::-1].to_py(), a[4:1].to_py(), type(a[1:2]).__name__]
a[1:3] = ["x", "y", "z"]
r.append(a.to_py())
a[::2] = [10, 20, 30, 40][:len(range(0, len(a), 2))]
r.append(a.to_py())
del a[1:3]
r.append(a.to_py())
del a[::2]
r.append(a.to_py())
r`));

same('pop(index) of a JS array pops that index; index/remove of a missing value say so', run(`
from pyodide.code import run_js
a = run_js("[1, 2, 3, 4]")
r = [a.pop(0), a.pop(), a.pop(-1), a.to_py()]
for call in (lambda: a.index(99), lambda: a.remove(99)):
    try:
        call()
    except ValueError as e:
        r.append(str(e))
r`));

differs('a typed array slices to a typed array', 'Pyodide raises NotImplementedError', run(`
from pyodide.code import run_js
t = run_js("new Int16Array([1, 2, 3, 4])")
s = t[1:3]
t[0:2] = [7, 8]
[list(s.to_py()), s.constructor.name, list(t.to_py())]`), (isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, [[2, 3], 'Int16Array', [7, 8, 3, 4]]);
  assert.equal(pyodide.error.type, 'NotImplementedError');
});

same('.length of a function or a plain object is undefined, of a sized object its len()', (py) => {
  const f = py.runPython('def f(a, b): pass\nf');
  const o = py.runPython('class C: pass\nC()');
  const withAttr = py.runPython('class D:\n    length = 7\nD()');
  try {
    return [f.length, o.length, withAttr.length, py.runPython('[1, 2, 3]').length];
  } finally {
    f.destroy(); o.destroy(); withAttr.destroy();
  }
});

same('next() of a plain Python iterator steps it', (py) => {
  const it = py.runPython('iter([1, 2])');
  try {
    return [it.next(), it.next(), it.next()];
  } finally {
    it.destroy();
  }
});

same('apply, call and bind of a Python function', (py) => {
  const f = py.runPython('def add(*args): return sum(args)\nadd');
  try {
    const bound = f.bind(null, 100);
    return [f.apply(null, [1, 2]), f.apply(undefined), f.call(null, 1, 2, 3), bound(1, 2), typeof f.apply, 'call' in f];
  } finally {
    f.destroy();
  }
});

same('callRelaxed and callKwargsRelaxed drop the arguments Python cannot take', (py) => {
  const f = py.runPython('def f(a, *, k=0): return [a, k]\nf');
  try {
    return [plain(f.callRelaxed(1, 2, 3)), plain(f.callKwargsRelaxed(1, 2, { k: 5, extra: 6 }))];
  } finally {
    f.destroy();
  }
});

same('captureThis passes this as the first argument', (py) => {
  const f = py.runPython('def who(this, x): return [this.name, x]\nwho');
  try {
    const method = f.captureThis();
    const obj = { name: 'obj', method };
    return plain(obj.method(1));
  } finally {
    f.destroy();
  }
});

same('JsArray[int], JsMap[str, int], JsPromise[int] are generic in annotations', run(`
from pyodide.ffi import JsArray, JsMap, JsPromise, JsProxy
def f(a: JsArray[int], m: JsMap[str, int]) -> JsPromise[int]: ...
[str(JsArray[int]).endswith("JsArray[int]"), str(JsMap[str, int]).endswith("JsMap[str, int]")]`));

same('a non-callable object keeps its own apply attribute', (py) => {
  const o = py.runPython('class C:\n    def apply(self, x): return x * 2\nC()');
  try {
    return o.apply(21);
  } finally {
    o.destroy();
  }
});

same('a JS Error value is a JsException: raise it, catch it, read its JS properties', run(`
from pyodide.code import run_js
from pyodide.ffi import JsException
err = run_js("new TypeError('boom')")
r = [isinstance(err, JsException), isinstance(err, Exception), err.name, err.message]
try:
    raise err
except JsException as e:
    r += [e is err, str(e)]
import js
try:
    raise js.Error.new("direct")
except Exception as e:
    r.append(type(e).__name__)
r`));

differs('a JS Error raised in Python and not caught there', 'Isthmus gives JS the original error, Pyodide a PythonError', (py) => {
  const original = new RangeError('out');
  py.globals.set('original', original);
  try {
    py.runPython('raise original');
    return 'no error';
  } catch (e) {
    return [e === original, e.constructor.name, e.message];
  } finally {
    py.globals.delete('original');
  }
}, (isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, [true, 'RangeError', 'out']);
  assert.equal(pyodide.value[0], false);
});

same('send and close of a JS generator', run(`
from pyodide.code import run_js
gen = run_js("(function* () { try { const x = yield 1; yield x * 2; return 'end'; } finally { globalThis.isthmusGapClosed = true; } })()")
r = [next(gen), gen.send(21)]
try:
    gen.send(None)
except StopIteration as e:
    r.append(("StopIteration", e.value))
gen2 = run_js("(function* () { try { yield 1; yield 2; } finally { globalThis.isthmusGapClosed = 'closed'; } })()")
next(gen2)
gen2.close()
import js
r += [js.isthmusGapClosed, hasattr(run_js("({})"), "send")]
r`));

same('Object.keys and JSON.stringify of a Python object list no attributes', (py) => {
  const o = py.runPython('class C:\n    def __init__(self): self.x = 1\nC()');
  try {
    return [Object.keys(o), JSON.stringify(o), o.x, 'x' in o];
  } finally {
    o.destroy();
  }
});

same('an object with only next() iterates', run(`
from pyodide.code import run_js
it = run_js("(() => { let i = 0; return { next: () => (i < 3 ? { done: false, value: i++ } : { done: true }) }; })()")
list(it)`));

same('an async generator is not iterable with for (its next() gives Promises)', run(`
from pyodide.code import run_js
g = run_js("(async function* g() { yield 1; })()")
try:
    [*g]
    r = "iterated"
except TypeError:
    r = "TypeError"
r`));

same('a JS function on a Python class is a method: this is the instance, for that call', (py) => {
  const r = plain(py.runPython(`
from pyodide.code import run_js
class T:
    f = run_js("function f(x) { globalThis.isthmusGapThis = this; return this[x]; }; f")
t = T()
t.a = 7
[t.f("a"), t.f("c"), T.f is T.__dict__["f"], T.f.__get__(None, T) is T.f, str(T.f.__get__(3)("toFixed"))[:17]]`));
  let after;
  try {
    after = globalThis.isthmusGapThis.a;
  } catch (e) {
    after = e.constructor.name;
  }
  delete globalThis.isthmusGapThis;
  return [r, after];
});

same('a JS method on a Python class with keyword arguments', run(`
from pyodide.code import run_js
class T:
    f = run_js("(function (a, kw) { return [this.name, a, kw.k]; })")
    name = "t"
T().f(1, k=2).to_py()`));

same('a sys.path entry written as a Windows path (C:\\dir or C://dir) imports from the POSIX directory', (py) => plain(py.runPython(`
import importlib, sys
from pathlib import Path
base = Path("/tmp/compat_windows_paths")
(base / "a").mkdir(parents=True, exist_ok=True)
(base / "b").mkdir(parents=True, exist_ok=True)
sys.path += ["C:\\\\tmp\\\\compat_windows_paths\\\\a", "D://tmp//compat_windows_paths//b"]
r = []
try:
    import win_mod_a
except ModuleNotFoundError as e:
    r.append(str(e))
(base / "a" / "win_mod_a.py").write_text("V = 456")
(base / "b" / "win_mod_b.py").write_text("V = 7")
importlib.invalidate_caches()
import win_mod_a, win_mod_b
r += [win_mod_a.V, win_mod_b.V]
sys.path[-2:] = []
r`)));
