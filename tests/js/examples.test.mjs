// The examples run and print what they promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('examples/python-from-js calls a shipped Python module with JS values', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'examples/python-from-js/main.mjs')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /summary: \{ count: 8, mean: 3\.875, median: 3\.5, stdev: 2\.7484 \}/);
  assert.match(r.stdout, /top words: \[ \[ 'the', 3 \], \[ 'and', 2 \] \]/);
  assert.match(r.stdout, /Ada is 36 and likes math, engines/);
  assert.match(r.stdout, /callbacks: \[ '0:A', '1:B', '2:C' \]/);
});

test('examples/hello.py runs through the isthmus command', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.mjs'), 'examples/hello.py', 'x'],
    { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Hello from Python 3\.11\.2 on emscripten!/);
  assert.match(r.stdout, /arguments: \['x'\]/);
});

test('examples/numpy-from-js hands a Float64Array to NumPy and reads the result back', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'examples/numpy-from-js/main.mjs')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /4096 samples -> 2049 amplitudes \(d, shape \[2049\]\); peaks at 50: 1\.000, 120: 0\.500/);
});
