// Isthmus beside the npm `pyodide` package, in one node process: ns per
// operation (median of several repetitions, after a warm-up) and the ratio.
// Usage: node bench/run.mjs [--json out.json]   (build dist/ first: tools/build.sh)
// ISTHMUS_DIST=<dir> measures another build of dist/ (say, other compiler flags).
import path from 'node:path';
import os from 'node:os';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { LOOP_DEF } from './workloads.mjs';
import { commandStartup } from './startup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.ISTHMUS_DIST ?? path.join(root, 'dist');
const { loadPyodide: loadIsthmus } = await import(pathToFileURL(path.join(dist, 'isthmus.mjs')).href);
const { loadPyodide } = await import('pyodide');

// Each row is measured in ROUNDS rounds that alternate Isthmus and Pyodide
// (the machine's speed drifts; alternating cancels it), REPS timings a round.
const ROUNDS = 5;
const REPS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Time `fn(n)` (which performs n operations); ns per op. With `base` (the
 * same loop doing nothing), each repetition subtracts base(n) timed right
 * before it, so a slower or faster moment of the machine cancels out.
 */
function measure(fn, n, base) {
  fn(Math.min(n, 1000));  // warm-up
  if (base) base(Math.min(n, 1000));
  const times = [];
  for (let r = 0; r < REPS; r++) {
    let baseNs = 0;
    if (base) {
      const b0 = process.hrtime.bigint();
      base(n);
      baseNs = Number(process.hrtime.bigint() - b0);
    }
    const t0 = process.hrtime.bigint();
    fn(n);
    const t1 = process.hrtime.bigint();
    times.push((Number(t1 - t0) - baseNs) / n);
  }
  return median(times);
}

/** Median time of one call of fn (for operations that take milliseconds). */
function measureOnce(fn) {
  fn();
  const times = [];
  for (let r = 0; r < 2; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0));
  }
  return median(times);
}

async function startup(load, code = '1') {
  const times = [];
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    const py = await load({ stdout: () => {}, stderr: () => {} });
    py.runPython(code);
    times.push(Number(process.hrtime.bigint() - t0));
  }
  return median(times);
}

