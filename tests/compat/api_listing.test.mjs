// Every public name of Pyodide 314's API exists in Isthmus, except the few
// listed below with the reason for each. The names are read from the npm
// `pyodide` dev dependency: its `.d.ts` for JavaScript, and dir() of its Python
// modules run inside it. A name Pyodide adds fails this test until Isthmus
// has it or it is listed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runtimes } from './harness.mjs';

const dts = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('pyodide')), 'pyodide.d.ts'), 'utf8');

/** Names Isthmus leaves out on purpose: name -> why. */
const OMITTED = {
  // JS runtime members
  makeMemorySnapshot: 'private in Pyodide (@private): memory snapshots of its own build',
  useNodeSockFS: 'experimental in Pyodide; sockets are not part of this build',
  options: 'Pyodide\'s resolved config object, internal',
  // loadPyodide options
  _sysExecutable: 'private', _makeSnapshot: 'private', _loadSnapshot: 'private', _snapshotDeserializer: 'private',
  createPyodideModule: 'Pyodide\'s own Emscripten module factory', BUILD_ID: 'Pyodide\'s build id', cdnUrl: 'Pyodide\'s CDN',
};

/** The members declared in `declare class <name> { ... }` of the .d.ts. */
function classMembers(name) {
  const start = dts.search(new RegExp(`declare class ${name}_? {`));
  assert.ok(start >= 0, `pyodide.d.ts has class ${name}`);
  const body = dts.slice(start, dts.indexOf('\n}\n', start));
  const names = new Set();
  for (const m of body.matchAll(/^\t(?:static )?(?:get |set )?([A-Za-z_$][\w$]*)[(<:?]/gm)) names.add(m[1]);
  return names;
}

/** The fields of `interface <name> { ... }` (top level only). */
function interfaceFields(name) {
  const start = dts.indexOf(`interface ${name} {`);
  assert.ok(start >= 0, `pyodide.d.ts has interface ${name}`);
  const body = dts.slice(start, dts.indexOf('\n}\n', start));
  return new Set([...body.matchAll(/^\t([A-Za-z_$][\w$]*)\??:/gm)].map((m) => m[1]));
}

const missing = (names, has) => [...names].filter((n) => !has(n) && !(n in OMITTED)).sort();

test('every member of Pyodide\'s runtime object exists', () => {
  const py = runtimes.isthmus;
  const names = classMembers('PyodideAPI');
  assert.ok(names.has('runPython') && names.has('setStdout'), 'the .d.ts parse found the API');
  assert.deepEqual(missing(names, (n) => n in py), []);
});

test('every member of Pyodide\'s runtime.ffi exists', () => {
  const start = dts.indexOf('static ffi: {');
  const body = dts.slice(start, dts.indexOf('};', start));
  const names = new Set([...body.matchAll(/^\t\t([A-Za-z_$][\w$]*):/gm)].map((m) => m[1]));
  assert.ok(names.has('PyProxy'));
  assert.deepEqual(missing(names, (n) => n in runtimes.isthmus.ffi), []);
});

test('every loadPyodide option of Pyodide is accepted', () => {
  const ours = readFileSync(path.join(import.meta.dirname, '../../js/isthmus.d.ts'), 'utf8');
  const start = ours.indexOf('export interface LoadOptions');
  const body = ours.slice(start, ours.indexOf('\n}\n', start));
  const accepted = new Set([...body.matchAll(/^ {2}([A-Za-z_$][\w$]*)\??:/gm)].map((m) => m[1]));
  assert.deepEqual(missing(interfaceFields('PyodideConfig'), (n) => accepted.has(n)), []);
});

const PY_MODULES = ['pyodide', 'pyodide.ffi', 'pyodide.code', 'pyodide.http', 'pyodide.console',
  'pyodide.webloop', 'pyodide.ffi.wrappers'];

/** Per module: its __all__ inside Pyodide (the public API as Pyodide
 * declares it), or which of `wanted`'s names it has inside Isthmus. */
function moduleNames(py, wanted) {
  const f = py.runPython(`
import importlib, json
def names(mods, wanted):
    out = {}
    for m in mods:
        try:
            mod = importlib.import_module(m)
        except ImportError:
            out[m] = None
            continue
        if wanted is None:
            out[m] = list(mod.__all__)
        else:
            out[m] = [n for n in json.loads(wanted)[m] if hasattr(mod, n)]
    return json.dumps(out)
names`);
  try {
    return JSON.parse(f(PY_MODULES, wanted === undefined ? undefined : JSON.stringify(wanted)));
  } finally {
    f.destroy();
  }
}

/** Python names Isthmus leaves out on purpose: "module.name" -> why. */
const PY_OMITTED = {
  'pyodide.ffi.run_sync': 'needs JS Promise Integration (stack switching), which Emscripten 3.1.6 and node 20 lack',
};

test('every public name of Pyodide\'s Python modules exists', () => {
  const theirs = moduleNames(runtimes.pyodide);
  const ours = moduleNames(runtimes.isthmus, theirs);
  const lacking = [];
  for (const mod of PY_MODULES) {
    assert.ok(theirs[mod]?.length, `pyodide has ${mod}`);
    if (!ours[mod]) {
      lacking.push(`${mod} (the module)`);
      continue;
    }
    for (const n of theirs[mod]) if (!ours[mod].includes(n) && !(`${mod}.${n}` in PY_OMITTED)) lacking.push(`${mod}.${n}`);
  }
  assert.deepEqual(lacking, []);
});
