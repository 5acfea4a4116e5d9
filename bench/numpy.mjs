// NumPy inside Isthmus beside the same NumPy natively (host CPython 3.11),
// and the zero-copy paths beside their physical limit (a JS copy of the
// same bytes).
// Usage: node bench/numpy.mjs <native python> [--json out.json]
//   (tools/bench.sh passes the cached native venv's python; build first)
import path from 'node:path';
import os from 'node:os';
import { writeFileSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.ISTHMUS_DIST ?? path.join(root, 'dist');
const nativePython = process.argv[2];
const { loadPyodide } = await import(pathToFileURL(path.join(dist, 'isthmus.mjs')).href);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const hr = () => process.hrtime.bigint();

/** Median ns of fn() over `reps` runs after one warm-up. */
function time(fn, reps = 7) {
  fn();
  const ts = [];
  for (let r = 0; r < reps; r++) {
    const t0 = hr();
    fn();
    ts.push(Number(hr() - t0));
  }
  return median(ts);
}

// NumPy work, timed inside Python (perf_counter_ns, median of 5) so the same
// code runs natively. Each entry: setup, statement.
const WORK = {
  'a @ b (300x300 float64)': ['a = rng.random((300, 300)); b = rng.random((300, 300))', 'a @ b'],
  'np.sum of 1e7 float64': ['a = rng.random(10_000_000)', 'np.sum(a)'],
  'np.fft.fft of 2^20': ['a = rng.random(2**20)', 'np.fft.fft(a)'],
  'np.sort of 1e6 float64': ['a = rng.random(1_000_000)', 'np.sort(a)'],
  'a * b + c on 1e6 float64': ['a, b, c = rng.random((3, 1_000_000))', 'a * b + c'],
};
const timedPython = (setup, stmt) => `
import time, numpy as np
rng = np.random.default_rng(1)
${setup}
_ts = []
for _ in range(5):
    _t = time.perf_counter_ns(); ${stmt}; _ts.append(time.perf_counter_ns() - _t)
sorted(_ts)[2]
`;

function native(code) {
  const r = spawnSync(nativePython, ['-c', `${code}\nprint(${code.trim().split('\n').pop()})`],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`native python failed: ${r.stderr}`);
  return Number(r.stdout.trim().split('\n').pop());
}

const importCode = 'import time, sys\n_t = time.perf_counter_ns()\nimport numpy\ntime.perf_counter_ns() - _t';
/** import numpy in fresh runtimes (after loadPackage, so only the import is timed). */
async function isthmusImport() {
  const ts = [];
  for (let r = 0; r < 3; r++) {
    const py = await loadPyodide({ stdout: () => {} });
    await py.loadPackage('numpy', { messageCallback: () => {} });
    ts.push(py.runPython(importCode));
  }
  return median(ts);
}
async function isthmusLoadPackage() {
  const ts = [];
  for (let r = 0; r < 3; r++) {
    const py = await loadPyodide({ stdout: () => {} });
    const t0 = hr();
    await py.loadPackage('numpy', { messageCallback: () => {} });
    py.runPython('import numpy');
    ts.push(Number(hr() - t0));
  }
  return median(ts);
}
function nativeImport() {
  return median([0, 1, 2].map(() => native(importCode)));
}

const rows = [];
const py = await loadPyodide({ stdout: () => {} });
await py.loadPackage('numpy', { messageCallback: () => {} });

// Zero-copy paths against the physical limit: the same bytes copied in JS,
// into a new TypedArray (what to_js makes) or into an existing one.
const arr = py.runPython('import numpy as np\nbig = np.arange(1_000_000, dtype=np.float64); big');
const small = py.runPython('np.arange(1_000, dtype=np.float64)');
const src = new Float64Array(1_000_000).fill(1.5);
const dst = new Float64Array(1_000_000);
const sliceLimit = time(() => src.slice());
const setLimit = time(() => dst.set(src));
// Both sizes alternately, so that warm-up and the machine's drift hit both alike.
const gbSmall = [];
const gbBig = [];
for (let r = 0; r < 5; r++) {
  gbSmall.push(time(() => { for (let i = 0; i < 1000; i++) small.getBuffer().release(); }, 3) / 1000);
  gbBig.push(time(() => { for (let i = 0; i < 1000; i++) arr.getBuffer().release(); }, 3) / 1000);
}
rows.push({ op: 'getBuffer()+release() 1e6 float64 ndarray', isthmus: median(gbBig), reference: median(gbSmall),
  refName: 'the same for 1e3 elements' });
const toJs = py.runPython('from pyodide.ffi import to_js\nlambda: to_js(big)');
rows.push({ op: 'to_js of 1e6 float64 ndarray', isthmus: time(() => toJs()), reference: sliceLimit,
  refName: 'Float64Array(1e6).slice() in JS' });
const toNumpy = py.runPython('lambda x: np.asarray(x)');
rows.push({ op: 'Float64Array(1e6) -> ndarray (np.asarray)', isthmus: time(() => toNumpy(src).destroy()),
  reference: setLimit, refName: 'Float64Array.set of 1e6 in JS' });
for (const p of [arr, small, toJs, toNumpy]) p.destroy();

for (const [op, [setup, stmt]] of Object.entries(WORK)) {
  const code = timedPython(setup, stmt);
  rows.push({ op, isthmus: py.runPython(code), reference: native(code), refName: 'native NumPy' });
}
rows.push({ op: 'import numpy (after loadPackage)', isthmus: await isthmusImport(), reference: nativeImport(),
  refName: 'native NumPy' });
rows.push({ op: 'loadPackage("numpy") + import (node, file)', isthmus: await isthmusLoadPackage(), reference: NaN,
  refName: '' });

const lock = JSON.parse(readFileSync(path.join(dist, 'pyodide-lock.json'), 'utf8'));
const wheel = lock.packages.numpy.file_name;
const size = statSync(path.join(dist, wheel)).size;
const probe = py.runPython("import numpy as np; str(np.show_config(mode='dicts').get('SIMD Extensions', 'none'))");

console.log(`${os.cpus()[0].model}, ${os.cpus().length} cores; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`NumPy ${py.runPython('np.__version__')} wheel ${wheel}: ${(size / 1e6).toFixed(2)} MB; SIMD extensions: ${probe}`);
console.log(`${'operation'.padEnd(44)} ${'Isthmus ns'.padStart(13)} ${'reference ns'.padStart(13)} ${'ratio'.padStart(7)}  reference`);
for (const r of rows) {
  r.ratio = r.isthmus / r.reference;
  const ref = Number.isNaN(r.reference) ? '-' : r.reference.toFixed(0);
  const ratio = Number.isNaN(r.ratio) ? '-' : r.ratio.toFixed(2);
  console.log(`${r.op.padEnd(44)} ${r.isthmus.toFixed(0).padStart(13)} ${ref.padStart(13)} ${ratio.padStart(7)}  ${r.refName}`);
}
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1], JSON.stringify({ wheel, size, rows }, null, 2));
