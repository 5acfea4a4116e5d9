// The DOM from Python in a page: JsDomElement, NodeList and HTMLCollection as
// read-only JsArrays (Pyodide's JsArray covers them), and the canvas registry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage } from './chromium.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('DOM elements, NodeLists and HTMLCollections from Python; canvas.setCanvas2D', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/`);
  const result = await page.evaluate(async () => {
    const { loadPyodide } = await import('/dist/isthmus.mjs');
    const py = await loadPyodide({ stdout: () => {} });
    const canvas = document.createElement('canvas');
    py.canvas.setCanvas2D(canvas);
    const r = py.runPython(`
import js, json
from collections.abc import Sequence
from pyodide.ffi import JsArray, JsDomElement
doc = js.document
box = doc.createElement("div")
doc.body.append(box)
for i in range(3):
    span = doc.createElement("span")
    span.className = "isthmus-t"
    span.textContent = f"s{i}"
    box.append(span)
nodes = doc.querySelectorAll("span.isthmus-t")
coll = doc.getElementsByClassName("isthmus-t")
import pyodide_js
canvas = pyodide_js.canvas.getCanvas2D()
def attempt(f):
    try:
        return repr(f())
    except Exception as e:
        return type(e).__name__
def assign():
    nodes[0] = None
out = {
    "element": [isinstance(box, JsDomElement), isinstance(nodes, JsDomElement), box.tagName],
    "nodelist": [isinstance(nodes, JsArray), isinstance(nodes, Sequence), len(nodes), nodes[0].textContent,
                 nodes[-1].textContent, [n.textContent for n in nodes], [n.textContent for n in nodes[1:]],
                 nodes[1] in nodes, len(nodes.to_py()), attempt(assign)],
    "collection": [isinstance(coll, JsArray), len(coll), coll[2].textContent, [n.textContent for n in reversed(coll)]],
    "canvas": [canvas.tagName, isinstance(canvas, JsDomElement)],
}
box.remove()
json.dumps(out)
`);
    return [JSON.parse(r), py.canvas.getCanvas2D() === canvas];
  });
  const [out, sameCanvas] = result;
  assert.deepEqual(out.element, [true, false, 'DIV']);
  assert.deepEqual(out.nodelist, [true, true, 3, 's0', 's2', ['s0', 's1', 's2'], ['s1', 's2'], true, 3, 'TypeError']);
  assert.deepEqual(out.collection, [true, 3, 's2', ['s2', 's1', 's0']]);
  assert.equal(sameCanvas, true);
  assert.deepEqual(out.canvas, ['CANVAS', true]);
  assert.deepEqual(page.errors, []);
  await page.close();
});
