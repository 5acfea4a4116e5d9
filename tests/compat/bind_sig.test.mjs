// JsProxy.bind_sig() / bind_class(): Pyodide's (experimental) typed JS
// values. A signature's annotations (`Deep`, `Json`, `BindClass` from
// `_pyodide.jsbind`, Awaitable[...]) decide how arguments, results and
// attributes cross. Each case runs on both runtimes.
import assert from 'node:assert/strict';
import { same, differs, plain } from './harness.mjs';

/** runPython's result as plain data. */
const run = (code) => (py) => plain(py.runPython(code));

// A JS function that records how each argument arrived, at call time (a
// borrowed PyProxy is gone after the call), and returns nested data.
const SETUP = `
from _pyodide.jsbind import BindClass, Deep, Default, Json
from pyodide.code import run_js
import js
f = run_js("""(function (...a) {
  globalThis.seen = a.map((x) => (x && x.type) ? 'PyProxy:' + x.type : JSON.stringify(x)).join(' ');
  globalThis.seenThis = this === undefined ? 'undefined' : typeof this;
  return {x: [1, {y: 2}], n: null};
})""")
`;

same('arguments: Deep converts, Json is a JSON view, others as in any call; keyword-only ones form the trailing object', run(`${SETUP}
def sig(a: Deep, b: Json, c, /, *, k: Deep = 3): ...
g = f.bind_sig(sig)
r = []
for args, kwargs in [(([1, [2]], {"z": [1]}, [5]), {}), (([1], {}, [5]), {"k": [7]}), (((1, 2), {"a": (1,)}, 5), {})]:
    g(*args, **kwargs)
    r.append(js.seen)
def defaults(a, b=[9], /): ...
f.bind_sig(defaults)(1)
r.append(js.seen)
def kwonly(*, a, b: Deep = None): ...
f.bind_sig(kwonly)(a=1)
r.append(js.seen)
def var(*args: Deep, **kw: Json): ...
for args, kwargs in [(([1], [2]), {"a": {"q": [1]}}), ((), {})]:
    f.bind_sig(var)(*args, **kwargs)
    r.append(js.seen)
r`));

same('wrong arguments raise Python\'s TypeError naming the signature, and the runtime goes on', run(`${SETUP}
def sig(a: Deep, b: Json, c, /, *, k: Deep = 3): ...
def kwonly(*, a, b=None): ...
g, h = f.bind_sig(sig), f.bind_sig(kwonly)
r = []
for call in (lambda: g([1]), lambda: g(1, 2, 3, 4), lambda: g(1, 2, 3, zz=1), lambda: h(b=1), lambda: h(1, a=2)):
    try:
        call()
    except TypeError as e:
        r.append(str(e))
g(1, 2, 3)
r.append(js.seen)
r`));

same('results: Deep is to_py(), Json reads as JSON data, Annotated picks the marker, other annotations change nothing', run(`${SETUP}
from typing import Annotated
def deep() -> Deep: ...
def json() -> Json: ...
def annotated() -> Annotated[dict, Deep]: ...
def plain() -> int: ...
d, j, a, p = (f.bind_sig(s)() for s in (deep, json, annotated, plain))
[d, a, j["x"][0], j["x"][1]["y"], list(j), len(j["x"]), type(p).__name__, p.x[0]]`));

same('a BindClass: annotated attributes convert, methods bind (with their this), a result annotated with it is bound', run(`${SETUP}
class Point(BindClass):
    xs: Deep
    n: int
    def scaled(self, k: Deep, /) -> Deep: ...
    @staticmethod
    def meta(a: Deep, /) -> Deep: ...
o = run_js("({xs: [1, 2], n: 5, other: [3], scaled(k) { return this.xs.map((x) => x * k[0]); }, meta(a) { return {a}; }})")
p = o.bind_sig(Point)
def make() -> Point: ...
made = run_js("(() => ({xs: [7], n: 1}))").bind_sig(make)()
[type(p.xs).__name__, p.xs, p.n, type(p.other).__name__, p.scaled([10]), p.meta([1]), made.xs, type(made.xs).__name__]`));

same('bind_class(C) constructs with C.__init__\'s arguments, as bind_sig(type[C]) does', run(`${SETUP}
class Box(BindClass):
    def __init__(self, items: Deep, /, *, label: Default = "?"): ...
    items: Deep
K = run_js("(class K { constructor(items, opts) { this.items = items; this.label = opts.label; this.kind = Array.isArray(items); } })")
b = K.bind_class(Box)(["a", "b"], label="L")
b2 = K.bind_sig(type[Box])([1])
[b.items, b.label, b.kind, b2.items, b2.label, type(b.items).__name__]`));

