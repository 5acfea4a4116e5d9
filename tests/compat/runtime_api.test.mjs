// Members of the runtime object and loadPyodide options beside Pyodide's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { same, differs, both, plain } from './harness.mjs';
import { loadPyodide as loadIsthmus } from '../js/dist.mjs';

const { loadPyodide: loadReference } = await import('pyodide');

same('PATH helpers are Emscripten\'s', (py) => [
  py.PATH.normalize('/a/b/../c//d/'), py.PATH.dirname('/a/b/c.txt'), py.PATH.basename('/a/b/c.txt'),
  py.PATH.join('a', 'b', '../c'), py.PATH.join2('/a', 'b'),
]);
same('ERRNO_CODES name errno numbers', (py) => [py.ERRNO_CODES.ENOENT, py.ERRNO_CODES.EEXIST, py.ERRNO_CODES.EACCES]);
same('setDebug returns the old flag', (py) => [py.setDebug(true), py.setDebug(false), py.setDebug(false)]);
same('pyodide_py is the Python package', (py) => py.pyodide_py.ffi.to_js.toString().startsWith('<'));
differs('canvas keeps the 2D and 3D canvases', 'under node Pyodide\'s getCanvas2D() does not give back what setCanvas2D() was given', (py) => {
  const c2 = { id: 'c2' };
  const c3 = { id: 'c3' };
  py.canvas.setCanvas2D(c2);
  py.canvas.setCanvas3D(c3);
  return [py.canvas.getCanvas2D() === c2, py.canvas.getCanvas3D() === c3];
}, (isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, [true, true]);
  assert.deepEqual(pyodide.value, [false, true]);
});

/** Build an archive with Python's own shutil on the runtime, then unpack it elsewhere. */
function unpackCase(format, fmtArg) {
  return (py) => {
    const bytes = py.runPython(`
import io, os, shutil, tempfile
src = tempfile.mkdtemp()
os.makedirs(f"{src}/pkg/sub")
open(f"{src}/pkg/a.txt", "w").write("alpha")
open(f"{src}/pkg/sub/b.txt", "w").write("beta")
base = shutil.make_archive(tempfile.mktemp(), ${JSON.stringify(format)}, src)
data = open(base, "rb").read()
from pyodide.ffi import to_js
to_js(memoryview(data))
`);
    const dir = `/tmp/unpacked-${format}-${Math.random().toString(36).slice(2)}`;
    py.unpackArchive(bytes, fmtArg, { extractDir: dir });
    return py.runPython(`
import os
sorted(os.path.relpath(os.path.join(d, f), ${JSON.stringify(dir)}) for d, _, fs in os.walk(${JSON.stringify(dir)}) for f in fs)
`).toJs();
  };
}
same('unpackArchive zip', unpackCase('zip', 'zip'));
same('unpackArchive tar', unpackCase('tar', 'tar'));
same('unpackArchive tar.gz by its suffix', unpackCase('gztar', 'tar.gz'));
same('unpackArchive tgz', unpackCase('gztar', 'tgz'));
same('unpackArchive bztar', unpackCase('bztar', '.tar.bz2'));
same('unpackArchive into the working directory by default', (py) => {
  const bytes = py.runPython(`
import io, zipfile, os
os.makedirs("/tmp/wd", exist_ok=True); os.chdir("/tmp/wd")
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("here.txt", "x")
from pyodide.ffi import to_js
to_js(buf.getvalue())
`);
  py.unpackArchive(bytes, 'zip');
  return py.runPython('import os; os.path.exists("/tmp/wd/here.txt")');
});
same('unpackArchive of something that is no binary data: TypeError in Pyodide\'s words', (py) => py.unpackArchive([1, 2, 3], 'zip', 'abc'));
test('unpackArchive with an unknown format is an Error on both', async () => {
  const [isthmus, pyodide] = await both((py) => py.unpackArchive(new Uint8Array(4), 'rar'));
  assert.ok(isthmus.error && pyodide.error, JSON.stringify([isthmus, pyodide]));
});