/** The operations, written once against the shared Pyodide API. */
function operations(py) {
  py.runPython(`
import js
from pyodide.ffi import create_proxy
def noop(): pass
class O:
    attr = 1
    def m(self): pass
o = O()
def loop_empty(n):
    for _ in range(n): pass
def loop_call(n, f):
    for _ in range(n): f()
def loop_getattr(n, obj):
    for _ in range(n): obj.x
def loop_method(n, obj):
    for _ in range(n): obj.f()
def loop_int_float(n, f):
    for _ in range(n): f(1, 2.5)
def loop_str_str(n, f):
    for _ in range(n): f("ab", "cd")
def loop_create_proxy(n, o):
    for _ in range(n): create_proxy(o).destroy()
def loop_str_to_js(n, f, s):
    for _ in range(n): f(s)
def add(a, b): return a
big_str = "x" * 100_000
def loop_pass_object(n, f, value):
    for _ in range(n): f(value)
`);
  const g = py.globals;
  const loopEmpty = g.get('loop_empty');
  const emptyLoop = (n) => loopEmpty(n);
  const jsObj = { x: 1, f() {} };
  const jsNoop = () => {};
  const loopCall = g.get('loop_call');
  const loopGetattr = g.get('loop_getattr');
  const loopPass = g.get('loop_pass_object');
  const loopMethod = g.get('loop_method');
  const pyNoop = g.get('noop');
  const pyObj = g.get('o');
  const pyList = py.runPython('[1, 2, 3]');
  const jsTwo = (a, _b) => a;
  const loopIF = g.get('loop_int_float');
  const loopSS = g.get('loop_str_str');
  const loopCP = g.get('loop_create_proxy');
  const loopStr = g.get('loop_str_to_js');
  const pyAdd = g.get('add');
  const bigStr = 'y'.repeat(100000);
  const bigPyStr = py.runPython('big_str');
  // Each row: a thunk that measures it once (run again in every round).
  const rows = {
    'py->js f()': () => measure((n) => loopCall(n, jsNoop), 100000, emptyLoop),
    'py->js f(int, float)': () => measure((n) => loopIF(n, jsTwo), 100000, emptyLoop),
    'py->js f(str, str)': () => measure((n) => loopSS(n, jsTwo), 100000, emptyLoop),
    'py->js getattr': () => measure((n) => loopGetattr(n, jsObj), 100000, emptyLoop),
    'py->js method call o.f()': () => measure((n) => loopMethod(n, jsObj), 100000, emptyLoop),
    'py->js passing a Python object': () => measure((n) => loopPass(n, jsNoop, pyList), 100000, emptyLoop),
    'create_proxy(o).destroy()': () => measure((n) => loopCP(n, pyObj), 20000, emptyLoop),
    'str of 1e5 chars py->js': () => measure((n) => loopStr(n, jsNoop, bigPyStr), 200, emptyLoop),
    'str of 1e5 chars js->py': () => measure((n) => { for (let i = 0; i < n; i++) pyAdd(bigStr, 0); }, 200),
    'js->py f()': () => measure((n) => { for (let i = 0; i < n; i++) pyNoop(); }, 100000),
    'js->py f(int, float)': () => measure((n) => { for (let i = 0; i < n; i++) pyAdd(1, 2.5); }, 100000),
    'js->py f(str, str)': () => measure((n) => { for (let i = 0; i < n; i++) pyAdd('ab', 'cd'); }, 100000),
    'js->py getattr': () => measure((n) => { for (let i = 0; i < n; i++) pyObj.attr; }, 100000),
    'js->py method call o.m()': () => measure((n) => { for (let i = 0; i < n; i++) pyObj.m(); }, 100000),
  };
  // Data: conversions and buffers (ns per whole operation).
  const bigList = py.runPython('big_list = list(range(1_000_000)); big_list');
  rows['to_js of a 1e6-int list'] = () => measureOnce(() => py.runPython('from pyodide.ffi import to_js; to_js(big_list); None'));
  const jsArray = Array.from({ length: 1_000_000 }, (_, i) => i);
  const toPy = py.runPython('lambda a: a.to_py() and None');
  rows['JS Array(1e6).to_py()'] = () => measureOnce(() => toPy(jsArray));
  const eightMB = py.runPython('import array; eight = array.array("d", bytes(8 << 20)); eight');
  const eightKB = py.runPython('small = array.array("d", bytes(8 << 10)); small');
  // Both sizes once to warm up the JIT, then measured: the cost must not depend on size.
  measure((n) => { for (let i = 0; i < n; i++) { eightKB.getBuffer().release(); eightMB.getBuffer().release(); } }, 5000);
  rows['getBuffer()+release() 8 MB'] = () => measure((n) => { for (let i = 0; i < n; i++) eightMB.getBuffer().release(); }, 5000);
  rows['getBuffer()+release() 8 KB'] = () => measure((n) => { for (let i = 0; i < n; i++) eightKB.getBuffer().release(); }, 5000);
  // Pure Python, timed inside the interpreter (ns per loop iteration / per pystone-like run).
  rows['pure-Python loop (per iteration)'] = () => py.runPython(PURE_LOOP);
  // The same with an interrupt buffer set: the cost of CPython checking it
  // (Pyodide's setInterruptBuffer; goal: within 3% of the row above).
  const interruptBuffer = new Int32Array(new SharedArrayBuffer(4));
  rows['pure-Python loop, interrupt buffer set'] = () => {
    py.setInterruptBuffer(interruptBuffer);
    try {
      return py.runPython(PURE_LOOP);
    } finally {
      py.setInterruptBuffer(undefined);
    }
  };
  rows['pystone-like workload'] = () => py.runPython(PYSTONE);
  const cleanup = () => {
    for (const p of [loopEmpty, loopCall, loopGetattr, loopPass, loopMethod, pyNoop, pyObj, pyList, bigList, toPy, eightMB,
      eightKB, loopIF, loopSS, loopCP, loopStr, pyAdd]) p.destroy();
  };
  return { rows, cleanup };
}

