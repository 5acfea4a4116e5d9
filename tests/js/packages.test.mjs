// Packages at run time under node: loadPackage from the lock file and by URL,
// loadPackagesFromImports, loadPyodide({ packages }), micropip (lock file, URL,
// emfs:, a package index on loopback), and every bad input followed by a
// successful install in the same runtime.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { loadPyodide, dist } from './dist.mjs';

const wheelsDir = process.env.ISTHMUS_TEST_WHEELS ?? path.resolve('build/tests/wheels');
const wheelFile = (prefix) => readdirSync(wheelsDir).find((f) => f.startsWith(`${prefix}-`));
const lock = JSON.parse(readFileSync(path.join(dist, 'pyodide-lock.json'), 'utf8'));

// The loopback server: /dist/<file> (switchable to 404 or corrupt bytes),
// /wheels/<test wheel>, and a PEP 691 simple index under /simple/.
const state = { missing: false, corrupt: false, requests: [] };
let server;
let base;
before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    state.requests.push(url.pathname);
    const [, area, ...rest] = url.pathname.split('/');
    const name = decodeURIComponent(rest.join('/'));
    try {
      if (area === 'dist') {
        if (state.missing) { res.writeHead(404).end('gone'); return; }
        const bytes = readFileSync(path.join(dist, path.basename(name)));
        if (state.corrupt && name.endsWith('.whl')) bytes[bytes.length - 1] ^= 0xff;
        res.writeHead(200).end(bytes);
      } else if (area === 'wheels') {
        res.writeHead(200).end(readFileSync(path.join(wheelsDir, path.basename(name))));
      } else if (area === 'simple') {
        const project = rest[0];
        // Only the test's own projects: six and the rest come from the lock file.
        const files = readdirSync(wheelsDir).filter((f) => project.startsWith('isthmus') &&
          f.replace(/[-_.]+/g, '-').toLowerCase().startsWith(`${project}-`) && f.endsWith('.whl'));
        if (files.length === 0) { res.writeHead(404).end(); return; }
        res.writeHead(200, { 'Content-Type': 'application/vnd.pypi.simple.v1+json' }).end(JSON.stringify({
          meta: { 'api-version': '1.0' },
          name: project,
          files: files.map((f) => ({
            filename: f,
            url: `${base}/wheels/${f}`,  // absolute: micropip 0.7.2 does not resolve relative ones
            hashes: { sha256: createHash('sha256').update(readFileSync(path.join(wheelsDir, f))).digest('hex') },
          })),
        }));
      } else {
        res.writeHead(404).end();
      }
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server?.close());

const quiet = { messageCallback: () => {}, errorCallback: () => {} };
const load = (opts = {}) => loadPyodide({ stdout: () => {}, stderr: () => {}, ...opts });

test('the lock file is Pyodide-shaped and lists the shipped packages', async () => {
  const py = await load();
  assert.deepEqual(Object.keys(py.lockfile), ['info', 'packages']);
  assert.equal(py.lockfile.info.arch, 'wasm32');
  assert.equal(py.lockfile.info.platform, 'emscripten_3_1_6');
  assert.equal(py.lockfile.info.python, '3.11.2');
  for (const name of ['markupsafe', 'msgpack', 'regex', 'six', 'packaging', 'micropip']) {
    const entry = py.lockfile.packages[name];
    assert.ok(entry, name);
    for (const key of ['name', 'version', 'file_name', 'install_dir', 'sha256', 'package_type', 'imports', 'depends']) {
      assert.ok(key in entry, `${name}.${key}`);
    }
    const bytes = readFileSync(path.join(dist, entry.file_name));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), entry.sha256, name);
  }
  assert.deepEqual(py.lockfile.packages.micropip.depends, ['packaging']);
  assert.match(py.lockfile.packages.markupsafe.file_name, /-cp311-cp311-emscripten_3_1_6_wasm32\.whl$/);
  assert.match(py.lockfile.packages.six.file_name, /-none-any\.whl$/);
});

