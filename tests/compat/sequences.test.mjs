// A PyProxy of a Python list (or any Sequence) behaves like a JS Array, beside Pyodide.
import assert from 'node:assert/strict';
import { same, differs, plain } from './harness.mjs';

/** fn(proxy of the list made by `expr`), the proxy destroyed afterwards; its final contents too. */
function onList(expr, fn) {
  return (py) => {
    const list = py.runPython(expr);
    try {
      const result = fn(list, py);
      return { result: plain(result), after: list.toJs() };
    } finally {
      list.destroy();
    }
  };
}

same('map, filter, reduce, reduceRight, forEach', onList('[1, 2, 3, 4]', (l) => {
  const seen = [];
  l.forEach((x, i) => seen.push([x, i]));
  return [l.map((x) => x * 10), l.filter((x) => x % 2 === 0), l.reduce((a, x) => a + x), l.reduce((a, x) => a + x, 100),
    l.reduceRight((a, x) => a + String(x), ''), seen];
}));

same('join, slice, indexOf, lastIndexOf, at, includes', onList('[1, 2, 3, 2]', (l) => [
  l.join('-'), l.join(), l.slice(1, 3), l.slice(-2), l.indexOf(2), l.indexOf(2, 2), l.indexOf(9), l.lastIndexOf(2),
  l.lastIndexOf(2, 2), l.at(-1), l.at(0), l.at(10), l.includes(3), l.includes(7),
]));

same('find, findIndex, some, every, entries, keys, values', onList('[5, 6, 7]', (l) => [
  l.find((x) => x > 5), l.findIndex((x) => x > 5), l.find((x) => x > 9), l.some((x) => x > 6), l.every((x) => x > 6),
  [...l.entries()], [...l.keys()], [...l.values()],
]));

same('concat spreads the list; spreading and Array.from iterate it', onList('[1, 2]', (l) => [
  l.concat([3], 4), [0].concat(l), [...l], Array.from(l), Array.from(l, (x) => x + 1),
]));

same('JSON.stringify gives a JSON array', onList('[1, "two", None, True, 2.5]', (l) => [
  JSON.stringify(l), JSON.stringify({ nested: l }), JSON.stringify(l, null, 1),
]));

differs('JSON.stringify of a list holding a list', 'a Pyodide bug: its toJSON() is Array.from(this), whose '
  + 'iterator destroys the items it made (borrowed PyProxies) once exhausted, before JSON.stringify reads them; '
  + 'Isthmus\'s items are owned proxies',
onList('[1, [2, [3]], (4,)]', (l) => JSON.stringify(l)),
(isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, { result: '[1,[2,[3]],[4]]', after: [1, [2, [3]], [4]] });
  assert.match(pyodide.error.message, /^This borrowed proxy was automatically destroyed when an iterator was exhausted/);
});

same('push, pop, shift, unshift', onList('[1, 2, 3]', (l) => [l.push(4, 5), l.pop(), l.shift(), l.unshift(0, 0.5), l.length]));

same('pop and shift of an empty list give undefined', onList('[]', (l) => [l.pop(), l.shift(), l.length]));

same('splice removes, inserts and returns the removed items', onList('list(range(6))', (l) => [
  l.splice(1, 2), l.splice(2, 0, 'a', 'b'), l.splice(4),
]));

same('splice with a negative start that ends before the end', onList('[1, 2, 3, 4]', (l) => l.splice(-3, 2)));

differs('splice(-1, 1) removes the last item', 'a Pyodide bug: it replaces the Python slice [start:start + deleteCount], '
  + '[-1:0], which is empty, so it removes nothing; Isthmus counts from the end, as Array.prototype.splice',
onList('[1, 2, 3, 4]', (l) => l.splice(-1, 1)),
(isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, { result: [4], after: [1, 2, 3] });
  assert.deepEqual([1, 2, 3, 4].splice(-1, 1), [4]);
  assert.deepEqual(pyodide.value, { result: [], after: [1, 2, 3, 4] });
});

same('Object.keys() of a list proxy is empty (its items are not own properties)', onList('[1, 2]', (l) => Object.keys(l)));

same('sort (default order is by string), sort with a compare function, reverse', onList('[10, 9, 1, 100, 25]', (l) => {
  const a = [...l.sort()];
  const b = [...l.sort((x, y) => x - y)];
  const c = [...l.reverse()];
  return [a, b, c, l.sort() === l];
}));

