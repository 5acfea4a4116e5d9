import { loadPyodide } from '../dist/isthmus.mjs';
const py = await loadPyodide();
console.log(py.runPython(`
import dbm, dbm.gnu, dbm.ndbm
with dbm.open("/tmp/x.db", "c") as d:
    d[b"a"] = b"1"
    d["b"] = "2"
with dbm.gnu.open("/tmp/g.db", "c") as g:
    g[b"k"] = b"v"
with dbm.ndbm.open("/tmp/n", "c") as n:
    n[b"k"] = b"v"
with dbm.open("/tmp/x.db") as d:
    r = sorted(d.keys())
str([r, dbm.whichdb("/tmp/x.db"), dbm.whichdb("/tmp/n"), dbm.ndbm.library])`));
