// Isthmus under a Content-Security-Policy without 'unsafe-eval': the page is
// served with `script-src 'self' 'wasm-unsafe-eval'` and runs the JS FFI
// suite (tests/js/ffi.test.mjs); every test must pass, with no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startBrowser, openPage, root } from './chromium.mjs';

const POLICY = "script-src 'self' 'wasm-unsafe-eval'";
const PAGE = '/tests/browser/csp/index.html';

/** The FFI suite with its imports pointed at the browser node:test/assert and dist/. */
function suiteForBrowser() {
  const source = readFileSync(path.join(root, 'tests/js/ffi.test.mjs'), 'utf8');
  return source
    .replace(/from 'node:test'/g, "from '/tests/browser/suite/node-test.mjs'")
    .replace(/from 'node:assert\/strict'/g, "from '/tests/browser/suite/assert.mjs'")
    .replace(/from '\.\/dist\.mjs'/g, "from '/dist/isthmus.mjs'");
}

let browser;
before(async () => {
  browser = await startBrowser({
    headers: (urlPath) => (urlPath === PAGE ? { 'Content-Security-Policy': POLICY } : undefined),
    routes: { '/csp-suite/ffi.test.mjs': () => ({ type: 'text/javascript; charset=utf-8', body: suiteForBrowser() }) },
  });
});
after(async () => { await browser?.close(); });

test(`the FFI suite passes in a page served with "${POLICY}"`, async () => {
  const page = await openPage(browser.context, `${browser.url}${PAGE}`);
  const response = await page.request.get(`${browser.url}${PAGE}`);
  assert.equal(response.headers()['content-security-policy'], POLICY);
  await page.waitForFunction(() => window.cspResults, null, { timeout: 180_000 });
  const { results, violations, evalBlocked } = await page.evaluate(() => window.cspResults);
  assert.equal(evalBlocked, true, 'the policy is in force (eval throws)');
  const failed = results.filter((r) => !r.ok);
  assert.deepEqual(failed, [], failed.map((r) => `${r.name}\n${r.error}`).join('\n\n'));
  const declared = suiteForBrowser().match(/^test\(/gm).length;
  assert.equal(results.length, declared, 'every test of the suite ran');
  assert.deepEqual(violations, []);
  await page.close();
});
