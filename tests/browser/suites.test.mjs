// The FFI JS suites (tests/js: ffi, async, buffers, numpy) run inside a Chromium
// page, one page per suite, with small browser versions of node:test and
// node:assert (tests/browser/suite). Each suite's tests must all pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startBrowser, openPage, root } from './chromium.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

for (const suite of ['ffi', 'async', 'buffers', 'numpy']) {
  test(`tests/js/${suite}.test.mjs in the browser`, async () => {
    const page = await openPage(browser.context, `${browser.url}/tests/browser/suite/suite.html?suite=${suite}`);
    await page.waitForFunction(() => window.suiteResults, null, { timeout: 120_000 });
    const results = await page.evaluate(() => window.suiteResults);
    const failed = results.filter((r) => !r.ok);
    assert.deepEqual(failed, [], failed.map((r) => `${r.name}\n${r.error}`).join('\n\n'));
    // Every test of the file ran (none lost by the runner).
    const source = readFileSync(path.join(root, `tests/js/${suite}.test.mjs`), 'utf8');
    const declared = source.match(/^test\(/gm).length;
    assert.equal(results.length, declared);
    await page.close();
  });
}