// ---- loadPyodide options (a runtime of each per case) --------------------------

/** The same loadPyodide options on both runtimes, then `code`'s result. */
async function withOptions(options, code) {
  const out = [];
  for (const load of [loadIsthmus, loadReference]) {
    const py = await load({ stdout: () => {}, stderr: () => {}, ...options });
    const r = py.runPython(code);
    out.push(r?.toJs ? r.toJs() : r);
  }
  return out;
}

test('env sets os.environ and HOME is the working directory', async () => {
  const [isthmus, pyodide] = await withOptions({ env: { FOO: 'bar', HOME: '/home/me' } },
    'import os; [os.environ.get("FOO"), os.environ.get("HOME"), os.getcwd()]');
  assert.deepEqual(isthmus, pyodide);
  assert.deepEqual(isthmus, ['bar', '/home/me', '/home/me']);
});

test('without env, HOME and the working directory are /home/pyodide; USER is web_user', async () => {
  const [isthmus, pyodide] = await withOptions({},
    'import os; [os.environ.get("HOME"), os.getcwd(), os.environ.get("USER"), os.path.expanduser("~")]');
  assert.deepEqual(isthmus, pyodide);
  assert.deepEqual(isthmus, ['/home/pyodide', '/home/pyodide', 'web_user', '/home/pyodide']);
});

test('args is python\'s command line: -X dev, -O, and sys.argv', async () => {
  const [isthmus, pyodide] = await withOptions({ args: ['-X', 'dev', '-O', 'prog', 'a1'] },
    'import sys; [sys.flags.dev_mode, sys.flags.optimize, sys.argv]');
  assert.deepEqual(isthmus, pyodide);
  assert.deepEqual(isthmus, [true, 1, ['prog', 'a1']]);
});

test('fsInit gets the filesystem before Python starts', async () => {
  const infos = [];
  const fsInit = (FS, info) => {
    infos.push(typeof info.sitePackages);
    FS.mkdirTree('/data');
    FS.writeFile('/data/seed.txt', 'seeded');
  };
  const [isthmus, pyodide] = await withOptions({ fsInit }, 'open("/data/seed.txt").read()');
  assert.deepEqual([isthmus, pyodide], ['seeded', 'seeded']);
  assert.deepEqual(infos, ['string', 'string']);
});

test('a .pth file fsInit writes into site-packages adds its directories to sys.path (at the end, as site does)', async () => {
  const fsInit = async (FS, { sitePackages }) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    FS.writeFile(`${sitePackages}/blah.pth`, 'foo\nbar\nbletch');
    FS.mkdir(`${sitePackages}/foo`);
    FS.mkdir(`${sitePackages}/bar`);
  };
  const [isthmus, pyodide] = await withOptions({ fsInit }, 'import sys; [p.rsplit("/", 2)[1:] for p in sys.path[-2:]]');
  assert.deepEqual(isthmus, pyodide);
  assert.deepEqual(isthmus, [['site-packages', 'foo'], ['site-packages', 'bar']]);
});

test('convertNullToNone: JS null crosses as None', async () => {
  const [isthmus, pyodide] = await withOptions({ convertNullToNone: true },
    `import js; [js.JSON.parse("null") is None, js.JSON.parse("[null]")[0] is None, js.JSON.parse('{"a": null}').a is None]`);
  assert.deepEqual(isthmus, pyodide);
});

test('pyproxyToStringRepr: String(proxy) is repr()', async () => {
  for (const load of [loadIsthmus, loadReference]) {
    const py = await load({ stdout: () => {}, pyproxyToStringRepr: true });
    const p = py.runPython('class A:\n    def __str__(self): return "str"\n    def __repr__(self): return "repr"\nA()');
    assert.equal(String(p), 'repr');
    p.destroy();
  }
});

