import { loadPyodide } from '../dist/isthmus.mjs';
const py = await loadPyodide();
console.log(py.runPython(`
from pyodide.ffi import JsException
import _isthmus._core as c
str([hex(id(JsException)), JsException.__new__, JsException.__dict__.get("__new__")])`));
