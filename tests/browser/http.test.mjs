// pyodide.http in a page: pyxhr (synchronous, requests-like) and open_url
// against the test server, and pyfetch's AbortError.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage } from './chromium.mjs';

let browser;
before(async () => {
  browser = await startBrowser({
    routes: {
      '/tests/http/data.json': () => ({ type: 'application/json', body: JSON.stringify({ a: [1, 2], s: 'é' }) }),
      '/tests/http/bytes': () => ({ type: 'application/octet-stream', body: '\u0000\u0001\u00ff' }),
    },
  });
});
after(async () => { await browser?.close(); });

test('pyxhr and open_url in a page', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/`);
  const result = await page.evaluate(async () => {
    const { loadPyodide } = await import('/dist/isthmus.mjs');
    const py = await loadPyodide({ stdout: () => {} });
    return py.runPython(`
from pyodide.http import pyxhr, open_url, HttpStatusError
r = pyxhr.get("/tests/http/data.json", params={"q": "1 2"})
missing = pyxhr.get("/no/such/file")
try:
    missing.raise_for_status()
    raised = None
except HttpStatusError as e:
    raised = e.status
head = pyxhr.head("/tests/http/data.json")
import json
json.dumps({
    "status": r.status_code, "ok": r.ok, "json": r.json(), "type": r.headers.get("content-type"),
    "url_has_query": "q=1+2" in r.url, "missing": [missing.status_code, missing.ok, raised],
    "head": [head.status_code, head.content.decode()],
    "open_url": json.load(open_url("/tests/http/data.json")),
    "bytes": list(pyxhr.get("/tests/http/bytes").content),
})
`);
  });
  assert.deepEqual(JSON.parse(result), {
    status: 200, ok: true, json: { a: [1, 2], s: 'é' }, type: 'application/json', url_has_query: true,
    missing: [404, false, 404], head: [200, ''], open_url: { a: [1, 2], s: 'é' },
    bytes: [0, 1, 0xc3, 0xbf],  // the body as the server sent it (U+00FF in UTF-8): binary-safe
  });
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
  await page.close();
});

test('pyfetch with an aborted signal raises AbortError', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/`);
  const result = await page.evaluate(async () => {
    const { loadPyodide } = await import('/dist/isthmus.mjs');
    const py = await loadPyodide({ stdout: () => {} });
    return py.runPythonAsync(`
import js
from pyodide.http import pyfetch, AbortError
controller = js.AbortController.new()
controller.abort()
try:
    await pyfetch("/tests/http/data.json", signal=controller.signal)
    r = "no error"
except AbortError as e:
    r = ["AbortError", isinstance(e, OSError)]
r
`).then((r) => r.toJs());
  });
  assert.deepEqual(result, ['AbortError', true]);
  await page.close();
});
