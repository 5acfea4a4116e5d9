// The part of node:test the JS suites use (test, before), for running them
// in a browser page: suite.html maps `node:test` here, imports one suite,
// then calls run() and publishes the results for the Playwright driver.

const tests = [];
const beforeHooks = [];

export function test(name, fn) {
  tests.push({ name, fn });
}
export function before(fn) {
  beforeHooks.push(fn);
}

/** Run the registered tests in order; one failure does not stop the rest. */
export async function run() {
  const results = [];
  for (const hook of beforeHooks) await hook();
  for (const { name, fn } of tests) {
    const t0 = performance.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: performance.now() - t0 });
    } catch (e) {
      results.push({ name, ok: false, error: `${e?.stack ?? e}` });
    }
  }
  return results;
}