same('sort puts None (undefined) last without passing it to compare', onList('[3, None, 1, None, 2]', (l) => {
  const passed = [];
  l.sort((x, y) => { passed.push(x, y); return x - y; });
  return passed.includes(undefined);
}));

same('fill and copyWithin change the list in place', onList('[1, 2, 3, 4, 5]', (l) => [
  [...l.copyWithin(0, 3)], [...l.fill(0, 3)], l.fill(7) === l,
]));

same('index keys, length and `in`', onList('[10, 20, 30]', (l) => [
  l[0], l[2], l[3], l['1'], l.length, 'length' in l, '0' in l, '2' in l, '3' in l, 'map' in l, 'push' in l,
  'append' in l, 'nope' in l,
]));

same('assigning and deleting index keys', onList('[10, 20, 30]', (l) => {
  l[1] = 21;
  delete l[0];
  return l.length;
}));

same('Object.defineProperty on the proxy, then reading it, does not break Proxy invariants', onList('[1]', (l) => {
  Object.defineProperty(l, 'x', { value: 9 });
  return [l.x, 'x' in l, Object.getOwnPropertyDescriptor(l, 'x')?.value];
}));

same('$name reaches the Python attribute a JS method shadows', onList('[1, 2, 3]', (l) => {
  const pop = l.$pop;
  try {
    return [pop(0), typeof l.pop, typeof l.$append];
  } finally {
    pop.destroy();
  }
}));

same('a tuple has the methods that read, not those that write', onList('(3, 1, 2)', (l) => [
  l.map((x) => x * 2), l.indexOf(1), JSON.stringify(l), typeof l.push, typeof l.sort, 'push' in l,
]));

same('range and other Sequences have them too', (py) => {
  const r = py.runPython('range(2, 8, 2)');
  try {
    return [r.map((x) => x + 1), r.length, r[1], JSON.stringify(r)];
  } finally {
    r.destroy();
  }
});

same('a dict is not a sequence', (py) => {
  const d = py.runPython('{"a": 1}');
  try {
    return [typeof d.map, typeof d.push, '0' in d];
  } finally {
    d.destroy();
  }
});

same('items that are Python objects come as PyProxies', onList('[{1}, [2]]', (l) => l.map((x) => x.type)));

same('a user-defined MutableSequence gets the Array methods', (py) => {
  const s = py.runPython(`
    from collections.abc import MutableSequence
    class S(MutableSequence):
        def __init__(self): self.items = [3, 1, 2]
        def __len__(self): return len(self.items)
        def __getitem__(self, i): return self.items[i]
        def __setitem__(self, i, v): self.items[i] = v
        def __delitem__(self, i): del self.items[i]
        def insert(self, i, v): self.items.insert(i, v)
    S()`);
  try {
    return [s.map((x) => x * 2), s.push(4), s.join(','), JSON.stringify(s)];
  } finally {
    s.destroy();
  }
});

same('create_proxy of a list (a JsProxy in Python, a PyProxy in JS) has the Array methods', (py) => {
  const f = py.runPython('from pyodide.ffi import create_proxy\nlambda: create_proxy([1, 2])');
  const l = f();
  try {
    return [l.map((x) => -x), JSON.stringify(l)];
  } finally {
    l.destroy();
    f.destroy();
  }
});

// ---- asJsJson: Python data used as parsed JSON --------------------------------

