// Pyodide's interrupt buffer: setInterruptBuffer / checkInterrupt. Another
// thread writes the signal number while Python runs (the last test, with
// worker_threads); the others write it from a JS function the code calls.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide, PythonError, dist } from './dist.mjs';

const SIGINT = 2;
let py;
before(async () => {
  py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  // The runner's lazy imports happen now: an interrupt would land there too.
  py.runPython('while False: pass');
});

test('a SIGINT in the buffer raises KeyboardInterrupt in running code, and is reset to 0', () => {
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  py.setInterruptBuffer(buffer);
  try {
    buffer[0] = SIGINT;
    assert.throws(() => py.runPython('while True:\n    pass'),
      (e) => e instanceof PythonError && e.type === 'KeyboardInterrupt');
    assert.equal(buffer[0], 0);
    // Written by a JS function the running code calls: it lands inside the
    // try (written before runPython, it may land in the runner's own code).
    py.globals.set('raise_signal', () => { buffer[0] = SIGINT; });
    assert.equal(py.runPython(`
n = 0
try:
    raise_signal()
    while True:
        n += 1
except KeyboardInterrupt:
    result = "caught"
result`), 'caught');
  } finally {
    py.setInterruptBuffer(undefined);
  }
});

test('a signal another thread writes between CPython\'s read of the buffer and its reset is not lost', () => {
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  py.setInterruptBuffer(buffer);
  try {
    // Python/emscripten_signal.c's check, step by step, on what it reads.
    const polled = py._module.Py_EmscriptenSignalBuffer;
    const seen = polled[0];  // CPython reads: nothing yet
    Atomics.store(buffer, 0, SIGINT);  // the other thread writes
    polled[0] = 0;  // CPython resets what it read
    assert.equal(seen, 0);
    assert.equal(Atomics.load(buffer, 0), SIGINT);
    assert.throws(() => py.runPython('while True:\n    pass'),
      (e) => e instanceof PythonError && e.type === 'KeyboardInterrupt');
    assert.equal(Atomics.load(buffer, 0), 0);
  } finally {
    py.setInterruptBuffer(undefined);
  }
});

test('checkInterrupt throws KeyboardInterrupt only when asked to', () => {
  const buffer = new Uint8Array(new SharedArrayBuffer(1));
  py.setInterruptBuffer(buffer);
  try {
    py.checkInterrupt();  // 0: nothing
    buffer[0] = SIGINT;
    assert.throws(() => py.checkInterrupt(), (e) => e instanceof PythonError && e.type === 'KeyboardInterrupt');
    assert.equal(buffer[0], 0);
    py.checkInterrupt();
    assert.equal(py.runPython('1 + 1'), 2);  // nothing left pending
  } finally {
    py.setInterruptBuffer(undefined);
  }
});

test('without a buffer nothing is read; a wrong buffer is a TypeError', () => {
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  buffer[0] = SIGINT;
  assert.equal(py.runPython('sum(i for i in range(100000))'), 4999950000);
  assert.equal(buffer[0], SIGINT);
  assert.throws(() => py.setInterruptBuffer([2]), TypeError);
  assert.throws(() => py.setInterruptBuffer(new Float64Array(1)), TypeError);
});

test('from another thread: a worker_threads Worker runs `while True`, the main thread interrupts it', async () => {
  const { Worker } = await import('node:worker_threads');
  const { pathToFileURL } = await import('node:url');
  const path = await import('node:path');
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(`
    const { workerData, parentPort } = require('node:worker_threads');
    (async () => {
      const { loadPyodide } = await import(workerData.isthmus);
      const py = await loadPyodide({ stdout: () => {} });
      py.setInterruptBuffer(workerData.buffer);
      py.registerJsModule('main', { looping: () => parentPort.postMessage('looping') });
      const r = py.runPython('import main\\ntry:\\n    main.looping()\\n    while True:\\n        pass\\nexcept KeyboardInterrupt:\\n    r = "KeyboardInterrupt"\\nr');
      parentPort.postMessage([r, py.runPython('6 * 7'), Atomics.load(workerData.buffer, 0)]);
    })().catch((e) => parentPort.postMessage(['error', String(e)]));
  `, { eval: true, workerData: { buffer, isthmus: pathToFileURL(path.join(dist, 'isthmus.mjs')).href } });
  const result = await new Promise((resolve, reject) => {
    worker.on('message', (m) => {
      if (m === 'looping') Atomics.store(buffer, 0, 2);
      else resolve(m);
    });
    worker.on('error', reject);
  });
  await worker.terminate();
  assert.deepEqual(result, ['KeyboardInterrupt', 42, 0]);
});
