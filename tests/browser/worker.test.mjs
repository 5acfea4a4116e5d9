// Isthmus in a module Web Worker, and the loader's progress events over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { startBrowser, openPage, root } from './chromium.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('a Web Worker loads Isthmus from its default indexURL and runs Python', async () => {
  const page = await openPage(browser.context, `${browser.url}/tests/browser/worker/`);
  await page.waitForFunction(() => window.workerResult, null, { timeout: 60_000 });
  const { ok, error, result, progress, stdout } = await page.evaluate(() => window.workerResult);
  assert.ok(ok, error);
  assert.deepEqual(result, {
    platform: 'emscripten',
    has_document: false,
    scope: 'DedicatedWorkerGlobalScope',
    sum: 5050,
    awaited: 'resolved',
    location: '/tests/browser/worker/worker.mjs',
  });
  assert.deepEqual(stdout, ['hello from a worker']);

  // Progress: downloads first (bytes growing to the three files' sizes, as
  // sent by the server's Content-Length), then compile, start, ready.
  const size = (f) => statSync(path.join(root, 'dist', f)).size;
  const total = size('isthmus.asm.wasm') + size('python311.zip') + size('isthmus.zip');
  const phases = progress.map((e) => e.phase).filter((p, i, a) => p !== a[i - 1]);
  assert.deepEqual(phases, ['download', 'compile', 'start', 'ready']);
  const downloads = progress.filter((e) => e.phase === 'download');
  assert.ok(downloads.length > 3, `${downloads.length} download events`);
  assert.ok(downloads.every((e, i) => i === 0 || e.loaded >= downloads[i - 1].loaded));
  assert.equal(downloads.at(-1).loaded, total);
  assert.equal(downloads.at(-1).total, total);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a wrong indexURL is a clear error, and a right one still loads afterwards', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/`);
  const { message, after } = await page.evaluate(async () => {
    const { loadPyodide } = await import('/dist/isthmus.mjs');
    let message;
    try {
      await loadPyodide({ indexURL: '/no-such-dir/' });
    } catch (e) {
      message = e.message;
    }
    const py = await loadPyodide({ stdout: () => {} });
    return { message, after: py.runPython('6 * 7') };
  });
  assert.match(message, /^isthmus: could not load http:\/\/127\.0\.0\.1:\d+\/no-such-dir\/\S+ \(.*\); is indexURL right\?$/);
  assert.equal(after, 42);
  await page.close();
});
