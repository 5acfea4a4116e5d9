// Promises and coroutines across the bridge (issue 5).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide, PythonError } from './dist.mjs';

let py;
const stderr = [];
before(async () => {
  py = await loadPyodide({ stdout: () => {}, stderr: (l) => stderr.push(l) });
  py.registerJsModule('jsasync', {
    later: (v, ms) => new Promise((r) => setTimeout(() => r(v), ms)),
    fail: (msg) => Promise.reject(new TypeError(msg)),
    never: () => new Promise(() => {}),
    resolved: (v) => Promise.resolve(v),
    async *count(n) { for (let i = 0; i < n; i++) { await null; yield i; } },
  });
});

test('runPythonAsync: top-level await, last expression, rejection with PythonError', async () => {
  assert.equal(await py.runPythonAsync('from jsasync import later\nx = await later(20, 5)\nx + 1'), 21);
  assert.equal(await py.runPythonAsync('1 + 1'), 2);
  await assert.rejects(py.runPythonAsync('import asyncio\nawait asyncio.sleep(0)\n{}["k"]'),
    (e) => e instanceof PythonError && e.type === 'KeyError');
  assert.equal(await py.runPythonAsync('2 * 21'), 42);
});

test('the event loop: tasks, sleep ordering, gather, wait_for, call_soon, call_later', async () => {
  const r = await py.runPythonAsync(`
import asyncio
order = []
async def sleeper(name, d):
    await asyncio.sleep(d)
    order.append(name)
    return name
loop = asyncio.get_event_loop()
slow = loop.create_task(sleeper('slow', 0.01))
fast = loop.create_task(sleeper('fast', 0))
g = await asyncio.gather(slow, fast)
calls = []
loop.call_soon(calls.append, 'soon')
loop.call_later(0.005, calls.append, 'later')
await asyncio.sleep(0.02)
try:
    await asyncio.wait_for(asyncio.sleep(10), 0.01)
    timed_out = False
except asyncio.TimeoutError:
    timed_out = True
[order, list(g), calls, timed_out, asyncio.get_event_loop() is loop]
`);
  assert.deepEqual(r.toJs(), [['fast', 'slow'], ['slow', 'fast'], ['soon', 'later'], true, true]);
  r.destroy();
});

test('Python awaits JS thenables; a rejection raises JsException with the JS error', async () => {
  const r = await py.runPythonAsync(`
from jsasync import later, fail
from pyodide.ffi import JsException
v = await later('value', 1)
try:
    await fail('bad')
except JsException as e:
    err = (str(e), e.js_error.name)
[v, err[0], err[1]]
`);
  assert.deepEqual(r.toJs(), ['value', 'TypeError: bad', 'TypeError']);
  r.destroy();
  await assert.rejects(py.runPythonAsync('import js\nawait js.Object.new()'), (e) => e.type === 'TypeError');
});

test('JS awaits Python: coroutines, Tasks, Futures; async functions start when called', async () => {
  const f = py.runPython(`
import asyncio
started = []
async def double(x):
    started.append(x)
    await asyncio.sleep(0)
    return x * 2
double`);
  const p = f(21);
  await new Promise((r) => setTimeout(r, 5));  // no await on p: it runs anyway
  assert.deepEqual(py.runPython('started').toJs(), [21], 'scheduled when called, not when awaited');
  assert.equal(await p, 42);
  p.destroy();
  const fut = py.runPython('fut = asyncio.get_event_loop().create_future(); fut');
  setTimeout(() => py.runPython('fut.set_result("done")'), 1);
  assert.equal(await fut, 'done');
  fut.destroy();
  const failing = py.runPython('async def bad(): raise ValueError("no")\nbad');
  const q = failing();
  await assert.rejects(q, (e) => e.type === 'ValueError');
  let caught = false;
  await q.catch(() => { caught = true; });
  let finished = false;
  await q.finally(() => { finished = true; }).catch(() => {});
  assert.ok(caught && finished);
  q.destroy();
  const notAwaitable = py.runPython('[1]');
  assert.equal(await notAwaitable, notAwaitable);
  for (const x of [f, failing, notAwaitable]) x.destroy();
});

test('Python futures chain with then / catch / finally_', async () => {
  const r = await py.runPythonAsync(`
import asyncio
loop = asyncio.get_event_loop()
a = loop.create_future()
chained = a.then(lambda v: v + 1).then(lambda v: v * 2)
a.set_result(4)
b = loop.create_future()
caught = b.catch(lambda e: 'caught ' + type(e).__name__)
b.set_exception(ValueError())
log = []
c = loop.create_future()
d = c.finally_(lambda: log.append('finally'))
c.set_result(1)
[await chained, await caught, await d, log]
`);
  assert.deepEqual(r.toJs(), [10, 'caught ValueError', 1, ['finally']]);
  r.destroy();
});

test('async iteration both ways', async () => {
  assert.deepEqual((await py.runPythonAsync('from jsasync import count\n[v async for v in count(4)]')).toJs(), [0, 1, 2, 3]);
  const agen = py.runPython('async def g():\n    for i in range(3):\n        await asyncio.sleep(0)\n        yield i * 10\ng()');
  const got = [];
  for await (const v of agen) got.push(v);
  assert.deepEqual(got, [0, 10, 20]);
  agen.destroy();
});

test('cancelling a Task that awaits a JS Promise raises CancelledError; the runtime stays healthy', async () => {
  const r = await py.runPythonAsync(`
import asyncio
from jsasync import never
async def waits():
    await never()
t = asyncio.ensure_future(waits())
await asyncio.sleep(0)
t.cancel()
try:
    await t
    outcome = 'not cancelled'
except asyncio.CancelledError:
    outcome = 'cancelled'
outcome`);
  assert.equal(r, 'cancelled');
  assert.equal(await py.runPythonAsync('await asyncio.sleep(0)\n5'), 5);
});

