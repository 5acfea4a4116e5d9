const which = process.argv[2];
const { loadPyodide } = await import(which === 'pyodide' ? 'pyodide' : '../dist/isthmus.mjs');
const py = await loadPyodide({ stdout: () => {} });
console.log(py.runPython(`
from pyodide.code import run_js
values = {
    "string object": run_js("new String('ab')"),
    "async generator": run_js("(async function*(){})()"),
}
dunders = ["__len__", "__iter__", "__next__", "__aiter__", "__anext__", "__await__", "__getitem__", "__contains__"]
str({name: [d for d in dunders if hasattr(v, d)] for name, v in values.items()})`));
console.log(py.runPython(`
from pyodide.ffi import JsException
g = run_js("(function*(){ try { yield 1 } catch (e) { yield [e instanceof RangeError, e.message, e.name, e.constructor.name] } })()")
next(g)
str(list(g.throw(JsException("RangeError", "far"))))`));
