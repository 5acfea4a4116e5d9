// os._exit() inside runPython, each runtime loaded fresh for it: Pyodide's
// instance is unusable afterwards.
import assert from 'node:assert/strict';
import { loadPyodide as loadIsthmus } from '../js/dist.mjs';
import { differs } from './harness.mjs';

const { loadPyodide: loadReference } = await import('pyodide');

differs('os._exit(n) throws Pyodide\'s Exit error with the status', 'the Isthmus runtime keeps working after it; Pyodide\'s has exited', async (_py, who) => {
  const py = await (who === 'isthmus' ? loadIsthmus : loadReference)({ stdout: () => {}, stderr: () => {} });
  let thrown;
  try {
    py.runPython('import os\ndef f():\n    os._exit(3)\nf()');
  } catch (e) {
    thrown = [String(e), e.status, e instanceof Error];
  }
  process.exitCode = undefined;  // (Pyodide's Emscripten sets node's exit code)
  let after;
  try {
    after = py.runPython('1 + 1');
  } catch (e) {
    after = e.message;
  }
  return [thrown, after];
}, (isthmus, pyodide) => {
  assert.deepEqual(isthmus.value[0], ['Exit: Program terminated with exit(3)', 3, true]);
  assert.deepEqual(pyodide.value[0].slice(0, 2), isthmus.value[0].slice(0, 2));
  assert.equal(isthmus.value[1], 2);
  assert.match(pyodide.value[1], /already exited/);
});
