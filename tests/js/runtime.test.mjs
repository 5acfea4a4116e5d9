// loadPyodide and runPython from Node, against dist/.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadPyodide, PythonError, dist } from './dist.mjs';

let py;
const stdout = [];
before(async () => {
  py = await loadPyodide({ stdout: (l) => stdout.push(l), stderr: () => {} });
});

test('runPython returns the last expression', () => {
  assert.equal(py.runPython('1+2'), 3);
  assert.equal(py.runPython('x = 5\nx * 2'), 10);
  assert.equal(py.runPython('x = 5\nx * 2;'), undefined);
  assert.equal(py.runPython('y = 1'), undefined);
});

test('scalars convert to JS', () => {
  assert.equal(py.runPython('3.0'), 3);
  assert.equal(py.runPython('0.5'), 0.5);
  assert.ok(Number.isNaN(py.runPython("float('nan')")));
  assert.equal(py.runPython("float('-inf')"), -Infinity);
  assert.equal(py.runPython('2**53 - 1'), Number.MAX_SAFE_INTEGER);
  assert.equal(py.runPython('2**64'), 2n ** 64n);
  assert.equal(py.runPython('-(10**30)'), -(10n ** 30n));
  assert.equal(py.runPython('True'), true);
  assert.equal(py.runPython('False'), false);
  assert.equal(py.runPython('None'), undefined);
  assert.equal(py.runPython("'h\\xe9llo \\u20ac \\U0001F600 a\\x00b'"), 'héllo € 😀 a\u0000b');
  const list = py.runPython('[1, 2]');
  assert.ok(list instanceof py.ffi.PyProxy);
  assert.equal(list.toString(), '[1, 2]');
  list.destroy();
});

test('code strings keep every character', () => {
  assert.equal(py.runPython("s = '😀é€'\nlen(s)"), 3);
  // NUL bytes are not allowed in Python source, as in CPython itself.
  assert.throws(() => py.runPython("'a\0b'"), (e) => e.type === 'ValueError');
  assert.equal(py.runPython("'\\x00' in 'a\\x00b'"), true);
});

test('a Python exception becomes a PythonError, and the runtime keeps working', () => {
  assert.throws(() => py.runPython('1/0'), (e) => {
    assert.ok(e instanceof PythonError);
    assert.ok(e instanceof Error);
    assert.equal(e.type, 'ZeroDivisionError');
    assert.match(e.message, /Traceback \(most recent call last\)/);
    assert.match(e.message, /ZeroDivisionError: division by zero/);
    assert.doesNotMatch(e.message, /_isthmus/);
    return true;
  });
  assert.throws(() => py.runPython('def f(:\n  pass'), (e) => e.type === 'SyntaxError');
  assert.throws(() => py.runPython('raise SystemExit(3)'), (e) => e.type === 'SystemExit');
  assert.throws(() => py.runPython('import no_such_module'), (e) => e.type === 'ModuleNotFoundError');
  assert.equal(py.runPython('1+1'), 2);
});

test('bad arguments get clear errors', () => {
  assert.throws(() => py.runPython(42), /code must be a string/);
  assert.equal(py.runPython('6*7'), 42);
});

test('stdout reaches the callback line by line', () => {
  stdout.length = 0;
  py.runPython("print('hello'); print('a\\nb', 'é')");
  assert.deepEqual(stdout, ['hello', 'a', 'b é']);
});

test('no JS handles leak from runPython', () => {
  const before = py._handles.liveCount();
  for (let i = 0; i < 100; i++) {
    py.runPython("'s' * 10");
    assert.throws(() => py.runPython('1/0'));
  }
  assert.equal(py._handles.liveCount(), before);
});

test('version is set', () => {
  assert.match(py.version, /^\d+\.\d+\.\d+/);
});

test('two runtimes in one process are independent', async () => {
  const other = await loadPyodide({ stdout: () => {} });
  other.runPython('only_here = 1');
  assert.equal(other.runPython('only_here'), 1);
  assert.throws(() => py.runPython('only_here'), (e) => e.type === 'NameError');
});

test('the JS half needs no eval or new Function (strict CSP pages)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  for (const file of readdirSync(dist).filter((f) => f.endsWith('.mjs'))) {
    const text = readFileSync(path.join(dist, file), 'utf8');
    assert.doesNotMatch(text, /new Function\s*\(|[^\w.]eval\s*\(/, file);
  }
});

test('the stdin option feeds input(); null ends the input', async () => {
  const lines = ['first line\n', 'second\n'];
  const rt = await loadPyodide({ stdout: () => {}, stdin: () => lines.shift() ?? null });
  assert.equal(rt.runPython('input()'), 'first line');
  assert.equal(rt.runPython('input()'), 'second');
  assert.throws(() => rt.runPython('input()'), (e) => e.type === 'EOFError');
  await assert.rejects(loadPyodide({ stdin: 'not a function' }), /stdin must be a function/);
});