test('an exception in a call_soon callback is reported on stderr and the loop goes on', async () => {
  stderr.length = 0;
  const r = await py.runPythonAsync(`
import asyncio
def boom():
    raise RuntimeError('in a callback')
loop = asyncio.get_event_loop()
loop.call_soon(boom)
after = []
loop.call_soon(after.append, 'still running')
await asyncio.sleep(0.005)
after[0]`);
  assert.equal(r, 'still running');
  assert.ok(stderr.some((l) => l.includes('RuntimeError: in a callback')), stderr.join('\n'));
});

test('1,000 concurrent tasks awaiting JS Promises, then no leaked handles or proxies', async () => {
  await py.runPythonAsync('import asyncio\nfrom jsasync import later, resolved\nawait asyncio.sleep(0)');
  // Both counts are taken at rest: garbage of earlier tests collected first,
  // including the Python exceptions that earlier PythonErrors held until a
  // JS collection (Chromium may run one in the middle of this test).
  const before = await countsAtRest();
  const total = await py.runPythonAsync(`
async def one(i):
    v = await later(i, i % 5)
    w = await resolved(v)
    return w
sum(await asyncio.gather(*(one(i) for i in range(1000))))`);
  assert.equal(total, 499500);
  assert.deepEqual(await countsAtRest(), before);
});

test('a Python error rejecting a JS await is collected with everything its frames saw (issue 18)', async () => {
  // The Task resolves with an object whose __getattr__ raises: the Promise
  // rejects with the PythonError of the lookup of `then`. That error kept the
  // exception's traceback, whose frames (through f_back) held the Promise's
  // resolve/reject functions: a cycle across the two collectors.
  py.runPython(`
class BadGetattr:
    def __getattr__(self, name):
        raise RuntimeError("bad __getattr__ " + name)
async def returns(x):
    return x
`);
  const returns = py.globals.get('returns');
  const B = py.globals.get('BadGetattr');
  const once = async () => {
    const b = B();
    const task = returns(b);
    b.destroy();
    await assert.rejects(task, (e) => e.type === 'RuntimeError');
    task.destroy();
  };
  await once();
  const before = await countsAtRest();
  for (let i = 0; i < 20; i++) await once();
  assert.deepEqual(await countsAtRest(), before);
  returns.destroy();
  B.destroy();
});

/**
 * Live counts once both collectors have nothing left to do: finalizers and
 * timers of earlier tests may free a handle a few turns later, so collect
 * until two reads agree.
 */
async function countsAtRest() {
  let last;
  for (let round = 0; round < 20; round++) {
    globalThis.gc();
    py.runPython('import gc; gc.collect()');
    await new Promise((r) => setTimeout(r, 10));
    const { handles, pyproxies } = py._liveCounts();
    const now = { handles, pyproxies };  // (heapBytes moves with Python's caches)
    if (last && now.handles === last.handles && now.pyproxies === last.pyproxies) return now;
    last = now;
  }
  return last;
}

test('pyodide.ffi.wrappers: the proxies of fired, cleared and removed callbacks are freed', async () => {
  py.runPython('from pyodide.ffi import wrappers');
  const before = await countsAtRest();
  await py.runPythonAsync(`
import asyncio
import js
from pyodide.ffi import wrappers
hits = []
wrappers.set_timeout(lambda: hits.append("fired"), 1)
wrappers.clear_timeout(wrappers.set_timeout(lambda: hits.append("cleared"), 1))
def tick():
    hits.append("tick")
    wrappers.clear_interval(interval)
interval = wrappers.set_interval(tick, 1)
target = js.EventTarget.new()
wrappers.add_event_listener(target, "ping", hits.append)
wrappers.remove_event_listener(target, "ping", hits.append)
await asyncio.sleep(0.05)
assert sorted(hits) == ["fired", "tick"], hits
assert not (wrappers._timeouts or wrappers._intervals or wrappers._listeners)
del target, interval, tick
`);
  assert.deepEqual(await countsAtRest(), before);
});

test('with jsglobals that lack queueMicrotask (and everything else), an async function returning a coroutine still runs it', async () => {
  const bare = await loadPyodide({ jsglobals: {}, stdout: () => {}, stderr: () => {} });
  const h = bare.runPython('async def f(n):\n    return n * 2\nasync def h(n):\n    return f(n)\nh');
  try {
    assert.equal(await h(21), 42);
  } finally {
    h.destroy();
  }
});

test('a new PyProxy of a finished call\'s Task still gives the result of the coroutine it returned (or its error); nothing keeps the coroutine', async () => {
  py.runPython(`
async def doubled(n):
    if n < 0:
        raise ValueError("negative")
    return n * 2
async def later(n):
    return doubled(n)
`);
  const later = py.globals.get('later');
  for (const [n, expected] of [[21, 42], [-1, 'ValueError']]) {
    const first = later(n);
    const outcome = (p) => p.then((v) => v, (e) => e.type);
    assert.equal(await outcome(first), expected);
    py.globals.set('task', first);
    const again = py.globals.get('task');
    assert.equal(await outcome(again), expected);
    assert.equal(await outcome(again), expected);
    first.destroy();
    again.destroy();
  }
  later.destroy();
  assert.equal(py.runPython('del task\nimport gc\ngc.collect()\nimport _isthmus.api\nlen(_isthmus.api._returned)'), 0);
});
