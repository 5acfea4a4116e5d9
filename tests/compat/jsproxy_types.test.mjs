// pyodide.ffi's JsProxy type family (isinstance) and JsArray's list methods, beside Pyodide.
import assert from 'node:assert/strict';
import { same, differs } from './harness.mjs';

// The classes whose isinstance() Pyodide decides from the JS value. (For
// JsWeakRef, JsDomElement, JsFetchResponse and JsOnceCallable Pyodide 314
// answers True for every JsProxy: see the `differs` case at the end.)
const FAMILY = ['JsProxy', 'JsArray', 'JsMap', 'JsMutableMap', 'JsPromise', 'JsCallable', 'JsTypedArray',
  'JsBuffer', 'JsIterable', 'JsIterator', 'JsAsyncIterable', 'JsAsyncIterator', 'JsGenerator',
  'JsAsyncGenerator', 'JsDoubleProxy'];

/** For each JS expression: the family classes isinstance() says it belongs to. */
function classify(...expressions) {
  return (py) => {
    const f = py.runPython(`
import pyodide.ffi as ffi
def f(values, names):
    return [" ".join(n for n in names if isinstance(v, getattr(ffi, n))) for v in values]
f`);
    try {
      const values = expressions.map((e) => Function(`return (${e});`)());
      return f(values, FAMILY).toJs();
    } finally {
      f.destroy();
    }
  };
}

same('isinstance: arrays, maps, promises, functions', classify(
  '[1, 2]', 'new Map([[1, 2]])', '({ get() {}, has() {}, size: 0 })', 'Promise.resolve(1)', '(() => 1)', '({})'));
same('isinstance: binary data', classify(
  'new Uint8Array(2)', 'new ArrayBuffer(2)', 'new DataView(new ArrayBuffer(2))', 'new Float64Array(1)'));
same('isinstance: iterables, iterators, generators', classify(
  'new Set([1])', '[1][Symbol.iterator]()', '(function* () { yield 1; })()', '(async function* () { yield 1; })()',
  '({ [Symbol.asyncIterator]() { return this; }, next() {} })'));
same('isinstance: JsNull and JsException', (py) => py.runPython(`
from pyodide.ffi import jsnull, JsNull, JsException, JsProxy
import js
try:
    js.JSON.parse("{")
except JsException as e:
    err = e
[isinstance(jsnull, JsNull), isinstance(err, JsProxy), isinstance(1, JsProxy)]
`).toJs());
same('create_once_callable gives a JsOnceCallable', (py) => py.runPython(`
from pyodide.ffi import create_once_callable, JsOnceCallable, JsCallable
f = create_once_callable(lambda: 1)
r = [isinstance(f, JsOnceCallable), isinstance(f, JsCallable), f()]
r
`).toJs());
same('JsArray has the list methods', (py) => py.runPython(`
import js
a = js.Array.of(3, 1, 2)
a.append(4)
a.extend([5, 6])
a.insert(0, 0)
a.insert(-1, 9)
a.remove(1)
[list(a), a.index(2), a.count(9), a.pop()]
`).toJs());
same('JsArray.remove of a missing value is ValueError', (py) => py.runPython(`
import js
a = js.Array.of(1)
try:
    a.remove(7)
except ValueError:
    r = "ValueError"
r
`));

differs('isinstance of JsWeakRef, JsDomElement, JsFetchResponse and JsOnceCallable',
  'Pyodide 314 says True for any JsProxy; Isthmus asks the JS value (WeakRef, Element, Response, made by create_once_callable)',
  (py) => py.runPython(`
import js
from pyodide.ffi import JsWeakRef, JsDomElement, JsFetchResponse, JsOnceCallable
plain = js.Object.new()
ref = js.WeakRef.new(plain)
[isinstance(plain, JsWeakRef), isinstance(ref, JsWeakRef), isinstance(plain, JsDomElement),
 isinstance(plain, JsFetchResponse), isinstance(js.Function.new(), JsOnceCallable)]
`).toJs(),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, [false, true, false, false, false]);
    assert.deepEqual(pyodide.value, [true, true, true, true, true]);
  });
