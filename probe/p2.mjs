const { loadPyodide } = await import('pyodide');
const py = await loadPyodide({ stdout: () => {} });
const C = py.runPython('class C:\n  def __init__(self, x=3): self.x = x\nC');
const c = new C(5);
console.log(typeof c, String(c), c.x, c.type, py.ffi.PyProxy && c instanceof py.ffi.PyProxy);
const d = py.runPython('d = {"a": 1, "keys": 2, 3: 4}; d');
console.log(d.a, typeof d.keys, typeof d.get, 'a' in d, Object.keys(d), d[3], JSON.stringify(d));
d.b = 7; console.log(py.runPython('str(d)'));
delete d.a; console.log(py.runPython('str(d)'));
const o = py.runPython('class O: pass\no = O(); o.z = 1; o');
console.log(o.z, 'z' in o, Object.keys(o));
const f = py.runPython('def f(a, b=2): return a + b\nf');
console.log(f.callWithOptions.toString().slice(0, 300));
console.log(f.callPromising.toString().slice(0, 300));
try { console.log(f.callWithOptions({}, 1, 2)); } catch (e) { console.log('ERR', e.message.split('\n').pop()); }
try { console.log(f.callWithOptions({relaxed: true, kwargs: true}, 1, 5, {b: 3})); } catch (e) { console.log('ERR', e.message.split('\n').pop()); }
try { const p = f.callPromising(1, 2); console.log(p instanceof Promise, await p); } catch (e) { console.log('ERR', e.message.split('\n').pop()); }
console.log(Object.keys(py.FS.trackingDelegate), py.FS.trackingDelegate);