test('onProgress reports the downloads, then compile, start and ready; a bad one is a TypeError', async () => {
  const events = [];
  const py2 = await loadPyodide({ stdout: () => {}, onProgress: (e) => events.push(e) });
  const phases = events.map((e) => e.phase).filter((p, i, a) => p !== a[i - 1]);
  assert.deepEqual(phases, ['download', 'compile', 'start', 'ready']);
  const last = events.findLast((e) => e.phase === 'download');
  assert.ok(last.total > 4e6 && last.loaded === last.total, JSON.stringify(last));
  assert.equal(py2.runPython('1 + 1'), 2);
  await assert.rejects(loadPyodide({ onProgress: 'yes' }), { name: 'TypeError', message: /onProgress must be a function/ });
  // A callback that throws is reported, and loading goes on.
  const errors = [];
  const saved = console.error;
  console.error = (e) => errors.push(e);
  try {
    const py3 = await loadPyodide({ stdout: () => {}, onProgress: () => { throw new Error('bad callback'); } });
    assert.equal(py3.runPython('2 + 2'), 4);
  } finally {
    console.error = saved;
  }
  assert.ok(errors.length > 0 && errors.every((e) => e.message === 'bad callback'));
});

test('start-up and an indented runPython import neither re nor textwrap nor tokenize (they cost ~45 ms)', async () => {
  const fresh = await loadPyodide();
  fresh.runPython(`
    x = 1
    x + 1`);
  const loaded = fresh.runPython('import sys; [m for m in ("re", "textwrap", "tokenize", "linecache") if m in sys.modules]');
  assert.deepEqual(loaded.toJs(), []);
  loaded.destroy();
});

test('setStdin: a number is one byte; a value of another type is an OSError that names what was expected', async () => {
  const rt = await loadPyodide({ stdout: () => {} });
  let n = 0;
  rt.setStdin({ stdin: () => (n++ < 3 ? 65 : null) });
  assert.equal(rt.runPython('import sys; sys.stdin.buffer.read()').toJs().length, 3);
  const logged = [];
  const saved = console.error;
  console.error = (...a) => logged.push(a.map(String).join(' '));
  try {
    rt.setStdin({ stdin: () => ({}) });
    assert.equal(rt.runPython('import errno\ntry:\n    input()\nexcept OSError as e:\n    r = e.errno\nr'), 29);
  } finally {
    console.error = saved;
  }
  assert.match(logged.join('\n'), /expected a string, bytes, a byte/);
  rt.setStdin({ stdin: () => 'back' });
  assert.equal(rt.runPython('input()'), 'back');
});

test('setStdout() without options goes back to console.log', async () => {
  const seen = [];
  const rt = await loadPyodide({ stdout: (l) => seen.push(['option', l]) });
  rt.setStdout({ batched: (l) => seen.push(['batched', l]) });
  rt.runPython('print("one")');
  const saved = console.log;
  console.log = (l) => seen.push(['console', l]);
  try {
    rt.setStdout();
    rt.runPython('print("two")');
  } finally {
    console.log = saved;
  }
  assert.deepEqual(seen, [['batched', 'one'], ['console', 'two']]);
  assert.throws(() => rt.setStdout('x'), { name: 'TypeError', message: /options must be an object/ });
  assert.throws(() => rt.setStdin({ read: 3 }), { name: 'TypeError', message: /read must be a function/ });
  rt.setStdin({ read: () => -1 });
  const logged = [];
  const savedWarn = console.warn;
  console.warn = (...a) => logged.push(a.map(String).join(' '));
  try {
    assert.throws(() => rt.runPython('input()'), (e) => e.type === 'OSError');
  } finally {
    console.warn = savedWarn;
  }
  assert.match(logged.join('\n'), /read returned -1; a correct implementation must return a number from 0 to/);
});

test('loadPyodide rejects start-up options of the wrong type with a TypeError', async () => {
  await assert.rejects(loadPyodide({ args: 'x' }), { name: 'TypeError', message: /args must be an array of strings/ });
  await assert.rejects(loadPyodide({ env: { A: {} } }), { name: 'TypeError', message: /env must be an object whose values are strings/ });
  await assert.rejects(loadPyodide({ fsInit: 1 }), { name: 'TypeError', message: /fsInit must be a function/ });
  await assert.rejects(loadPyodide({ stdLibURL: '/nowhere/x.zip' }), /could not load .*x\.zip.*check stdLibURL/);
  const rt = await loadPyodide({ stdout: () => {}, lockFileContents: JSON.stringify({ info: {}, packages: {} }) });
  assert.deepEqual(Object.keys(rt.lockfile.packages), []);
});

