// NumPy's own tests inside Isthmus under node: loads the numpy package, puts
// pytest and hypothesis (a host folder of pure wheels, installed by pip) on
// sys.path and runs pytest on it.
//
//   node run_suite.mjs <dist> <site> <report.json> [--subset] [pytest args...]
//
// Prints pytest's summary; writes one outcome per test to report.json
// (report_plugin.py); exits with pytest's status. --subset runs the modules
// of subset.txt without the tests known_failures.txt lists (each with why it
// fails in wasm): the part of the suite in the README test command.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, site, report, ...rest] = process.argv.slice(2);
if (!report) {
  console.error('usage: node run_suite.mjs <dist> <site> <report.json> [pytest args...]');
  process.exit(2);
}
const here = path.dirname(new URL(import.meta.url).pathname);
/** Non-comment words of a list file in this folder (one entry per line). */
const listed = (name) => fs.readFileSync(path.join(here, name), 'utf8').split('\n')
  .map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
const args = rest[0] === '--subset'
  ? ['--pyargs', ...listed('subset.txt'), ...listed('known_failures.txt').flatMap((t) => ['--deselect', t]), ...rest.slice(1)]
  : rest;
const { loadPyodide } = await import(pathToFileURL(path.resolve(dist, 'isthmus.mjs')).href);
const py = await loadPyodide({
  _stdoutRaw: (b) => process.stdout.write(b),
  _stderrRaw: (b) => process.stderr.write(b),
});
await py.loadPackage(['numpy', 'numpy-tests']);  // the tests are a package of their own
const reportDir = path.dirname(path.resolve(report));
for (const dir of new Set([path.resolve(site), here, reportDir])) py.mountNodeFS(dir, dir);
py.FS.mkdirTree('/tmp/numpy-tests');
py.FS.chdir('/tmp/numpy-tests');
const argv = ['-p', 'report_plugin', '-p', 'no:cacheprovider', '--capture=sys', '-q', ...args];
py.runPython(`
import os, sys
sys.path[:0] = [${JSON.stringify(path.resolve(site))}, ${JSON.stringify(here)}]
os.environ["ISTHMUS_REPORT"] = ${JSON.stringify(path.resolve(report))}
`);
const status = py.runPython(`import json, pytest; int(pytest.main(json.loads(${JSON.stringify(JSON.stringify(argv))})))`);
py.flushStdio();
process.exitCode = status;