test('toJsLiteralMap: dicts convert (toJs and to_js) to LiteralMaps, Maps whose string keys are also properties', async () => {
  const out = [];
  for (const load of [loadIsthmus, loadReference]) {
    const py = await load({ stdout: () => {}, toJsLiteralMap: true });
    const d = py.runPython("{'a': 1, 'b': {'c': 2}, 3: 'x', 'size': 'S', 'get': 'G'}");
    const m = d.toJs();
    d.destroy();
    const r = [m.constructor.name, m instanceof Map, m.a, m.b.constructor.name, m.b.c, m[3], m.get(3), m.size,
      typeof m.get, m.get('size'), Object.keys(m), JSON.stringify(m), 'a' in m, 'zz' in m,
      Object.prototype.toString.call(m)];
    m.added = 5;
    m.set('other', 6);
    r.push(m.get('added'), m.other, delete m.a, m.has('a'), [...m.keys()]);
    const t = py.runPython("from pyodide.ffi import to_js; import js; [to_js({'q': [1, {'z': 2}]}), to_js({'q': 1}, dict_converter=js.Object.fromEntries)]");
    r.push(t[0].constructor.name, t[0].q[1].constructor.name, t[0].q[1].z, t[1].constructor.name);
    t.destroy();
    out.push(r);
  }
  assert.deepEqual(out[0], out[1]);
  assert.equal(out[0][0], 'LiteralMap');
});

test('fullStdLib, checkAPIVersion and enableRunUntilComplete are accepted; run_until_complete on the WebLoop is a RuntimeError in both (no stack switching)', async () => {
  const [isthmus, pyodide] = await withOptions({ fullStdLib: true, checkAPIVersion: true, enableRunUntilComplete: true }, `
import asyncio, json
async def c():
    return 5
try:
    r = asyncio.get_event_loop().run_until_complete(c())
except RuntimeError:
    r = "RuntimeError"
[r, json.dumps([1])]`);
  assert.deepEqual(isthmus, pyodide);
  assert.deepEqual(isthmus, ['RuntimeError', '[1]']);
});

same('registerComlink takes the Comlink module (its proxies need no help in either) and the runtime goes on', (py) =>
  [py.registerComlink({ createEndpoint: Symbol('createEndpoint'), proxyMarker: Symbol('marker') }), py.runPython('1 + 1')]);

same('pyodide.ffi.InternalError is an Exception subclass that except clauses can name', (py) => py.runPython(`
from pyodide.ffi import InternalError
try:
    raise InternalError("x")
except InternalError as e:
    r = [issubclass(InternalError, Exception), str(e)]
r`).toJs());

differs('pyVersionTuple and abiVersion', 'Pyodide 314 keeps them on its internal API object; Isthmus has them on the runtime', (py) =>
  [py.pyVersionTuple, py.abiVersion], (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, [[3, 11, 2], 'emscripten_3_1_6']);
    assert.deepEqual(pyodide.value, [undefined, undefined]);
  });

differs('pyodide.ffi.IN_BROWSER', 'Pyodide 314 renamed it IN_PYODIDE; Isthmus keeps both for programs written for older Pyodide', (py) =>
  py.runPython('import pyodide.ffi as f; [getattr(f, "IN_BROWSER", "absent"), f.IN_PYODIDE]').toJs(), (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, [true, true]);
    assert.deepEqual(pyodide.value, ['absent', true]);
  });

// ---- ffi's PyProxy subclasses --------------------------------------------------