test('loadPackage installs the C-extension packages and they work', async () => {
  const py = await load();
  const messages = [];
  const loaded = await py.loadPackage(['markupsafe', 'msgpack', 'regex'], { messageCallback: (m) => messages.push(m) });
  assert.deepEqual(loaded.map((p) => p.name).sort(), ['markupsafe', 'msgpack', 'regex']);
  assert.deepEqual(messages, ['Loading markupsafe, msgpack, regex', 'Loaded markupsafe, msgpack, regex']);
  assert.deepEqual(py.loadedPackages, { markupsafe: 'default channel', msgpack: 'default channel', regex: 'default channel' });
  const out = py.runPython(`
import markupsafe, msgpack, regex
from markupsafe import _speedups
data = {"a": [1, 2.5, "x", None, {"b": b"y", "t": (1, 2)}], "n": -2**40}
assert msgpack.unpackb(msgpack.packb(data), use_list=False) == {"a": (1, 2.5, "x", None, {"b": b"y", "t": (1, 2)}), "n": -2**40}
[str(markupsafe.escape("<a href='x'>&</a>")), msgpack.Packer.__module__, _speedups.__file__.endswith(".so"),
 regex.findall(r"\\p{Lu}\\p{Ll}+", "Hello Wörld Ünïcode"), regex.sub(r"(?<word>\\w+)", r"<\\g<word>>", "ab cd")]
`).toJs();
  assert.deepEqual(out, ['&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;', 'msgpack._cmsgpack', true,
    ['Hello', 'Wörld', 'Ünïcode'], '<ab> <cd>']);
  // A second request for a loaded package does nothing.
  assert.deepEqual(await py.loadPackage('markupsafe', quiet), []);
});

test('dependencies resolve from the lock file; names are normalised', async () => {
  const py = await load();
  const loaded = await py.loadPackage('MicroPip', quiet);
  assert.deepEqual(loaded.map((p) => p.name), ['packaging', 'micropip']);
  assert.equal(py.runPython('import packaging.version; str(packaging.version.Version("1.0rc1"))'), '1.0rc1');
});

test('loadPackagesFromImports loads what the code imports, and only that', async () => {
  const py = await load();
  const loaded = await py.loadPackagesFromImports(`
    import os, json
    import msgpack as mp
    from six.moves import range
    from . import relative
  `, quiet);
  assert.deepEqual(loaded.map((p) => p.name).sort(), ['msgpack', 'six']);
  assert.deepEqual(Object.keys(py.loadedPackages).sort(), ['msgpack', 'six']);
  assert.deepEqual(await py.loadPackagesFromImports('import json', quiet), []);
});

test('loadPyodide({ packages }) starts with them installed', async () => {
  const py = await load({ packages: ['markupsafe', 'six'] });
  assert.equal(py.runPython('import markupsafe; str(markupsafe.Markup("<b>%s</b>") % "<i>")'), '<b>&lt;i&gt;</b>');
  assert.deepEqual(Object.keys(py.loadedPackages).sort(), ['markupsafe', 'six']);
});

test('loadPackage by URL, and a package whose extension is in a sub-package', async () => {
  const py = await load();
  await py.loadPackage(`${base}/wheels/${wheelFile('isthmus_sidemod')}`, quiet);
  assert.equal(py.runPython('from isthmus_sidemod import _speedups; _speedups.add(2**40, 1)'), 2 ** 40 + 1);
  assert.equal(py.loadedPackages['isthmus-sidemod'], `${base}/wheels/${wheelFile('isthmus_sidemod')}`);
});

test('packageBaseUrl and lockFileURL say where packages come from', async () => {
  const py = await load({ lockFileURL: `${base}/dist/pyodide-lock.json` });
  state.requests.length = 0;
  await py.loadPackage('six', quiet);
  assert.deepEqual(state.requests, [`/dist/${lock.packages.six.file_name}`]);
  const other = await load({ packageBaseUrl: `${base}/dist/` });
  state.requests.length = 0;
  await other.loadPackage('markupsafe', quiet);
  assert.deepEqual(state.requests, [`/dist/${lock.packages.markupsafe.file_name}`]);
});

