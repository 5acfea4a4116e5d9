// Packages in Chromium: loadPackage of the shipped C-extension packages on a
// page's main thread (where Chromium refuses to compile wasm over 4 KB
// synchronously: side modules are compiled asynchronously before the import),
// micropip from a URL, errors, and the same in a Web Worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { startBrowser, openPage, root } from './chromium.mjs';

const wheelsDir = process.env.ISTHMUS_TEST_WHEELS ?? path.join(root, 'build/tests/wheels');
const wheelPath = (prefix) => `/${path.relative(root, path.join(wheelsDir, readdirSync(wheelsDir).find((f) => f.startsWith(`${prefix}-`))))}`;

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('loadPackage and micropip on a page: C extensions load asynchronously and work', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/`);
  const result = await page.evaluate(async (sidemodWheel) => {
    const { loadPyodide } = await import('/dist/isthmus.mjs');
    const py = await loadPyodide({ stdout: () => {} });
    const messages = [];
    const quiet = { messageCallback: (m) => messages.push(m), errorCallback: () => {} };
    let unknown;
    try {
      await py.loadPackage('no-such-package', quiet);
    } catch (e) {
      unknown = e.message;
    }
    await py.loadPackage(['markupsafe', 'msgpack', 'regex'], quiet);
    const used = py.runPython(`
import markupsafe, msgpack, regex
[str(markupsafe.escape("<&>")), msgpack.unpackb(msgpack.packb({"a": [1, 2.5, None]})),
 regex.findall(r"\\p{L}+", "héllo wörld")]`).toJs({ dict_converter: Object.fromEntries });
    await py.loadPackage('micropip', quiet);
    const sidemod = await py.runPythonAsync(`
import micropip
await micropip.install(js_url)
import isthmus_sidemod
isthmus_sidemod.add(2**40, 2)`.replace('js_url', JSON.stringify(new URL(sidemodWheel, location.href).href)));
    return { unknown, used, sidemod, messages, loaded: Object.keys(py.loadedPackages).sort() };
  }, wheelPath('isthmus_sidemod'));
  assert.match(result.unknown, /No known package with name 'no-such-package'/);
  assert.deepEqual(result.used, ['&lt;&amp;&gt;', { a: [1, 2.5, undefined] }, ['héllo', 'wörld']]);
  assert.equal(result.sidemod, 2 ** 40 + 2);
  assert.deepEqual(result.messages.slice(0, 2), ['Loading markupsafe, msgpack, regex', 'Loaded markupsafe, msgpack, regex']);
  assert.deepEqual(result.loaded, ['isthmus-sidemod', 'markupsafe', 'micropip', 'msgpack', 'packaging', 'regex']);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a Web Worker loads packages with loadPyodide({ packages })', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/`);
  const result = await page.evaluate(() => new Promise((resolve) => {
    const worker = new Worker('/tests/browser/packages/worker.mjs', { type: 'module' });
    worker.onmessage = (e) => { resolve(e.data); worker.terminate(); };
    worker.onerror = (e) => resolve({ ok: false, error: e.message });
  }));
  assert.ok(result.ok, result.error);
  assert.deepEqual(result.result, [['1', '22', '333'], 2]);
  assert.deepEqual(result.loaded, ['msgpack', 'regex']);
  await page.close();
});
