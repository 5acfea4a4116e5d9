// Python generators and async generators driven from JS, beside Pyodide.
import assert from 'node:assert/strict';
import { same, differs, plain, PY_ATTEMPT } from './harness.mjs';

same('a generator: next, return (runs finally), next after', (py) => {
  const g = py.runPython('def g():\n    try:\n        yield 1\n        yield 2\n    finally:\n        print("cleanup")\ng()');
  try {
    return [g.next(), g.return(5), g.next()];
  } finally {
    g.destroy();
  }
});
same('an async generator: next, return, next after', async (py) => {
  const ag = py.runPython('async def ag():\n    try:\n        yield 1\n        yield 2\n    finally:\n        print("closed")\nag()');
  try {
    return [await ag.next(), await ag.return(7), await ag.next()];
  } finally {
    ag.destroy();
  }
});
same('an async generator: throw is caught inside', async (py) => {
  const ag = py.runPython('async def ag():\n    try:\n        yield 1\n    except ValueError:\n        yield "caught"\nag()');
  const err = py.runPython('ValueError("x")');
  try {
    return [await ag.next(), await ag.throw(err), await ag.next()];
  } finally {
    err.destroy();
    ag.destroy();
  }
});
same('an async generator: next(value) sends it', async (py) => {
  const ag = py.runPython('async def ag():\n    x = yield 1\n    yield x * 2\nag()');
  try {
    return [await ag.next(), await ag.next(21), await ag.next()];
  } finally {
    ag.destroy();
  }
});
same('an async generator: an error it raises rejects next()', async (py) => {
  const ag = py.runPython('async def ag():\n    yield 1\n    raise KeyError("k")\nag()');
  try {
    const first = await ag.next();
    try {
      await ag.next();
      return 'no error';
    } catch (e) {
      return [first, e.type];
    }
  } finally {
    ag.destroy();
  }
});

same('a JS async generator has asend, athrow and aclose; run_in_executor and to_thread run the function at once; can_run_sync() is False', async (py) => (await py.runPythonAsync(`
from pyodide.code import run_js
from pyodide.ffi import can_run_sync
import asyncio, js
g = run_js("(async function*(){ let x = yield 1; try { x = yield x + 10 } catch (e) { yield 'caught ' + e.message } finally { globalThis.finAsync = 1 } })()")
out = [await g.asend(None), await g.asend(5), await g.athrow(ValueError("v"))]
await g.aclose()
out.append(js.finAsync)
try:
    await g.asend(None)
except StopAsyncIteration:
    out.append("stop")
loop = asyncio.get_event_loop()
out += [await loop.run_in_executor(None, lambda a, b: a + b, 1, 2), await asyncio.to_thread(lambda: 7)]
try:
    await loop.run_in_executor(None, int, "x")
except ValueError:
    out.append("ValueError")
out + [can_run_sync()]`)).toJs());

same('close() of a JS generator that yields in its finally is a RuntimeError; iter() of a non-iterable names JsProxy', (py) => plain(py.runPython(`
from pyodide.code import run_js
${PY_ATTEMPT}g = run_js("(function* () { try { yield 1; } finally { yield 2; } })()")
next(g)
g2 = run_js("(function* () { try { yield 1; } finally { return 5; } })()")
next(g2)
ai = run_js("({ [Symbol.asyncIterator]() { return (async function* () { yield 1; })(); } })")
[attempt(g.close), attempt(g2.close), attempt(lambda: iter(ai)), attempt(lambda: iter(run_js("({})")))]`)));

same('send() of a JS iterator whose next() gives no {done, value} object', (py) => plain(py.runPython(`
from pyodide.code import run_js
${PY_ATTEMPT}
out = []
for src in ["({ next() { return 2; } })", "({ next() { return {}; } })", "({ next() { return 'x'; } })",
            "({ next(v) { return { done: false, value: v * 2 }; } })"]:
    out.append(attempt(lambda: run_js(src).send(21)))
out.append(hasattr(run_js("({})"), "send"))
out`)));

/** Python made by runPython, its last expression called: a fresh generator or object. */
const fresh = (py, code) => {
  const f = py.runPython(code);
  try {
    return f();
  } finally {
    f.destroy();
  }
};

same('an async generator: return() where finally yields again, then where finally returns', async (py) => {
  const g2 = fresh(py, 'async def g2():\n    try:\n        yield 1\n        yield 2\n    finally:\n        yield 3\n        print("after")\ng2');
  const g3 = fresh(py, 'async def g3():\n    try:\n        yield 1\n    finally:\n        print("finally")\ng3');
  try {
    return [await g2.next(), await g2.return(5), await g2.next(), await g3.next(), await g3.return(6), await g3.return(7)];
  } finally {
    g2.destroy();
    g3.destroy();
  }
});

same('for await over a class whose __aiter__ is an async generator function, and over an __anext__-only object', async (py) => {
  const gen = fresh(py, 'class Gen:\n    async def __aiter__(self):\n        yield 1\n        yield 2\nGen');
  const anext = fresh(py, `
class ANext:
    i = 0
    async def __anext__(self):
        self.i += 1
        if self.i > 2:
            raise StopAsyncIteration
        return self.i
ANext`);
  try {
    const r = [gen instanceof py.ffi.PyAsyncIterable, anext instanceof py.ffi.PyAsyncIterable, Symbol.asyncIterator in anext];
    for await (const x of gen) r.push(x);
    for await (const x of anext) r.push(x);
    return r;
  } finally {
    gen.destroy();
    anext.destroy();
  }
});

same('a Python iterator is a PyIterable (its Symbol.iterator is itself); then/catch only on awaitables', (py) => {
  const xs = py.runPython(`
class Next:
    def __next__(self):
        raise StopIteration
class Await:
    def __await__(self):
        return iter([])
class AwaitNext(Await, Next): pass
from pyodide.ffi import to_js
to_js([Next(), Await(), AwaitNext()])`);
  try {
    return xs.map((x) => [Symbol.iterator in x, 'next' in x, 'then' in x, 'catch' in x, x instanceof py.ffi.PyIterable,
      x instanceof py.ffi.PyIterator, x instanceof py.ffi.PyAwaitable]);
  } finally {
    for (const x of xs) x.destroy();
  }
});

differs('a Python exception thrown into a JS async generator and thrown again by it', 'Isthmus raises the Python exception again; Pyodide a JsException (its own tests mark that as a TODO)', async (py) => py.runPythonAsync(`
from pyodide.code import run_js
f = run_js("(async function* () { try { yield 1; } finally { yield 2; } })")
g = f()
r = [await anext(g), await g.athrow(TypeError("hi"))]
try:
    await anext(g)
except BaseException as e:
    r.append(type(e).__name__)
r`).then((r) => { try { return r.toJs(); } finally { r.destroy(); } }), (isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, [1, 2, 'TypeError']);
  assert.deepEqual(pyodide.value, [1, 2, 'JsException']);
});
