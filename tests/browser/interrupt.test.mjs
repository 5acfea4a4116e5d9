// setInterruptBuffer in a cross-origin isolated page: the page interrupts a
// `while True` loop running in a Web Worker through a SharedArrayBuffer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage } from './chromium.mjs';

let browser;
before(async () => {
  // COOP/COEP on every response: the page and its worker are cross-origin isolated.
  browser = await startBrowser({
    headers: () => ({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }),
  });
});
after(async () => { await browser?.close(); });

test('writing 2 into the shared interrupt buffer stops `while True` in a Worker with KeyboardInterrupt', async () => {
  const page = await openPage(browser.context, `${browser.url}/tests/browser/interrupt/`);
  await page.waitForFunction(() => window.interruptResult, null, { timeout: 60_000 });
  const r = await page.evaluate(() => window.interruptResult);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.isolated, true);
  assert.equal(r.caught, 'KeyboardInterrupt');
  assert.equal(r.after, 45, 'the runtime works after the interrupt');
  assert.equal(r.bufferAfter, 0, 'Python reset the buffer');
  assert.equal(r.fromCallback, 'KeyboardInterrupt', 'checkInterrupt() from a JS callback');
  // (How fast: tools/bench.sh; here only that it came, not a time limit.)
  assert.ok(Number.isFinite(r.latencyMs));
  console.log(`interrupt latency in Chromium: ${r.latencyMs.toFixed(1)} ms`);
  assert.deepEqual(page.errors, []);
  await page.close();
});
