// to_js of Python buffers on Isthmus beside the npm `pyodide` package (the
// reference): the same memoryview snippets (what NumPy arrays take too, and
// what the reference can run offline) give the same JS values or both raise.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide as loadIsthmus } from './dist.mjs';

const { loadPyodide } = await import('pyodide');
const runtimes = {};
before(async () => {
  runtimes.isthmus = await loadIsthmus({ stdout: () => {}, stderr: () => {} });
  runtimes.pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
});

const SNIPPETS = {
  'bool: an Array of booleans': "memoryview(array.array('b', [1, 0, 2])).cast('B').cast('?')",
  '2-d float64: nested TypedArrays': "memoryview(array.array('d', range(6))).cast('B').cast('d', [2, 3])",
  'reversed float64': "memoryview(array.array('d', range(6)))[::-2]",
  'int64: BigInt64Array': "memoryview(array.array('q', [1, -2, 3]))",
  'uint8 of bytes': "memoryview(b'abc')",
};

for (const [name, expr] of Object.entries(SNIPPETS)) {
  test(`to_js(${name}) as the reference`, () => {
    const [isthmus, pyodide] = ['isthmus', 'pyodide'].map((who) =>
      runtimes[who].runPython(`import array\nfrom pyodide.ffi import to_js\nto_js(${expr})`));
    assert.deepEqual(isthmus, pyodide);
  });
}

