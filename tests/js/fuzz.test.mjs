// The bridge fuzz (tests/fuzz/fuzz.mjs): ~20,000 random operations with
// random JS and Python values, a new seed each run. Every throw must be an
// Error with a message (an Exception with a message in Python), the runtime
// must keep answering, and once everything is destroyed and collected the
// leak counters (_liveCounts) must be back at their start.
//   Replay a failure: ISTHMUS_FUZZ_SEED=<the printed seed> node --expose-gc --test tests/js/fuzz.test.mjs
//   More or fewer operations: ISTHMUS_FUZZ_OPS=<n>
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide } from './dist.mjs';
import { runFuzz, countsAtRest } from '../fuzz/fuzz.mjs';

const seed = Number(process.env.ISTHMUS_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ops = Number(process.env.ISTHMUS_FUZZ_OPS ?? 20000);
/**
 * Bound on the growth of the wasm heap's in-use bytes over the run. Python's
 * allocator takes 256 KiB arenas from malloc (emscripten's mmap) and keeps
 * some that a long-lived object pins, so the heap does not come back to the
 * byte: it grows to a plateau (+1-1.6 MB after 20,000 ops, +3.2 MB flat from
 * 150,000 to 1e6 in tools/soak.sh). A leak of 300 bytes per op passes it.
 */
const HEAP_SLACK = 6 * 1024 * 1024;

test(`fuzz: ${ops} random bridge operations (seed ${seed})`, async (t) => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');
  console.log(`fuzz seed ${seed} (replay: ISTHMUS_FUZZ_SEED=${seed})`);
  t.diagnostic(`seed ${seed}`);
  const py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  // A short warm-up with another seed: the first use of asyncio, the
  // converters and the lazily made API functions keep state that is no leak.
  await runFuzz(py, { seed: seed ^ 0x5bd1e995, ops: 2000 });
  const before = await countsAtRest(py);
  const started = Date.now();
  const result = await runFuzz(py, { seed, ops });
  const after = await countsAtRest(py);
  t.diagnostic(`${result.opsRun} ops in ${Date.now() - started} ms, ${result.throws} threw; counts before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
  assert.deepEqual(result.failures, [], `seed ${seed}:\n${result.failures.join('\n')}`);
  assert.equal(result.opsRun, ops);
  assert.deepEqual(
    { handles: after.handles, pyproxies: after.pyproxies, bufferViews: after.bufferViews },
    { handles: before.handles, pyproxies: before.pyproxies, bufferViews: before.bufferViews },
    `seed ${seed}: JS handles, PyProxies and buffer views are back at their start`);
  assert.ok(after.heapBytes - before.heapBytes <= HEAP_SLACK,
    `seed ${seed}: the wasm heap grew by ${after.heapBytes - before.heapBytes} bytes`);
  // And it still works.
  assert.equal(py.runPython('sum(range(10))'), 45);
});