/** Expect loadPackage(request) to reject matching `pattern`, then check nothing is left installed. */
async function rejectsCleanly(py, request, pattern, moduleName) {
  const errors = [];
  await assert.rejects(py.loadPackage(request, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) }),
    (e) => e instanceof Error && pattern.test(e.message));
  assert.ok(errors.some((m) => pattern.test(m)), errors.join('\n'));
  if (moduleName) {
    assert.equal(py.runPython(`
import importlib.util, os
(importlib.util.find_spec(${JSON.stringify(moduleName)}) is None,
 [d for d in os.listdir("/lib/python3.11/site-packages") if d.startswith(${JSON.stringify(moduleName)})])
`).toJs().flat().join(), 'true');
  }
}

test('an unknown package is a clear error; the runtime keeps working', async () => {
  const py = await load();
  await assert.rejects(py.loadPackage('no-such-package', quiet),
    /No known package with name 'no-such-package'.*lockfile\.packages/);
  await assert.rejects(py.loadPackage(42, quiet), TypeError);
  await py.loadPackage('six', quiet);
  assert.equal(py.runPython('import six; six.__version__'), lock.packages.six.version);
});

test('a hash mismatch is refused, nothing installed; the same install then succeeds', async () => {
  const py = await load({ packageBaseUrl: `${base}/dist/` });
  state.corrupt = true;
  try {
    await rejectsCleanly(py, 'markupsafe', /markupsafe.*sha256 is [0-9a-f]{64}, the lock file says/, 'markupsafe');
  } finally {
    state.corrupt = false;
  }
  assert.deepEqual(py.loadedPackages, {});
  await py.loadPackage('markupsafe', quiet);
  assert.equal(py.runPython('import markupsafe; str(markupsafe.escape("<"))'), '&lt;');
});

test('a 404 and a refused connection name the URL; retrying works', async () => {
  const py = await load({ packageBaseUrl: `${base}/dist/` });
  state.missing = true;
  try {
    await rejectsCleanly(py, 'six', /could not load http:\/\/127\.0\.0\.1:\d+\/dist\/six-\S+ \(HTTP 404\); is packageBaseUrl/, 'six');
  } finally {
    state.missing = false;
  }
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  await rejectsCleanly(py, `http://127.0.0.1:${deadPort}/six-1.0-py3-none-any.whl`, /could not load .*\(ECONNREFUSED\); check the URL/);
  await py.loadPackage('six', quiet);
  assert.equal(py.runPython('import six; six.PY3'), true);
});

test('wheels for another Python, another platform, or not wheels at all are refused', async () => {
  const py = await load();
  await rejectsCleanly(py, `${base}/wheels/${wheelFile('oldpython')}`, /cp310.*this runtime is CPython 3\.11 \(cp311\)/, 'oldpython');
  await rejectsCleanly(py, `${base}/wheels/${wheelFile('linuxonly')}`, /built for manylinux_2_17_x86_64, not for this runtime's platform emscripten_3_1_6_wasm32/, 'linuxonly');
  await rejectsCleanly(py, `${base}/wheels/${wheelFile('notazip')}`, /not a valid wheel \(not a zip archive\)/, 'notazip');
  await py.loadPackage(`${base}/wheels/${wheelFile('isthmus_sidemod')}`, quiet);
  assert.equal(py.runPython('import isthmus_sidemod; isthmus_sidemod.add(1, 2)'), 3);
});

test('a side module with a missing symbol is refused by name and rolled back', async () => {
  const py = await load();
  await rejectsCleanly(py, `${base}/wheels/${wheelFile('missingsym')}`,
    /missingsym\.cpython-311-wasm32-emscripten\.so needs isthmus_no_such_function, which this build of Isthmus does not provide/, 'missingsym');
  assert.equal(py.runPython(`
try:
    import missingsym
except ImportError:
    r = "ImportError"
r`), 'ImportError');
  await py.loadPackage('msgpack', quiet);
  assert.equal(py.runPython('import msgpack; msgpack.unpackb(msgpack.packb([1, "a"]))').toJs().join(), '1,a');
});

test('two versions of one package: the second is refused, the first keeps working', async () => {
  const py = await load();
  await py.loadPackage('six', quiet);
  const errors = [];
  await assert.rejects(py.loadPackage(`${base}/wheels/${wheelFile('six')}`, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) }),
    /URI mismatch, attempting to load package six from http:\S+six-1\.16\.0\S+ while it is already loaded from default channel\. One version of a package per runtime/);
  assert.match(errors.join('\n'), /URI mismatch/);
  assert.equal(py.runPython('import six; six.__version__'), lock.packages.six.version);
  // A package that depends on six still loads: the loaded six serves.
  await py.loadPackage(`${base}/wheels/${wheelFile('isthmus_demo')}`, quiet);
  assert.equal(py.runPython('import isthmus_demo; isthmus_demo.hello()'), `demo with six ${lock.packages.six.version}`);
});

