import { loadPyodide } from '../dist/isthmus.mjs';
const py = await loadPyodide();
console.log(py.runPython(`
from pyodide.code import run_js
import _isthmus_js
from _isthmus import jsproxy_views
orig = jsproxy_views.has_dunder
log = []
def spy(p, n):
    r = orig(p, n)
    log.append((type(p).__name__, n, r))
    return r
jsproxy_views.has_dunder = spy
a = run_js("[1, 2]")
r = [hasattr(a, "__len__"), hasattr(a, "__iter__"), hasattr(run_js("new Map()"), "__len__")]
str([r, log])`));
