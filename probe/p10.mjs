const which = process.argv[2];
const { loadPyodide } = await import(which === 'pyodide' ? 'pyodide' : '../dist/isthmus.mjs');
const py = await loadPyodide({ stdout: () => {} });
console.log(py.runPython(`
from pyodide.code import run_js
o = run_js("({a: 1})")
names = ["bind_sig", "as_object_map", "as_py_json", "to_weakref", "object_entries", "object_keys", "object_values", "typeof", "js_id", "to_py", "new", "to_string", "to_bytes", "to_memoryview", "to_file", "from_file", "_into_file", "extend", "count", "index", "then", "catch_", "finally_"]
str([n for n in names if not hasattr(o, n)])`));
console.log(py.runPython(`
from pyodide.code import run_js
a = run_js("[1]"); b = run_js("new Uint8Array(2)"); p = run_js("Promise.resolve(1)"); f = run_js("(function(){})")
str([[n for n in ["extend","count","index","pop","insert","remove","reverse","append"] if not hasattr(a, n)],
 [n for n in ["to_bytes","to_memoryview","to_file","from_file","_into_file","assign","assign_to","to_string"] if not hasattr(b, n)],
 [n for n in ["then","catch_","finally_"] if not hasattr(p, n)],
 [n for n in ["bind_sig","callKwargs","new","bind_class"] if not hasattr(f, n)]])`));
