import { loadPyodide as loadIsthmus } from '../dist/isthmus.mjs';
const { loadPyodide: loadRef } = await import('pyodide');
const cases = {
  dunder: `
from pyodide.code import run_js
o = run_js("({a: 1})"); a = run_js("[1,2]"); m = run_js("new Map()"); f = run_js("(() => 1)")
str([hasattr(o, '__len__'), hasattr(a, '__len__'), hasattr(m, '__len__'), hasattr(o, '__iter__'), hasattr(a, '__iter__'),
 hasattr(o, '__getitem__'), hasattr(a, '__getitem__'), hasattr(f, '__call__'), hasattr(o, '__call__'), hasattr(o, '__contains__'), hasattr(m, '__contains__'),
 hasattr(o, 'then'), hasattr(o, '__await__'), hasattr(run_js("Promise.resolve(1)"), '__await__'), hasattr(o, '__next__'), hasattr(o,'__bool__')])`,
  genthrow: `
from pyodide.code import run_js
g = run_js("(function*(){ try { yield 1; yield 2 } catch (e) { yield 'caught ' + e.message } return 7 })()")
r = [next(g)]
r.append(g.throw(Exception("boom")))
try:
    next(g)
except StopIteration as e:
    r.append(('stop', e.value))
g2 = run_js("(function*(){ yield 1; return 9 })()")
r.append(list(g2))
g3 = run_js("(function*(){ const x = yield 1; return x * 2 })()")
next(g3)
try:
    g3.send(21)
except StopIteration as e:
    r.append(('stop', e.value))
str(r)`,
  unwrap: `
from pyodide.ffi import create_proxy
o = object()
p = create_proxy(o)
r = [p.unwrap() is o, type(p).__name__]
p.destroy()
str(r)`,
  jsexc: `
from pyodide.ffi import JsException
e = JsException("TypeError", "bad thing")
str([type(e).__name__, e.name, e.message, str(e), repr(e.js_error)[:40]])`,
  jsexc1: `
from pyodide.ffi import JsException
try:
  e = JsException("just message")
  r = [e.name, e.message, str(e)]
except Exception as x:
  r = repr(x)
str(r)`,
};
const jsCases = {
  newClass: (py) => { const C = py.runPython('class C:\n  def __init__(self, x=3): self.x = x\nC'); const c = new C(5); return [c.x, c.type]; },
  callWithOptions: (py) => { const f = py.runPython('def f(a, b=2): return a + b\nf'); return [typeof f.callWithOptions, typeof f.callPromising, typeof f.callSyncifying]; },
  callWO: (py) => { const f = py.runPython('def f(a, b=2): return a + b\nf'); return f.callWithOptions({relaxed: true}, 1, 2, 3); },
  callWOkw: (py) => { const f = py.runPython('def f(a, b=2): return a + b\nf'); return f.callWithOptions({kwargs: true}, 1, {b: 10}); },
  tracking: (py) => typeof py.FS.trackingDelegate,
  dictKeys: (py) => { const d = py.runPython('{"a": 1}'); return [d.a, d.get('a'), 'a' in d]; },
};
for (const [who, load] of [['isthmus', loadIsthmus], ['pyodide', loadRef]]) {
  const py = await load({ stdout: () => {} });
  for (const [k, c] of Object.entries(cases)) {
    try { console.log(who, k, py.runPython(c)); } catch (e) { console.log(who, k, 'ERR', String(e.message).trim().split('\n').pop()); }
  }
  for (const [k, f] of Object.entries(jsCases)) {
    try { console.log(who, k, JSON.stringify(f(py))); } catch (e) { console.log(who, k, 'ERR', e.constructor.name, String(e.message).trim().split('\n').pop()); }
  }
}
