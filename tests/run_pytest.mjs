// Runs pytest inside the wasm interpreter under node.
// Usage: node run_pytest.mjs <dist dir> <pytest site dir> <tests dir> [pytest args...]
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [dist, site, testsDir, ...extra] = process.argv.slice(2).map((a, i) => (i < 3 ? path.resolve(a) : a));
const { loadPyodide } = await import(pathToFileURL(path.join(dist, 'isthmus.mjs')).href);
const py = await loadPyodide({
  _stdoutRaw: (b) => process.stdout.write(b),
  _stderrRaw: (b) => process.stderr.write(b),
});
const { helpers } = await import(pathToFileURL(path.join(testsDir, 'js_helpers.mjs')).href);
py.registerJsModule('jshelpers', helpers);
py.mountNodeFS('/pytest-site', site);
py.mountNodeFS(testsDir, testsDir);
// Built test packages (a side-module extension): on sys.path at their host path.
const extraPath = process.env.ISTHMUS_TEST_SIDEMOD;
if (extraPath) py.mountNodeFS(extraPath, extraPath);
py.FS.chdir(testsDir);
// fd-level capture needs os.dup2, which wasm lacks: capture at sys level.
const args = ['-q', '--capture=sys', '-p', 'no:cacheprovider', testsDir, ...extra];
const status = py.runPython(`
import sys, json
sys.path.insert(0, '/pytest-site')
if ${JSON.stringify(extraPath ?? '')}: sys.path.append(${JSON.stringify(extraPath ?? '')})
import pytest
int(pytest.main(json.loads(${JSON.stringify(JSON.stringify(args))})))
`);
py.flushStdio();
process.exitCode = status;
