// Pyodide's interrupt buffer: setInterruptBuffer / checkInterrupt. Another
// thread would write the signal number while Python runs; here it is written
// before, which CPython reads the same way (every few bytecodes).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide, PythonError } from './dist.mjs';

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