// Timed in Python with perf_counter_ns; the same code runs under native python3.11.
const PURE_LOOP = `
import time
${LOOP_DEF}
_best = []
for _ in range(5):
    _t = time.perf_counter_ns(); _loop(300_000); _best.append((time.perf_counter_ns() - _t) / 300_000)
sorted(_best)[2]
`;
const PYSTONE = `
import time
class _Rec:
    def __init__(self, a=0, b=0, s=""):
        self.a, self.b, self.s = a, b, s
def _proc(rec, n):
    out = []
    for i in range(n):
        r = _Rec(i, i * 2, str(i))
        if r.a % 3 == 0:
            out.append(r.s.upper())
        elif r.b > 10:
            out.append({"k": r.a, "v": [r.b, r.a]})
        else:
            out.append((r.a, r.b))
    return len(out) + sum(len(x) if isinstance(x, str) else 1 for x in out)
_best = []
for _ in range(5):
    _t = time.perf_counter_ns(); _proc(_Rec(), 20_000); _best.append(time.perf_counter_ns() - _t)
sorted(_best)[2]
`;

function native(code) {
  const r = spawnSync('/usr/bin/python3.11', ['-c', `${code}
print(${code.trim().split('\n').pop()})`], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim().split('\n').pop()) : NaN;
}

/** ns: a fresh native `python3.11 -c pass`, median of 5 (bench/startup.mjs). */
function nativeStartup() {
  return commandStartup('/usr/bin/python3.11', ['-c', 'pass']) * 1e6;
}

/** Await rows: ns per await, over many awaits in one coroutine / JS loop. */
async function awaits(py) {
  globalThis.benchResolved = Promise.resolve(1);
  const N = 20000;
  const pyAwaits = async () => {
    const t0 = process.hrtime.bigint();
    await py.runPythonAsync(`
import js
p = js.benchResolved
for _ in range(${N}):
    await p
`);
    return Number(process.hrtime.bigint() - t0) / N;
  };
  const coro = py.runPython('async def coro():\n    return 1\ncoro');
  const jsAwaits = async () => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N / 10; i++) {
      const c = coro();
      await c;
      c.destroy?.();
    }
    return Number(process.hrtime.bigint() - t0) / (N / 10);
  };
  const a = [];
  const b = [];
  for (let r = 0; r < REPS; r++) {
    a.push(await pyAwaits());
    b.push(await jsAwaits());
  }
  coro.destroy();
  return { 'Python awaits a resolved JS Promise': median(a), 'JS awaits a Python coroutine': median(b) };
}

/** A loopback HTTP server with 1 MB at /1mb, for the pyfetch row. */
const MB = 1 << 20;
const fetchServer = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': MB }).end(Buffer.alloc(MB, 7));
});
await new Promise((resolve) => fetchServer.listen(0, '127.0.0.1', resolve));
const fetchURL = `http://127.0.0.1:${/** @type {any} */ (fetchServer.address()).port}/1mb`;

/** ns per `await (await pyfetch(url)).bytes()` of 1 MB from loopback. */
async function fetchRows(py) {
  const N = 10;
  const t0 = process.hrtime.bigint();
  await py.runPythonAsync(`
from pyodide.http import pyfetch
for _ in range(${N}):
    r = await pyfetch(${JSON.stringify(fetchURL)})
    assert len(await r.bytes()) == ${MB}
`);
  return { 'pyfetch 1 MB from loopback': Number(process.hrtime.bigint() - t0) / N };
}

/**
 * Packages: each timing in a fresh runtime (a package loads once per runtime),
 * the median of 3. Pyodide can do the same offline only for a pure-Python
 * wheel by URL; the rows it cannot do have no Pyodide figure.
 */
async function packageRows() {
  const lockPath = path.join(dist, 'pyodide-lock.json');
  if (!existsSync(lockPath)) return [];  // a build without packages (ISTHMUS_DYNAMIC_LINKING=OFF)
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const sixURL = pathToFileURL(path.join(dist, lock.packages.six.file_name)).href;
  const quiet = { messageCallback: () => {}, errorCallback: () => {} };
  const timed = async (load, prepare, fn) => {
    const times = [];
    for (let r = 0; r < 3; r++) {
      const py = await load({ stdout: () => {}, stderr: () => {} });
      await prepare(py);
      const t0 = process.hrtime.bigint();
      await fn(py);
      times.push(Number(process.hrtime.bigint() - t0));
    }
    return median(times);
  };
  const none = async () => {};
  const wheelByURL = (py) => py.loadPackage(sixURL, quiet).then(() => py.runPython('import six'));
  return [
    { op: 'loadPackage C extension + import (msgpack)', isthmus: await timed(loadIsthmus, none,
      (py) => py.loadPackage('msgpack', quiet).then(() => py.runPython('import msgpack'))), pyodide: NaN },
    { op: 'loadPackage C extension + import (regex)', isthmus: await timed(loadIsthmus, none,
      (py) => py.loadPackage('regex', quiet).then(() => py.runPython('import regex'))), pyodide: NaN },
    { op: 'loadPackage(wheel URL) pure Python + import', isthmus: await timed(loadIsthmus, none, wheelByURL),
      pyodide: await timed(loadPyodide, none, wheelByURL) },
    { op: 'micropip.install(wheel URL) pure Python', isthmus: await timed(loadIsthmus,
      (py) => py.loadPackage('micropip', quiet).then(() => py.runPython('import micropip')),
      (py) => py.runPythonAsync(`import micropip\nawait micropip.install("${sixURL}")`)),
      pyodide: NaN },
  ];
}