same('the bound copy is the same JS value (repr, js_id, typeof, ==) and the original keeps its behaviour', run(`${SETUP}
def deep() -> Deep: ...
g = f.bind_sig(deep)
[repr(g) == repr(f), g.js_id == f.js_id, g.typeof, g == f, type(f()).__name__, type(g()).__name__,
 type(g.bind_sig(deep)()).__name__]`));

same('a bound method keeps its this; a JS error thrown through a bound call is a JsException and the runtime goes on', run(`${SETUP}
from pyodide.ffi import JsException
class Thrower(BindClass):
    def boom(self, a: Deep, /) -> Deep: ...
    def who(self) -> Deep: ...
o = run_js("({boom(a) { throw new RangeError('no ' + a.length); }, who() { return [typeof this, this === globalThis]; }})")
t = o.bind_sig(Thrower)
r = [t.who()]
try:
    t.boom([1, 2])
except JsException as e:
    r.append((e.name, e.message))
r.append(t.who())
r`));

same('Awaitable[X] and async def give a Future of the converted value', async (py) => {
  py.runPython(`${SETUP}
from typing import Awaitable
import asyncio
p = run_js("(async (v) => ({q: [v]}))")
def later(v, /) -> Awaitable[Deep]: ...
async def alater(v, /) -> Deep: ...
async def araw(v, /): ...
`);
  return plain(await py.runPythonAsync(`
futs = [p.bind_sig(s)(i) for i, s in enumerate((later, alater, araw))]
r = [isinstance(x, asyncio.Future) for x in futs]
values = [await x for x in futs]
r + [values[0], values[1], type(values[2]).__name__, values[2].q[0]]`));
});

differs('a parameter that is positional-or-keyword', 'Pyodide raises RuntimeError "Don\'t currently handle POS_OR_KWD args"; Isthmus takes it as positional (by position or by name)',
  run(`${SETUP}
def sig(a: Deep, b): ...
r = []
for call in (lambda: f.bind_sig(sig)([1], 2), lambda: f.bind_sig(sig)(b=2, a=[1])):
    try:
        call()
        r.append(js.seen)
    except Exception as e:
        r.append(type(e).__name__ + ": " + str(e))
r`), (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, ['[1] 2', '[1] 2']);
    assert.deepEqual(pyodide.value, Array(2).fill('RuntimeError: Don\'t currently handle POS_OR_KWD args'));
  });

differs('Optional[X] and X | None', 'Pyodide 314 fails with "issubclass() arg 1 must be a class"; Isthmus converts as X',
  run(`${SETUP}
from typing import Optional
def opt() -> Optional[Deep]: ...
def union() -> Deep | None: ...
r = []
for s in (opt, union):
    try:
        v = f.bind_sig(s)()
        r.append([type(v).__name__, v["x"][1]["y"]])
    except TypeError as e:
        r.append("TypeError: " + str(e))
r`), (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, [['dict', 2], ['dict', 2]]);
    assert.deepEqual(pyodide.value, Array(2).fill('TypeError: issubclass() arg 1 must be a class'));
  });

differs('bind_sig(None), and calling a value bound to a class without __call__', 'Pyodide accepts both and fails at the call with an internal error; Isthmus says what is wrong, at bind_sig for None',
  run(`${SETUP}
class NoCall:
    pass
r = []
for call in (lambda: f.bind_sig(None), lambda: f.bind_sig(NoCall)()):
    try:
        call()
        r.append("no error")
    except Exception as e:
        r.append(type(e).__name__)
r.append(js.seen is not None)
r`), (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, ['TypeError', 'TypeError', true]);
    assert.deepEqual(pyodide.value, ['no error', 'AttributeError', true]);
  });

same('keyword arguments that are None are left out of the trailing object (defaults and passed ones); it is still there, empty', run(`
from pyodide.code import run_js
f = run_js("(...args) => JSON.stringify(args)")
def kwonly(a, b=7, /, *, c=None): ...
def kwvar(a, b=7, /, *, c=None, **kwargs): ...
def var(a, b=7, /, **kwargs): ...
g, h, k = f.bind_sig(kwonly), f.bind_sig(kwvar), f.bind_sig(var)
[g(1), g(1, c=2), g(1, 2, c=None), h(1, x=1), h(1, x=None), k(1), k(1, 2, x=3)]`));
