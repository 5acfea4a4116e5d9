// Two interpreters in one JS realm: a PyProxy belongs to the interpreter
// that made it, and in another one it is an ordinary JS object.
import { loadPyodide as loadIsthmus } from '../js/dist.mjs';
import { same, plain } from './harness.mjs';

const { loadPyodide: loadReference } = await import('pyodide');
/** @type {Record<string, any>} */
const second = {};
const secondOf = async (who) => (second[who] ??= await (who === 'isthmus' ? loadIsthmus : loadReference)());

same("another interpreter's PyProxy crosses as a JS object (toJs(), calls, attributes)", async (py, who) => {
  const py2 = await secondOf(who);
  const d2 = py2.runPython("{'a': 2}");
  const f2 = py2.runPython('lambda x: x * 3');
  py.globals.set('d2', d2);
  py.globals.set('f2', f2);
  try {
    return plain(py.runPython(`
from pyodide.ffi import JsProxy
[d2.toJs().to_py(), f2(5), isinstance(d2, JsProxy), d2.type, len(d2)]
`));
  } finally {
    py.globals.delete('d2');
    py.globals.delete('f2');
    d2.destroy();
    f2.destroy();
  }
});

same("a Python object returned to another interpreter is its PyProxy there", async (py, who) => {
  const py2 = await secondOf(who);
  const g = py.runPython('lambda: [1, 2]');
  py2.globals.set('g', g);
  try {
    return plain(py2.runPython('r = g(); [type(r).__name__, r.toJs().to_py()]'));
  } finally {
    py2.globals.delete('g');
    g.destroy();
  }
});