const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');
const isthmusStart = await startup(loadIsthmus);
const pyodideStart = await startup(loadPyodide);
const isthmusImportJs = await startup(loadIsthmus, 'import js');
const pyodideImportJs = await startup(loadPyodide, 'import js');
const isthmusRt = await loadIsthmus({ stdout: () => {} });
const pyodideRt = await loadPyodide({ stdout: () => {} });
const isthmusOps = operations(isthmusRt);
const pyodideOps = operations(pyodideRt);
const samples = { isthmus: {}, pyodide: {} };
for (let round = 0; round < ROUNDS; round++) {
  for (const op of Object.keys(isthmusOps.rows)) {
    (samples.isthmus[op] ??= []).push(isthmusOps.rows[op]());
    (samples.pyodide[op] ??= []).push(pyodideOps.rows[op]());
  }
  for (const [who, rt] of [['isthmus', isthmusRt], ['pyodide', pyodideRt]]) {
    for (const [op, ns] of Object.entries(await awaits(rt))) (samples[who][op] ??= []).push(ns);
    for (const [op, ns] of Object.entries(await fetchRows(rt))) (samples[who][op] ??= []).push(ns);
  }
}
isthmusOps.cleanup();
pyodideOps.cleanup();
const isthmus = Object.fromEntries(Object.entries(samples.isthmus).map(([op, xs]) => [op, median(xs)]));
const pyodide = Object.fromEntries(Object.entries(samples.pyodide).map(([op, xs]) => [op, median(xs)]));

const nativeRows = {
  'startup to first runPython': nativeStartup(),
  'pure-Python loop (per iteration)': native(PURE_LOOP),
  'pystone-like workload': native(PYSTONE),
};
const table = [
  { op: 'startup to first runPython', isthmus: isthmusStart, pyodide: pyodideStart },
  { op: 'startup to import js done', isthmus: isthmusImportJs, pyodide: pyodideImportJs },
];
for (const op of Object.keys(isthmus)) table.push({ op, isthmus: isthmus[op], pyodide: pyodide[op] });
table.push(...await packageRows());
fetchServer.close();
const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`${os.cpus()[0].model}, ${os.cpus().length} cores; load average before the run ${loadBefore}, after ${load}`);
const head = `${'operation'.padEnd(44)} ${'Isthmus ns/op'.padStart(14)} ${'Pyodide ns/op'.padStart(14)} ${'ratio'.padStart(7)}`;
console.log(`${head} ${'native py3.11'.padStart(14)} ${'vs native'.padStart(9)}`);
for (const row of table) {
  row.ratio = row.isthmus / row.pyodide;
  const nat = nativeRows[row.op];
  if (nat !== undefined) { row.native = nat; row.vsNative = row.isthmus / nat; }
  const extra = nat === undefined ? '' : ` ${nat.toFixed(0).padStart(14)} ${row.vsNative.toFixed(2).padStart(9)}`;
  const [py, ratio] = Number.isNaN(row.pyodide) ? ['-', '-'] : [row.pyodide.toFixed(0), row.ratio.toFixed(3)];
  console.log(`${row.op.padEnd(44)} ${row.isthmus.toFixed(0).padStart(14)} ${py.padStart(14)} ${ratio.padStart(7)}${extra}`);
}
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0) {
  const machine = { cpu: os.cpus()[0].model, cores: os.cpus().length, loadBefore, loadAfter: load };
  writeFileSync(process.argv[jsonAt + 1], JSON.stringify({ machine, rows: table }, null, 2));
}