test('micropip installs from the lock file, a URL, emfs: and a loopback index', async () => {
  const py = await load();
  await py.loadPackage('micropip', quiet);
  const result = await py.runPythonAsync(`
import micropip
await micropip.install("markupsafe")                               # the lock file
await micropip.install("${base}/wheels/${wheelFile('isthmus_sidemod')}")   # a URL
import isthmus_sidemod, markupsafe
import shutil, os
os.makedirs("/tmp/w", exist_ok=True)
await micropip.install("isthmus-demo", index_urls=["${base}/simple"])   # a package index, six from the lock
import isthmus_demo
names = sorted(micropip.list())
frozen = micropip.freeze()
micropip.uninstall("isthmus-demo")
[isthmus_sidemod.add(20, 22), str(markupsafe.escape("&")), isthmus_demo.hello(), names,
 "isthmus-demo" in __import__("json").loads(frozen)["packages"], not any(n.startswith("isthmus_demo") for n in os.listdir("/lib/python3.11/site-packages"))]
`);
  const [sum, escaped, hello, names, frozenHasDemo, uninstalled] = result.toJs();
  result.destroy();
  assert.equal(sum, 42);
  assert.equal(escaped, '&amp;');
  assert.equal(hello, `demo with six ${lock.packages.six.version}`);
  for (const n of ['isthmus-demo', 'isthmus-sidemod', 'markupsafe', 'micropip', 'packaging', 'six']) {
    assert.ok(names.map((x) => x.toLowerCase().replace(/_/g, '-')).includes(n), `${n} in ${names}`);
  }
  assert.deepEqual({ frozenHasDemo, uninstalled }, { frozenHasDemo: true, uninstalled: true });
});

test('micropip installs a wheel from an emfs: path', async () => {
  const py = await load();
  await py.loadPackage('micropip', quiet);
  py.FS.mkdirTree('/tmp/wheels');
  const file = wheelFile('isthmus_sidemod');
  py.FS.writeFile(`/tmp/wheels/${file}`, readFileSync(path.join(wheelsDir, file)));
  assert.equal(await py.runPythonAsync(`
import micropip
await micropip.install("emfs:/tmp/wheels/${file}")
import isthmus_sidemod
isthmus_sidemod.add(3, 4)`), 7);
});

test('micropip errors are Python exceptions, and a later install works', async () => {
  const py = await load();
  await py.loadPackage('micropip', quiet);
  const out = await py.runPythonAsync(`
import micropip
errors = []
for req in ["no-such-package-xyz", "${base}/wheels/${wheelFile('linuxonly')}"]:
    try:
        await micropip.install(req, index_urls=["${base}/simple"])
    except Exception as e:
        errors.append(type(e).__name__ + ": " + str(e).splitlines()[0])
await micropip.install("six")
import six
errors + [six.__version__]`);
  const list = out.toJs();
  out.destroy();
  assert.match(list[0], /ValueError: Can't fetch metadata for 'no-such-package-xyz'/);
  assert.match(list[1], /ValueError: .*manylinux_2_17_x86_64.*not compatible/);
  assert.equal(list[2], lock.packages.six.version);
});
