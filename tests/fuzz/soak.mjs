// The soak run for before releases: the bridge fuzz (fuzz.mjs) for a million
// operations (or argv[2]) in rounds of 50,000, each with its own seed, on one
// runtime. After every round it prints the live counts at rest (JS handles,
// PyProxies, buffer views, wasm heap bytes), so a slow leak shows as a trend;
// it fails on any fuzz failure or when a count other than the heap ends above
// its start.
//   node --expose-gc tests/fuzz/soak.mjs [ops] [seed]     (after tools/build.sh)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runFuzz, countsAtRest } from './fuzz.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('soak: run with node --expose-gc');
  process.exit(2);
}
const dist = process.env.ISTHMUS_DIST ?? path.resolve('dist');
const { loadPyodide } = await import(pathToFileURL(path.join(dist, 'isthmus.mjs')).href);

const total = Number(process.argv[2] ?? 1e6);
const firstSeed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));
const ROUND = 50_000;

const py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
await runFuzz(py, { seed: firstSeed ^ 0x5bd1e995, ops: 2000 });  // warm-up, as the test
const start = await countsAtRest(py);
const t0 = Date.now();
console.log(`soak: ${total} ops from seed ${firstSeed} (round r uses seed ${firstSeed} + r)`);
console.log('round      ops   seconds  throws  handles  pyproxies  bufferViews  heapBytes');
const row = (round, done, throws, c) => console.log(
  `${String(round).padStart(5)} ${String(done).padStart(8)} ${((Date.now() - t0) / 1000).toFixed(1).padStart(9)} ${String(throws).padStart(7)}` +
  ` ${String(c.handles).padStart(8)} ${String(c.pyproxies).padStart(10)} ${String(c.bufferViews).padStart(12)} ${String(c.heapBytes).padStart(10)}`);
row(0, 0, 0, start);

let done = 0;
let failures = [];
for (let round = 1; done < total; round++) {
  const ops = Math.min(ROUND, total - done);
  const seed = firstSeed + round;
  const r = await runFuzz(py, { seed, ops });
  done += r.opsRun;
  row(round, done, r.throws, await countsAtRest(py));
  if (r.failures.length) {
    failures = failures.concat(r.failures.map((f) => `seed ${seed}: ${f}`));
    break;
  }
}
const end = await countsAtRest(py);
const leaked = ['handles', 'pyproxies', 'bufferViews'].filter((k) => end[k] !== start[k]);
console.log(`heap: ${start.heapBytes} -> ${end.heapBytes} bytes (${end.heapBytes - start.heapBytes >= 0 ? '+' : ''}${end.heapBytes - start.heapBytes})`);
if (failures.length || leaked.length) {
  for (const f of failures.slice(0, 20)) console.log(f);
  if (leaked.length) console.log(`leaked: ${leaked.map((k) => `${k} ${start[k]} -> ${end[k]}`).join(', ')}`);
  console.log(`soak: FAILED after ${done} ops`);
  process.exit(1);
}
console.log(`soak: ${done} ops passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