same('asJsJson of a dict: keys are properties, nested views, JSON.stringify', (py) => {
  const d = py.runPython('{"a": 1, "b": [1, 2, {"c": None, "d": "x"}], "n": {"x": "y"}, 3: "int key"}');
  try {
    const j = d.asJsJson();
    return [Object.keys(j), j.a, j.b.length, j.b[2].c, j.b[2].d, j.n.x, JSON.stringify(j), 'a' in j, 'zz' in j,
      j.zz === undefined, Array.isArray(j.b), j.b.map((x) => typeof x)];
  } finally {
    d.destroy();
  }
});
same('asJsJson writes through: assignment and delete change the dict', (py) => {
  const d = py.runPython('{"a": 1, "b": 2}');
  try {
    const j = d.asJsJson();
    j.a = 5;
    j.c = 'new';
    delete j.b;
    return [d.toJs({ dict_converter: Object.fromEntries }), Object.keys(j)];
  } finally {
    d.destroy();
  }
});
same('a JSON view still has the PyProxy\'s own members for names that are no key (type, toString, destroy, toJs, copy)', (py) => {
  const d = py.runPython('{"a": [1], "type": "mine"}');
  const l = py.runPython('[1, {"b": 2}]');
  const j = d.asJsJson();
  const k = l.asJsJson();
  const names = ['type', 'toString', 'destroy', 'toJs', 'copy', 'length', 'get', 'asJsJson', 'keys', 'callKwargs'];
  const r = [names.map((n) => [n, typeof j[n], typeof k[n], n in j, n in k]), j.type, k.type, String(j), String(k),
    k.toJs()[0], j.a.length, JSON.stringify(k)];
  j.destroy();
  k.destroy();
  let after;
  try {
    d.toString();
    after = 'alive';
  } catch (e) {
    after = e.constructor.name;
  }
  return [...r, after];
});
same('asJsJson of a list of dicts', (py) => {
  const l = py.runPython('[1, {"k": 2}, [3, {"z": [4]}]]');
  try {
    const j = l.asJsJson();
    return [JSON.stringify(j), j[1].k, j[2][1].z[0], j.length, Array.isArray(j)];
  } finally {
    l.destroy();
  }
});

// ---- what every PyProxy answers as a JS object ------------------------------

same('PyProxies have [Symbol.iterator] / [Symbol.asyncIterator] only where Python has the protocol; an iterator iterates as itself', async (py) => {
  const [l, o, L, it] = ['[1, 2]', 'object()', 'class L:\n    def __len__(self): return 2\nL()', 'iter([1, 2, 3])'].map((c) => py.runPython(c));
  try {
    const seen = [];
    for await (const v of l) seen.push(v);
    return [seen, Array.from(o), Array.from(L), typeof o[Symbol.iterator], typeof l[Symbol.iterator],
      typeof l[Symbol.asyncIterator], Symbol.iterator in o, Symbol.asyncIterator in l, it[Symbol.iterator]() === it,
      it.next().value, [...it]];
  } finally {
    for (const p of [l, o, L, it]) p.destroy();
  }
});

same('PyProxies have Object.prototype\'s members where Python has no such attribute, and keep Symbol-keyed properties', (py) => {
  const o = py.runPython('object()');
  const d = py.runPython('{"a": 1}');
  try {
    const s = Symbol('z');
    o[s] = 3;
    // eslint-disable-next-line no-prototype-builtins -- the member itself is what is tested
    const own = o.hasOwnProperty('x');
    return [typeof o.hasOwnProperty, own, typeof d.valueOf, 'hasOwnProperty' in o,
      Object.getPrototypeOf(o) === o.__proto__, o[s], s in o, delete o[s], o[s]];
  } finally {
    o.destroy();
    d.destroy();
  }
});

same('PyProxy.toJs({ eager_converter }) is asked about every value first, as to_js(eager_converter=)', (py) => {
  const x = py.runPython('[[1], {"a": 2}, 5, "s"]');
  try {
    return x.toJs({ eager_converter: (v, convert) => (v?.type === 'dict' ? 'D' : convert(v)) });
  } finally {
    x.destroy();
  }
});

same('slice assignment to a JS array fails with list\'s own errors', (py) => plain(py.runPython(`
from pyodide.ffi import to_js
def errors(target):
    out = []
    for key, value in [(slice(0, 4, 2), [1, 2, 3, 4]), (slice(0, 4, 2), []), (slice(None), 1), (slice(None, None, 2), 1)]:
        try:
            target[key] = value
            out.append("no error")
        except (TypeError, ValueError) as e:
            out.append(f"{type(e).__name__}: {e}")
    return out
errors(list(range(10))) == errors(to_js(list(range(10))))`)));

same('JsArray.remove / index: a list PyProxy stored in the array matches; one destroyed since (a borrowed argument) matches nothing', (py) => plain(py.runPython(`
from pyodide.code import run_js
from pyodide.ffi import create_proxy
a = run_js("[5, 7, 9, -1, 3, 5]")
a.remove(5)
r = [a.to_py()]
try:
    a.remove(78)
except ValueError as e:
    r.append(str(e))
p = create_proxy([], roundtrip=False)
a.append(p)
a.remove([])
p.destroy()
a.push([])
try:
    a.remove([])
except ValueError as e:
    r.append(str(e))
r += [a.index(9), a.index(5, -3), len(a)]
r`)));
