// Two builds of dist/ side by side in one node process, alternating round by
// round (this machine's speed drifts by tens of percent): start-up, pure
// Python and the call rows, as medians of the rounds and the ratio B / A.
// Usage: node bench/ab.mjs <dist A> <dist B> [rounds]
import path from 'node:path';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { LOOP_DEF } from './workloads.mjs';

const [distA, distB] = process.argv.slice(2, 4).map((d) => path.resolve(d));
const ROUNDS = Number(process.argv[4] ?? 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint());

const LOOP = `
${LOOP_DEF}
def _pystone(n):
    class R:
        def __init__(self, a, b, s): self.a, self.b, self.s = a, b, s
    out = []
    for i in range(n):
        r = R(i, i * 2, str(i))
        out.append(r.s.upper() if r.a % 3 == 0 else {"k": r.a, "v": [r.b, r.a]} if r.b > 10 else (r.a, r.b))
    return len(out)
def noop(): pass
def add(a, b): return a
def loop_call(n, f):
    for _ in range(n): f()
def loop_empty(n):
    for _ in range(n): pass
`;

async function setup(dist) {
  const { loadPyodide } = await import(pathToFileURL(path.join(dist, 'isthmus.mjs')).href);
  const py = await loadPyodide({ stdout: () => {} });
  py.runPython(LOOP);
  const g = (n) => py.globals.get(n);
  const [loop, pystone, noop, add, loopCall, loopEmpty] = ['_loop', '_pystone', 'noop', 'add', 'loop_call', 'loop_empty'].map(g);
  const jsNoop = () => {};
  const time = (fn, n) => { const t0 = now(); fn(n); return (now() - t0) / n; };
  return {
    'startup (loadPyodide + runPython)': async () => {
      const t0 = now();
      (await loadPyodide({ stdout: () => {} })).runPython('1');
      return now() - t0;
    },
    'pure-Python loop (per iteration)': () => time((n) => loop(n), 300_000),
    'pystone-like (per record)': () => time((n) => pystone(n), 20_000),
    'js->py f()': () => time((n) => { for (let i = 0; i < n; i++) noop(); }, 100_000),
    'js->py f(int, float)': () => time((n) => { for (let i = 0; i < n; i++) add(1, 2.5); }, 100_000),
    'py->js f()': () => time((n) => loopCall(n, jsNoop), 100_000) - time((n) => loopEmpty(n), 100_000),
  };
}

const a = await setup(distA);
const b = await setup(distB);
const samples = { a: {}, b: {} };
for (let r = 0; r < ROUNDS; r++) {
  for (const op of Object.keys(a)) {
    for (const [who, rows] of r % 2 ? [['b', b], ['a', a]] : [['a', a], ['b', b]]) {
      (samples[who][op] ??= []).push(await rows[op]());
    }
  }
}
console.log(`A = ${distA}\nB = ${distB}\n${ROUNDS} alternating rounds; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`${'operation'.padEnd(36)} ${'A ns'.padStart(12)} ${'B ns'.padStart(12)} ${'B/A'.padStart(6)}`);
for (const op of Object.keys(a)) {
  const [x, y] = [median(samples.a[op]), median(samples.b[op])];
  console.log(`${op.padEnd(36)} ${x.toFixed(0).padStart(12)} ${y.toFixed(0).padStart(12)} ${(y / x).toFixed(3).padStart(6)}`);
}
