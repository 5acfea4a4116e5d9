// loadPackage on Isthmus beside the npm `pyodide` package (the reference), on
// what both can do offline: a pure-Python wheel by file: URL, an unknown
// name, a repeat, loadPackagesFromImports of stdlib-only code, and an
// unreachable wheel (where Isthmus differs on purpose: it rejects).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadPyodide as loadIsthmus, dist } from './dist.mjs';

const { loadPyodide } = await import('pyodide');
const lock = JSON.parse(readFileSync(path.join(dist, 'pyodide-lock.json'), 'utf8'));
const sixURL = pathToFileURL(path.join(dist, lock.packages.six.file_name)).href;

const runtimes = {};
before(async () => {
  runtimes.isthmus = await loadIsthmus({ stdout: () => {}, stderr: () => {} });
  runtimes.pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
});

/** Run fn on both runtimes; returns { isthmus, pyodide } of what it returned. */
async function both(fn) {
  return { isthmus: await fn(runtimes.isthmus), pyodide: await fn(runtimes.pyodide) };
}

test('a pure-Python wheel by URL: same result, messages, loadedPackages and import', async () => {
  const r = await both(async (py) => {
    const messages = [];
    const errors = [];
    const loaded = await py.loadPackage(sixURL, { messageCallback: (m) => messages.push(m), errorCallback: (m) => errors.push(m) });
    return {
      loaded: loaded.map((p) => ({ name: p.name, fileName: p.fileName, packageType: p.packageType })),
      messages, errors,
      channel: py.loadedPackages.six,
      version: py.runPython('import six; six.__version__'),
      again: await py.loadPackage(sixURL, { messageCallback: () => {}, errorCallback: () => {} }),
    };
  });
  assert.deepEqual(r.isthmus, r.pyodide);
  assert.deepEqual(r.isthmus.messages, ['Loading six', 'Loaded six']);
  assert.equal(r.isthmus.channel, sixURL);
});

test('an unknown package name: both reject with "No known package with name"', async () => {
  const r = await both(async (py) => {
    try {
      await py.loadPackage('no-such-package-xyz', { messageCallback: () => {}, errorCallback: () => {} });
      return 'resolved';
    } catch (e) {
      return e.message.match(/^No known package with name '[^']+'/)?.[0];
    }
  });
  assert.deepEqual(r.isthmus, r.pyodide);
  assert.equal(r.isthmus, "No known package with name 'no-such-package-xyz'");
});

test('loadPackagesFromImports of stdlib-only code loads nothing on both', async () => {
  const r = await both((py) => py.loadPackagesFromImports('import json\nimport os.path\n', { messageCallback: () => {} }));
  assert.deepEqual(r.isthmus, r.pyodide);
  assert.deepEqual(r.isthmus, []);
});

test('an unreachable wheel: Pyodide resolves and reports, Isthmus also reports but rejects (on purpose)', async () => {
  const url = pathToFileURL(path.join(dist, 'nosuch-1.0-py3-none-any.whl')).href;
  const r = await both(async (py) => {
    const errors = [];
    try {
      const loaded = await py.loadPackage(url, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
      return { outcome: 'resolved', loaded, reported: errors.length > 0 };
    } catch (e) {
      return { outcome: 'rejected', message: e.message, reported: errors.length > 0 };
    }
  });
  assert.deepEqual(r.pyodide, { outcome: 'resolved', loaded: [], reported: true });
  assert.equal(r.isthmus.outcome, 'rejected');
  assert.equal(r.isthmus.reported, true);
  assert.match(r.isthmus.message, /could not load nosuch: .*nosuch-1\.0-py3-none-any\.whl \(ENOENT\)/);
});
