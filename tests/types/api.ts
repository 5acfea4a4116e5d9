// The public API used as README.md and js/isthmus.d.ts document it. Only
// type-checked (tsc --noEmit, tools/lint.sh), never run: a declaration that
// disagrees with the documentation fails here.
import { loadPyodide, PythonError, version } from '../../js/isthmus';
import type {
  IsthmusRuntime, LiveCounts, LoadProgress, Lockfile, LockfilePackage, PackageData, PyBufferView, PyProxy,
} from '../../js/isthmus';

export async function fromNode(): Promise<void> {
  const progress: LoadProgress[] = [];
  const py: IsthmusRuntime = await loadPyodide({
    indexURL: 'dist/',
    stdout: (line: string) => console.log('py:', line),
    stderr: (line) => console.warn(line),
    stdin: () => null,
    jsglobals: globalThis,
    debugHandles: false,
    onProgress: (event) => { progress.push(event); },
    packages: ['markupsafe'],
    lockFileURL: 'dist/pyodide-lock.json',
    packageBaseUrl: 'dist/',
  });
  const v: string = py.version === version ? version : py.version;
  py.runPython('print("hello from", __import__("sys").platform)');
  py.runPython(`
    x = 1
    x + 1`, { filename: 'example.py', dedent: true, globals: py.globals, locals: py.toPy({}) });
  console.log(v, py.runPython('sum(range(10))'));
  try {
    py.runPython('1/0');
  } catch (e) {
    if (e instanceof PythonError) {
      const type: string = e.type;
      const traceback: string = e.message;
      console.log(type, traceback);
    }
    if (e instanceof py.ffi.PythonError) console.log(e.type);
  }
}

export async function bothWays(py: IsthmusRuntime): Promise<void> {
  const greet = py.globals.get('greet');
  if (greet instanceof Object && py.ffi.PyProxy[Symbol.hasInstance](greet)) {
    greet('js');
    greet.callKwargs('js', { punct: '?' });
    greet.destroy();
  }
  const stats = py.pyimport('statistics');
  stats.mean([1, 2, 3, 4]);
  py.registerJsModule('config', { debug: true });
  py.unregisterJsModule('config');

  py.runPython('import array; a = array.array("d", [1.5, 2.5, 3.5])');
  const a: PyProxy = py.globals.get('a');
  const view: PyBufferView = a.getBuffer();
  // `data` is a union (DataView for 'dataview', BigInt64Array for int64...): narrow it first.
  if (view.data instanceof Float64Array) view.data[view.offset] = 42;
  const shape: number[] = view.shape;
  const strides: number[] = view.strides;
  const info: [string, number, boolean, boolean, boolean] = [view.format, view.itemsize, view.readonly,
    view.c_contiguous, view.f_contiguous];
  console.log(shape, strides, info, view.ndim, view.nbytes);
  view.release();
  a.getBuffer('f64')[Symbol.dispose]();
  a.destroy();
  a.destroy({ message: 'already gone' });

  const d: PyProxy = py.runPython('{"x": [1, {2, 3}]}');
  const js = d.toJs({ depth: -1, create_pyproxies: false, dict_converter: Object.fromEntries });
  const kept: PyProxy[] = [];
  d.toJs({ pyproxies: kept, default_converter: (value, convert, cache) => { cache(value, convert(value)); } });
  console.log(js, d.type, d.length, d.toString(), d.has('x'), d.get('x'));
  d.set('y', 1);
  d.delete('y');
  for (const key of d) console.log(key);
  const copy: PyProxy = d.copy();
  copy.destroy();
  py.toPy({ a: [1, 2], m: new Map([[1, 'x']]) });
  py.toPy([1, 2], { depth: 1, defaultConverter: (value, convert, cache) => { cache(value, convert(value)); } });

  const text: unknown = await py.runPythonAsync('import js\nawait js.fetch("data.txt")', { globals: py.globals });
  const double = py.runPython('async def f(x):\n    return x * 2\nf');
  console.log(text, await double(21));
  const gen: PyProxy = py.runPython('(i for i in range(3))');
  const first: IteratorResult<unknown> = gen.next();
  gen.return(undefined);
  console.log(first);
  for await (const item of py.runPython('async def g():\n    yield 1\ng()') as PyProxy) console.log(item);
}

export async function packagesAndTools(py: IsthmusRuntime): Promise<void> {
  const loaded: PackageData[] = await py.loadPackage(['msgpack', 'regex'], {
    messageCallback: (message) => console.log(message),
    errorCallback: (message) => console.error(message),
    checkIntegrity: true,
  });
  await py.loadPackage('https://example.org/wheels/foo-1.0-py3-none-any.whl');
  await py.loadPackagesFromImports('import msgpack\nimport six');
  const lock: Lockfile = py.lockfile;
  const entry: LockfilePackage | undefined = lock.packages.numpy;
  const channel: string | undefined = py.loadedPackages.markupsafe;
  console.log(loaded[0]?.name, loaded[0]?.version, entry?.depends, channel, lock.info.python);

  const before: LiveCounts = py._liveCounts();
  console.log(before.handles, before.pyproxies, before.bufferViews, before.heapBytes);

  py.setInterruptBuffer(new Int32Array(new SharedArrayBuffer(4)));
  py.checkInterrupt();
  py.setInterruptBuffer(undefined);
  py.mountNodeFS('/examples', '.');
  py.flushStdio();
  py.FS.writeFile('/tmp/x', 'y');
}
