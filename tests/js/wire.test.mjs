// The numbers both halves share (bridge/wire/wire.h): the JS constants in
// dist/wire.mjs are generated from the header's text at build time; here the
// built C++ reports the values its compiler saw (isthmus_wire_json), and the
// two must be the same, group by group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

const dist = process.env.ISTHMUS_DIST ?? path.resolve('dist');
const wire = await import(pathToFileURL(path.join(dist, 'wire.mjs')).href);
const { loadPyodide } = await import(pathToFileURL(path.join(dist, 'isthmus.mjs')).href);

test('dist/wire.mjs has the values the C++ of this build was compiled with', async () => {
  const py = await loadPyodide();
  const M = py._module;
  const fromCpp = JSON.parse(M.isthmusBridge.cString(M._isthmus_wire_json()));
  const groups = Object.keys(fromCpp);
  assert.ok(groups.length >= 10, `groups: ${groups}`);
  for (const group of groups) {
    assert.deepEqual({ ...wire[group] }, fromCpp[group], `wire.h ${group}`);
  }
  // Nothing in wire.mjs that C++ does not know, besides the version.
  const jsGroups = Object.keys(wire).filter((k) => k !== 'VERSION');
  assert.deepEqual(jsGroups.sort(), [...groups].sort());
});

test('the version is the CMake project\'s, in JS, in Python and in package.json', async () => {
  const py = await loadPyodide();
  const cmake = readFileSync(new URL('../../CMakeLists.txt', import.meta.url), 'utf8').match(/project\(isthmus VERSION ([\d.]+)/)[1];
  assert.equal(wire.VERSION, cmake);
  assert.equal(py.version, cmake);
  assert.equal(py.runPython('import _isthmus._core as c; c.ISTHMUS_VERSION'), cmake);
  assert.equal(JSON.parse(readFileSync(path.join(dist, 'package.json'), 'utf8')).version, cmake);
});
