const { loadPyodide } = await import('../dist/isthmus.mjs');
const py = await loadPyodide({ stdout: () => {} });
const d = py.runPython('d = {"3": "s3", 3: "i3", "x": 1, "get": 5, (1,2): 0}; d');
console.log(d[3], d['3'], d.x, typeof d.get, d.missing, 'missing' in d, 'x' in d, '3' in d, 'get' in d, 'items' in d);
console.log(Object.keys(d), Reflect.ownKeys(d), Object.getOwnPropertyDescriptor(d, 'x'), Object.getOwnPropertyDescriptor(d, 'items'));
console.log(JSON.stringify(d), Object.entries(d).length);
try { d.y = 2; d.items = 3; } catch (e) { console.log("set ERR", String(e.message).slice(0,200)); } console.log(py.runPython('str(d)'));
try { delete d.missing; console.log('del ok'); } catch (e) { console.log('del ERR', e.message); }
console.log(delete d.x, py.runPython('str(d)'));
class K {} ; const sub = py.runPython('class D(dict): pass\nD(a=1)'); console.log('subclass', sub.a, JSON.stringify(sub));
const od = py.runPython('import collections; collections.OrderedDict(a=1)'); console.log('od', od.a, JSON.stringify(od));
const m = py.runPython('import types; types.MappingProxyType({"a":1})'); console.log('mp', m.a, JSON.stringify(m));
console.log(py.ffi.PyDict && d instanceof py.ffi.PyDict, py.ffi.PyDict && sub instanceof py.ffi.PyDict, py.ffi.PyDict && od instanceof py.ffi.PyDict);
