const { loadPyodide } = await import('pyodide');
const py = await loadPyodide({ stdout: () => {} });
const f = py.runPython('def f(a, b=2): return a + b\nf');
let p; try { p = f.callPromising(1, 2); console.log('returned', p instanceof Promise); } catch (e) { console.log('sync throw', e.constructor.name, e.message); }
if (p) await p.catch(e => console.log('rejected', e.constructor.name, e.message));
try { f.callWithOptions({kwargs: true}, 1, 2); } catch (e) { console.log(e.constructor.name, e.message); }
try { f.callWithOptions({kwargs: true}); } catch (e) { console.log(e.constructor.name, e.message); }
try { console.log(f.callWithOptions({relaxed: true}, 1, 2, 3, 4)); } catch (e) { console.log(e.constructor.name, e.message); }
try { console.log(f.callWithOptions(undefined, 1)); } catch (e) { console.log(e.constructor.name, e.message); }
try { const q = f.callWithOptions({promising: true}, 1); console.log("prom returned", q instanceof Promise); await q.catch(e=>console.log("prom rejected", e.message)); } catch (e) { console.log("prom", e.constructor.name, e.message); }
const g = py.runPython('def g(**kw): return str(kw)\ng');
console.log(g.callWithOptions({kwargs: true}, {a: 1}));
