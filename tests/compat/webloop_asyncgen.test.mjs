// Async generators on the event loop that runs on JS's, beside Pyodide: one
// left before its end is closed by the loop (its `finally` runs), and
// loop.shutdown_asyncgens() closes the ones still open. A task that fails
// unwatched is reported when it fails, as Pyodide's WebLoop does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { same, differs, both, plain } from './harness.mjs';

same('an async generator left by `break` is closed by the loop', (py) => py.runPythonAsync(`
import asyncio
closed = []
async def numbers():
    try:
        yield 1
        yield 2
    finally:
        closed.append("finally ran")
async for n in numbers():
    break
for _ in range(3):
    await asyncio.sleep(0)
closed
`).then((r) => r.toJs()));

same('loop.shutdown_asyncgens() closes the async generators still open', (py) => py.runPythonAsync(`
import asyncio
log = []
async def gen(name):
    try:
        yield name
        yield name
    finally:
        log.append(name + " closed")
g1, g2 = gen("a"), gen("b")
await g1.__anext__()
await g2.__anext__()
await asyncio.get_running_loop().shutdown_asyncgens()
sorted(log)
`).then((r) => r.toJs()));

test('a task that fails with nobody waiting for it is reported at once ("Unhandled exception in event loop"), one awaited is not', async () => {
  const [isthmus, pyodide] = await both((py) => py.runPythonAsync(`
import asyncio
async def bad(what):
    raise ValueError(what)
asyncio.ensure_future(bad("nobody waits"))
watched = asyncio.ensure_future(bad("awaited"))
try:
    await watched
except ValueError as e:
    caught = str(e)
await asyncio.sleep(0.01)
caught`));
  // (Pyodide prints a blank line after each line of the report)
  const report = (o) => ({ value: o.value, printed: o.printed.filter((l) => l.trim() !== '') });
  assert.deepEqual(report(isthmus), report(pyodide));
  assert.deepEqual(report(isthmus).printed.slice(0, 2), ['Unhandled exception in event loop', 'Traceback (most recent call last):']);
});

same('the loop counts the futures and tasks in progress and tells its handlers when none is left, and of KeyboardInterrupt and SystemExit', (py) => py.runPythonAsync(`
import asyncio
loop = asyncio.get_event_loop()
seen = []
loop._no_in_progress_handler = lambda: seen.append("none left")
loop._keyboard_interrupt_handler = lambda: seen.append("KeyboardInterrupt")
loop._system_exit_handler = lambda code: seen.append(("SystemExit", code))
counts = []
try:
    for outcome in [0, KeyboardInterrupt(), SystemExit(3)]:
        loop._in_progress = 0
        fut = loop.create_future()
        async def wait():
            await fut
        task = asyncio.ensure_future(wait())
        counts.append(loop._in_progress)
        if isinstance(outcome, BaseException):
            fut.set_exception(outcome)
        else:
            fut.set_result(outcome)
        try:
            await task
        except BaseException as e:
            seen.append(type(e).__name__)
        counts.append(loop._in_progress)
finally:
    loop._in_progress = 1
    loop._no_in_progress_handler = loop._keyboard_interrupt_handler = loop._system_exit_handler = None
[counts, seen]
`).then((r) => r.toJs()));

/**
 * body({ f, g, h }) with Python's `started` list, an async f(n) that appends n
 * to it, a plain g(n) returning f(n) and an async h(n) returning f(n).
 */
async function withAsyncCalls(py, body) {
  py.runPython(`
import warnings
saved_filters = warnings.filters[:]
warnings.filterwarnings("ignore", "coroutine .* was never awaited")  # (the ones destroyed unstarted)
started = []
async def f(n):
    started.append(n)
    return n
def g(n):
    return f(n)
async def h(n):
    return f(n)
`);
  const [f, g, h] = ['f', 'g', 'h'].map((n) => py.globals.get(n));
  try {
    return await body({ f, g, h });
  } finally {
    for (const p of [f, g, h]) p.destroy();
    py.runPython('import gc; gc.collect(); warnings.filters[:] = saved_filters');
  }
}

same('a call from JS starts the coroutine of an async function (and one it returns), not one a plain function returns', (py) => withAsyncCalls(py, async ({ f, g, h }) => {
  f(1);
  f(2).destroy();
  const kept = g(3);  // a coroutine PyProxy: awaiting it runs it
  g(4).destroy();
  h(5);
  py.runPython('f(6)').destroy();
  await py.runPythonAsync('f(7)');
  await new Promise((resolve) => setTimeout(resolve, 20));
  const before = plain(py.runPython('sorted(started)'));
  const awaited = [await kept, await h(8)];
  kept.destroy();
  return [before, awaited, plain(py.runPython('sorted(started)'))];
}));

same('the order in which calls from JS run coroutines: a returned coroutine starts after runPythonAsync\'s', (py) => withAsyncCalls(py, async ({ f, g, h }) => {
  f(1);
  py.runPython('f(2)').destroy();
  py.runPythonAsync('f(3)');
  g(4).destroy();
  h(5);
  f(6);
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return plain(py.runPython('started'));
}));

differs('a new PyProxy of a finished async call\'s Task gives the result of the coroutine it returned',
  'Pyodide 314 destroys the PyProxy an async call returns once it settles (using it again throws "Object has '
  + 'already been destroyed"); Isthmus keeps it, and a new PyProxy of the Task gives the same result',
  (py) => withAsyncCalls(py, async ({ h }) => {
    const first = h(21);
    const settled = await first;
    try {
      py.globals.set('task', first);
    } catch (e) {
      return [settled, /already been destroyed/.test(String(e.message))];
    }
    const again = py.globals.get('task');
    try {
      return [settled, await again];
    } finally {
      again.destroy();
      first.destroy();
      py.runPython('del task');
    }
  }),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, [21, 21]);
    assert.deepEqual(pyodide.value, [21, true]);  // (the set threw "Object has already been destroyed")
  });

same('shutdown_asyncgens() is idempotent and sets _asyncgens_shutdown_called; an async generator started after it warns (asyncio\'s ResourceWarning)', async (py) => {
  const r = await py.runPythonAsync(`
import asyncio, warnings, weakref
loop = asyncio.get_running_loop()
loop._asyncgens_shutdown_called = False
seen = []
saved_show = warnings.showwarning
warnings.showwarning = lambda message, *args, **kwargs: seen.append(str(message))
try:
    with warnings.catch_warnings():
        warnings.simplefilter("always", ResourceWarning)
        await loop.shutdown_asyncgens()
        await loop.shutdown_asyncgens()
        flag = loop._asyncgens_shutdown_called
        async def agen():
            yield 1
        async for _ in agen():
            break
finally:
    warnings.showwarning = saved_show
    loop._asyncgens_shutdown_called = False
[flag, any("shutdown_asyncgens()" in m for m in seen), isinstance(loop._asyncgens, weakref.WeakSet),
 hasattr(loop, "_old_agen_hooks")]`);
  try {
    return r.toJs();
  } finally {
    r.destroy();
  }
});