same('instanceof the ffi PyProxy subclasses', (py) => {
  const names = ['PyProxyWithLength', 'PyProxyWithGet', 'PyProxyWithSet', 'PyProxyWithHas', 'PyDict',
    'PyIterable', 'PyAsyncIterable', 'PyIterator', 'PyAsyncIterator', 'PyGenerator', 'PyAsyncGenerator',
    'PyAwaitable', 'PyCallable', 'PyBuffer', 'PySequence', 'PyMutableSequence'];
  const objects = py.runPython(`
import array
def gen(): yield 1
async def agen(): yield 1
async def coro(): pass
c = coro()
c.close()
[{}, [1], "s", 3, len, gen(), agen(), iter([1]), array.array("d", [1.0]), object(), set(), c]
`);
  try {
    const out = [];
    for (let i = 0; i < objects.length; i++) {
      const o = objects.get(i);
      out.push(names.filter((n) => o instanceof py.ffi[n]).join(' '));
      if (o?.destroy) o.destroy();
    }
    out.push(String(3 instanceof py.ffi.PyCallable), String({} instanceof py.ffi.PyDict));
    return out;
  } finally {
    objects.destroy();
  }
});
differs('a tuple is a PySequence', 'Pyodide 314 also calls it a PyMutableSequence, which it is not', (py) => {
  const t = py.runPython('(1, 2)');
  try {
    return [t instanceof py.ffi.PySequence, t instanceof py.ffi.PyMutableSequence];
  } finally {
    t.destroy();
  }
}, (isthmus, pyodide) => {
  assert.deepEqual(isthmus.value, [true, false]);
  assert.deepEqual(pyodide.value, [true, true]);
});
same('a getBuffer() view is a PyBufferView', (py) => {
  const a = py.runPython('import array; array.array("i", [1, 2])');
  const v = a.getBuffer();
  try {
    return [v instanceof py.ffi.PyBufferView, a instanceof py.ffi.PyBufferView];
  } finally {
    v.release();
    a.destroy();
  }
});

test('pyxhr under node: a clear XHRError (no XMLHttpRequest); Pyodide gives a NameError', async () => {
  const [isthmus, pyodide] = await both((py) => py.runPython(`
from pyodide.http import pyxhr
try:
    pyxhr.get("http://127.0.0.1:9/x")
except Exception as e:
    r = [type(e).__name__, str(e)]
r
`).toJs());
  assert.equal(isthmus.value[0], 'XHRError');
  assert.match(isthmus.value[1], /needs XMLHttpRequest.*pyfetch/);
  assert.equal(pyodide.value[0], 'NameError');
});

same('exit() and quit() exist, and the working directory is first on sys.path', (py) => {
  const r = py.runPython('import sys, builtins\n[sys.path[0], callable(builtins.exit), callable(builtins.quit), "copyright" in dir(builtins)]').toJs();
  try {
    py.runPython('exit(3)');
  } catch (e) {
    r.push(e.type, e.message.trim().split('\n').pop());
  }
  return r;
});

same('a PyProxy: "then" in an awaitable, "prototype" and Symbol.hasInstance in a callable, length is a getter, apply() takes array-likes', (py) => {
  const [coro, f, sized] = py.runPython(`
async def c():
    return 1
class Sized:
    def __len__(self):
        return 9
def f(*args):
    return list(args)
[c(), f, Sized()]`);
  try {
    const r = [['then', 'catch', 'finally'].map((k) => k in coro), 'prototype' in f, Symbol.hasInstance in f, 'then' in f];
    r.push((() => { 'use strict'; try { sized.length = 10; return 'set'; } catch (e) { return e.constructor.name; } })(), sized.length);
    delete sized.length;
    r.push(sized.length);
    for (const input of [undefined, null, {}, { 0: 1, 1: 7, length: 2 }, [1, 7, 9], function (_a, _b, _c) {}]) {
      r.push(plain(f.apply(undefined, input)));
    }
    for (const bad of [1, 'abc', true]) {
      try {
        f.apply(undefined, bad);
        r.push('no error');
      } catch (e) {
        r.push(e.constructor.name);
      }
    }
    return r;
  } finally {
    for (const p of [coro, f, sized]) p.destroy();
    py.runPython('import gc; gc.collect()');
  }
});