test('stdlibSources: stdlib lines in tracebacks and inspect.getsource; without it, none; pydoc_data is in', async () => {
  const code = `
import inspect, json, traceback
try:
    json.loads("{")
except ValueError:
    tb = traceback.format_exc()
try:
    src = inspect.getsource(json.dumps).splitlines()[0]
except OSError as e:
    src = "OSError"
import pydoc_data.topics
[src, "return _default_decoder.decode(s)" in tb, "assert" in pydoc_data.topics.topics]
`;
  const plain = await loadPyodide({ stdout: () => {} });
  assert.deepEqual(plain.runPython(code).toJs(), ['OSError', false, true]);
  const withSources = await loadPyodide({ stdout: () => {}, stdlibSources: true });
  assert.deepEqual(withSources.runPython(code).toJs(), [
    'def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,', true, true]);
});

test('stdlibSources lays the stdlib out as files: __file__ opens, imports run the precompiled bytecode, files stay writable', async () => {
  const py = await loadPyodide({ stdout: () => {}, stdlibSources: true });
  const code = `
import sys, os, json, importlib.machinery, linecache
spec = json.__spec__
loader = spec.loader
def compiled(*a):
    raise AssertionError("compiled from source: the __pycache__ bytecode was not taken")
loader.source_to_code = compiled
code = loader.get_code("json")
with open(os.__file__) as f:
    first = f.readline()
path = "/lib/python3.11/colorsys.py"
with open(path, "a") as f:
    f.write("\\nADDED = 1\\n")
with open(path) as f:
    tail = f.read().splitlines()[-1]
[sys._stdlib_dir, sys.path[2], os.__file__, json.__file__, type(loader).__name__, spec.cached,
 os.path.isfile(spec.cached), code.co_filename, first.startswith('r"""OS routines'),
 bool(linecache.getline(json.__file__, 1)), tail, "/lib/python311.zip" in sys.path]
`;
  assert.deepEqual(py.runPython(code).toJs(), [
    '/lib/python3.11', '/lib/python3.11', '/lib/python3.11/os.py', '/lib/python3.11/json/__init__.py',
    'SourceFileLoader', '/lib/python3.11/json/__pycache__/__init__.cpython-311.pyc', true,
    '/lib/python3.11/json/__init__.py', true, true, 'ADDED = 1', false]);
  // An edited stdlib file is what the next import runs: its bytecode no longer matches (size).
  assert.equal(py.runPython('import colorsys; colorsys.ADDED'), 1);
});

/**
 * Run fn(dir) with dir a copy of dist/ (symlinks) that lacks the file `without`;
 * fn may write its own version of it there.
 */
async function withPartialDist(without, fn) {
  const { mkdtempSync, readdirSync, symlinkSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const partial = mkdtempSync(path.join(tmpdir(), 'isthmus-partial-'));
  try {
    for (const f of readdirSync(dist)) if (f !== without) symlinkSync(path.join(dist, f), path.join(partial, f));
    await fn(partial);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

test('stdlibSources with a damaged member: reading that file is an OSError (EIO), the rest works', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { readZipDirectory } = await import(path.join(dist, 'stdlib_tree.mjs'));
  await withPartialDist('python311-src.zip', async (partial) => {
    const zip = new Uint8Array(readFileSync(path.join(dist, 'python311-src.zip')));
    const member = readZipDirectory(zip).get('colorsys.py');
    const view = new DataView(zip.buffer);
    const start = member.offset + 30 + view.getUint16(member.offset + 26, true) + view.getUint16(member.offset + 28, true);
    zip.fill(0xff, start, start + 16);  // not DEFLATE any more
    writeFileSync(path.join(partial, 'python311-src.zip'), zip);
    const py = await loadPyodide({ indexURL: partial, stdout: () => {}, stdlibSources: true });
    assert.deepEqual(py.runPython(`
import errno, json
try:
    open("/lib/python3.11/colorsys.py").read()
    r = "read"
except OSError as e:
    r = errno.errorcode[e.errno]
[r, json.dumps([1])]`).toJs(), ['EIO', '[1]']);
  });
});

test('a missing python311.zip blames indexURL, not stdLibURL, when stdLibURL was not given', async () => {
  await withPartialDist('python311.zip', async (partial) => {
    await assert.rejects(loadPyodide({ indexURL: partial }), /python311\.zip \(ENOENT\); is indexURL right\?$/);
  });
});

test('stdlibSources without python311-src.zip is a clear error; without the option it is not needed', async () => {
  await withPartialDist('python311-src.zip', async (partial) => {
    await assert.rejects(loadPyodide({ indexURL: partial, stdlibSources: true }), /python311-src\.zip.*stdlibSources needs/);
    const rt = await loadPyodide({ indexURL: partial, stdout: () => {} });
    assert.equal(rt.runPython('1 + 1'), 2);
  });
});
