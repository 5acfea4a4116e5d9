// Runs tests/js/ffi.test.mjs in a page whose CSP forbids eval: the suite
// comes from /csp-suite/ffi.test.mjs, which the test server rewrites to import
// the browser node:test/assert and /dist/isthmus.mjs (an import map would be
// an inline script, which the policy forbids too).
import { run } from '../suite/node-test.mjs';

const violations = [];
// (The probe of eval below reports one from this file: not counted.)
document.addEventListener('securitypolicyviolation', (e) => {
  if (!e.sourceFile.endsWith('/tests/browser/csp/runner.mjs')) violations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
});
const log = document.getElementById('log');
let evalBlocked = false;
try {
  (0, eval)('1');
} catch (e) {
  evalBlocked = e instanceof EvalError;
}
try {
  await import('/csp-suite/ffi.test.mjs');
  const results = await run();
  for (const r of results) log.textContent += `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}\n${r.ok ? '' : r.error + '\n'}`;
  window.cspResults = { results, violations, evalBlocked };
} catch (e) {
  window.cspResults = { results: [{ name: 'loading the suite', ok: false, error: `${e?.stack ?? e}` }], violations, evalBlocked };
}