same('bind() of a callable PyProxy keeps its this for captureThis(), and binds again as JS does', (py) => {
  const g = py.runPython('from pyodide.ffi import to_js\ndef f(*args):\n    return to_js(args)\nf');
  try {
    const f = g.captureThis();
    const f1 = f.bind(1);
    const g1 = g.bind(1, 2, 3, 4);
    const g2 = g1.bind(5, 6, 7, 8);
    const g3 = g2.captureThis();
    return [f1(2, 3), f1.bind(2)(3), g1(-1), g2(-1), g3(-1)].map((r) => JSON.stringify(r));
  } finally {
    g.destroy();
  }
});

test('env values may be numbers (the environment holds their text)', async () => {
  const [isthmus, pyodide] = await withOptions({ env: { ISTHMUS_NUM: 1 } }, 'import os; os.environ.get("ISTHMUS_NUM")');
  assert.deepEqual(isthmus, pyodide);
  assert.equal(isthmus, '1');
});

same('with setDebug(true), a destroyed proxy\'s message gives the type and the repr', (py) => {
  const old = py.setDebug(true);
  const p = py.runPython('[1, 2]');
  p.destroy();
  py.setDebug(old);
  try {
    p.type;
    return 'no error';
  } catch (e) {
    return /The object was of type "list" and had repr "\[1, 2\]"/.test(e.message);
  }
});

same("a borrowed argument proxy's and a destroyed proxy's messages, with setDebug off and on", (py) => {
  const messages = [];
  for (const debug of [false, true]) {
    const old = py.setDebug(debug);
    let kept;
    globalThis.isthmusKeepArgument = (x) => { kept = x; };
    try {
      py.runPython('from js import isthmusKeepArgument\nisthmusKeepArgument([])');
      const p = py.runPython('[1]');
      p.destroy();
      for (const use of [() => kept.length, () => p.length]) {
        try {
          use();
        } catch (e) {
          messages.push(e.message);
        }
      }
    } finally {
      delete globalThis.isthmusKeepArgument;
      py.setDebug(old);
    }
  }
  return messages;
});

same('checkInterrupt() in a JS function Python calls raises KeyboardInterrupt at that call, and the runtime goes on', (py) => {
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  py.setInterruptBuffer(buffer);
  py.registerJsModule('interrupting', { cb: () => { buffer[0] = 2; py.checkInterrupt(); return 'not interrupted'; } });
  try {
    const r = py.runPython(`
import interrupting
try:
    r = interrupting.cb()
except KeyboardInterrupt as e:
    r = ["KeyboardInterrupt", str(e)]
r`);
    return [plain(r), buffer[0], py.runPython('6 * 7')];
  } finally {
    py.setInterruptBuffer(undefined);
    py.unregisterJsModule('interrupting');
    py.runPython('import sys; sys.modules.pop("interrupting", None); del interrupting');
  }
});

same('mountNodeFS: a second mount at a mount point, a missing host path and a host file are Errors that say so', async (py) => {
  const os = await import('node:os');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-mount-'));
  fs.writeFileSync(path.join(tmp, 'a'), 'xyz');
  const at = `/compat_mounts/${path.basename(tmp)}`;
  const out = [];
  const attempt = (f) => {
    try {
      f();
      out.push('ok');
    } catch (e) {
      out.push(`${e.constructor.name}: ${e.message}`.replaceAll(tmp, 'TMP').replaceAll(at, 'AT'));
    }
  };
  try {
    attempt(() => py.mountNodeFS(`${at}/1`, tmp));
    attempt(() => py.mountNodeFS(`${at}/1`, tmp));
    attempt(() => py.mountNodeFS(`${at}/2`, '/this/path/does-not/exist'));
    attempt(() => py.mountNodeFS(`${at}/3`, path.join(tmp, 'a')));
    out.push(py.FS.readFile(`${at}/1/a`, { encoding: 'utf8' }));
    py.FS.unmount(`${at}/1`);
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true });
  }
});
