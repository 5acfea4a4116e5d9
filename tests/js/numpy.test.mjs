// NumPy arrays and JavaScript without copies (issue 13): getBuffer views for
// every dtype with a JS counterpart, layouts (F order, strides, negative
// strides, 0-d), read-only flags, lifetime (views outlive the array, survive
// memory growth), writes seen both ways; toJs with bulk copies; JS binary
// data into ndarrays.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide } from './dist.mjs';
import { at, withBuffer } from './buffer_views.mjs';

let py;
before(async () => {
  py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  await py.loadPackage('numpy');
  py.runPython('import gc, numpy as np');
});



const DTYPES = [
  ['int8', Int8Array, 'b'], ['uint8', Uint8Array, 'B'], ['int16', Int16Array, 'h'],
  // int32 is C long on wasm32 (NumPy's 'l'), as on 32-bit platforms.
  ['uint16', Uint16Array, 'H'], ['int32', Int32Array, 'l'], ['uint32', Uint32Array, 'L'],
  ['int64', BigInt64Array, 'q'], ['uint64', BigUint64Array, 'Q'], ['float32', Float32Array, 'f'],
  ['float64', Float64Array, 'd'],
];

test('getBuffer gives a TypedArray over the ndarray for every integer and float dtype', () => {
  for (const [dtype, Type, format] of DTYPES) {
    withBuffer(py, `np.arange(6, dtype='${dtype}').reshape(2, 3)`, (v) => {
      assert.ok(v.data instanceof Type, dtype);
      assert.equal(v.format.replace(/^[@=<]/, ''), format, dtype);
      assert.deepEqual(v.shape, [2, 3]);
      assert.deepEqual(v.strides, [3, 1]);
      assert.equal(v.itemsize, Type.BYTES_PER_ELEMENT);
      assert.equal(v.c_contiguous, true);
      const big = Type === BigInt64Array || Type === BigUint64Array;
      assert.equal(at(v, 1, 2), big ? 5n : 5, dtype);
    });
  }
});

test('bool, float16 and complex come with their format named', () => {
  withBuffer(py, 'np.array([True, False, True])', (v) => {
    assert.ok(v.data instanceof Uint8Array);
    assert.equal(v.format, '?');
    assert.deepEqual([...v.data], [1, 0, 1]);
  });
  withBuffer(py, 'np.array([1.0, -2.0], dtype=np.float16)', (v) => {
    assert.ok(v.data instanceof Uint16Array, 'float16 as its bits');
    assert.equal(v.format, 'e');
    assert.deepEqual([...v.data], [0x3c00, 0xc000]);
  });
  for (const [dtype, Type, format] of [['complex64', Float32Array, 'Zf'], ['complex128', Float64Array, 'Zd']]) {
    withBuffer(py, `np.array([1+2j, 3-4j], dtype=np.${dtype})`, (v) => {
      assert.ok(v.data instanceof Type, dtype);
      assert.equal(v.format, format);
      assert.equal(v.itemsize, 2 * Type.BYTES_PER_ELEMENT);
      assert.deepEqual(v.strides, [2], 'in elements of data: real and imaginary parts interleaved');
      assert.deepEqual([at(v, 1), v.data[v.offset + v.strides[0] + 1]], [3, -4]);
    });
  }
});

test('F order, strided and negatively strided views and 0-d arrays', () => {
  withBuffer(py, 'np.asfortranarray(np.arange(6.0).reshape(2, 3))', (v) => {
    assert.deepEqual(v.strides, [1, 2]);
    assert.equal(v.f_contiguous, true);
    assert.equal(v.c_contiguous, false);
    assert.equal(at(v, 1, 2), 5);
    assert.equal(at(v, 0, 1), 1);
  });
  withBuffer(py, 'np.arange(20.0)[::-3]', (v) => {
    assert.deepEqual(v.shape, [7]);
    assert.deepEqual(v.strides, [-3]);
    assert.deepEqual(Array.from({ length: 7 }, (_, i) => at(v, i)), [19, 16, 13, 10, 7, 4, 1]);
  });
  withBuffer(py, 'np.arange(24, dtype=np.int32).reshape(4, 6)[::2, ::-2]', (v) => {
    assert.deepEqual(v.shape, [2, 3]);
    assert.deepEqual(v.strides, [12, -2]);
    assert.equal(at(v, 0, 0), 5);
    assert.equal(at(v, 1, 2), 13);
  });
  withBuffer(py, 'np.array(7.5)', (v) => {
    assert.equal(v.ndim, 0);
    assert.deepEqual(v.shape, []);
    assert.equal(v.data[v.offset], 7.5);
  });
});

test('read-only arrays are flagged', () => {
  withBuffer(py, 'a = np.arange(3.0); a.flags.writeable = False; a', (v) => assert.equal(v.readonly, true));
  withBuffer(py, 'np.frombuffer(b"abcd", dtype=np.uint8)', (v) => assert.equal(v.readonly, true));
  withBuffer(py, 'np.arange(3.0)', (v) => assert.equal(v.readonly, false));
});

test('writes through a view are seen by NumPy and NumPy writes by the view', () => {
  const a = py.runPython('shared = np.zeros((2, 2)); shared');
  const v = a.getBuffer();
  v.data[v.offset + v.strides[0]] = 42;  // [1, 0]
  assert.equal(py.runPython('float(shared[1, 0])'), 42);
  py.runPython('shared[0, 1] = -1.5');
  assert.equal(at(v, 0, 1), -1.5);
  v.release();
  a.destroy();
});

test('a view outlives every Python reference, until release()', () => {
  const start = py._liveCounts();
  const a = py.runPython('tmp = np.arange(1000.0) * 2; tmp');
  const v = a.getBuffer('f64');
  a.destroy();
  py.runPython('del tmp; gc.collect(); junk = [np.ones(1000) for _ in range(50)]; del junk');
  assert.equal(at(v, 999), 1998);
  v.release();
  assert.throws(() => v.data, /released/);
  const end = py._liveCounts();
  assert.equal(end.bufferViews, start.bufferViews);
  assert.equal(end.pyproxies, start.pyproxies);
});

test('data stays valid when wasm memory grows while a view is held', () => {
  const a = py.runPython('held = np.full(1000, 3.25); held');
  const v = a.getBuffer();
  const before = v.data;
  py.runPython('big = np.ones(2**25)');  // 256 MB: memory.grow
  assert.equal(before.length, 0, 'the old TypedArray was detached by the growth');
  assert.equal(at(v, 999), 3.25);
  v.data[0] = 1.5;
  assert.equal(py.runPython('float(held[0])'), 1.5);
  py.runPython('del big, held');
  v.release();
  a.destroy();
});

test('getBuffer of 1e6 elements is O(1): release leaves no view behind', () => {
  const start = py._liveCounts().bufferViews;
  const a = py.runPython('np.arange(1_000_000, dtype=np.float64)');
  for (let i = 0; i < 100; i++) a.getBuffer().release();
  a.destroy();
  assert.equal(py._liveCounts().bufferViews, start);
});

test('toJs and to_js copy NumPy arrays as Pyodide does', () => {
  const t = py.runPython('np.arange(6.0).reshape(2, 3)').toJs();
  assert.deepEqual(t, [new Float64Array([0, 1, 2]), new Float64Array([3, 4, 5])]);
  assert.deepEqual(py.runPython('from pyodide.ffi import to_js; to_js(np.arange(4, dtype=np.int64))'),
    new BigInt64Array([0n, 1n, 2n, 3n]));
  assert.deepEqual(py.runPython('to_js(np.arange(10, dtype=np.int16)[::-3])'), new Int16Array([9, 6, 3, 0]));
  assert.deepEqual(py.runPython('to_js(np.asfortranarray(np.arange(4.0).reshape(2, 2)))'),
    [new Float64Array([0, 1]), new Float64Array([2, 3])]);
  assert.deepEqual(py.runPython('to_js(np.array([True, False]))'), [true, false]);
  assert.throws(() => py.runPython('to_js(np.zeros(2, dtype=np.complex128))'), /ConversionError/);
});

test('JS binary data becomes an ndarray of the matching dtype', () => {
  const cases = [
    [new Float64Array([1.5, -2, 3]), 'float64', [1.5, -2, 3]],
    [new Float32Array([0.5, 2]), 'float32', [0.5, 2]],
    [new Int16Array([-3, 7]), 'int16', [-3, 7]],
    [new Uint8ClampedArray([255, 1]), 'uint8', [255, 1]],
    [new BigInt64Array([-(2n ** 62n), 5n]), 'int64', [-(2n ** 62n), 5]],  // beyond 2**53: a BigInt
    [new Uint32Array([4000000000]), 'uint32', [4000000000]],
    [new Uint8Array([9, 8, 7]).buffer, 'uint8', [9, 8, 7]],
    [new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2), 'uint8', [2, 3]],
  ];
  for (const [value, dtype, expected] of cases) {
    py.globals.set('src', value);
    assert.deepEqual(py.runPython('a = np.asarray(src); [str(a.dtype), a.tolist(), a.flags.writeable]').toJs(),
      [dtype, expected, true], `${value.constructor.name}`);
  }
  py.globals.set('src', new Float64Array([1, 2, 3, 4]));
  assert.equal(py.runPython('float(np.frombuffer(src.to_memoryview(), dtype=np.float64).sum())'), 10);
  assert.equal(py.runPython('float(np.asarray(src.to_py()).sum())'), 10);
  assert.equal(py.runPython('a = np.asarray(src, dtype=np.float32); str(a.dtype)'), 'float32');
  py.globals.set('src', [1, 2.5, 4]);
  assert.deepEqual(py.runPython('np.array(src.to_py()).tolist()').toJs(), [1, 2.5, 4]);
  assert.deepEqual(py.runPython('np.asarray(src).tolist()').toJs(), [1, 2.5, 4]);
  py.globals.delete('src');
});

test('the copy is independent of the JS array, and copy=False says why it cannot be', () => {
  const js = new Float64Array([1, 2]);
  py.globals.set('src', js);
  py.runPython('a = np.asarray(src); a[0] = 99');
  assert.equal(js[0], 1);
  assert.throws(() => py.runPython('np.asarray(src, copy=False)'), /copy=False/);
  assert.equal(py.runPython('float(a[0])'), 99, 'the runtime still works');
  py.globals.delete('src');
});

test('unsupported dtypes give a clear error and the runtime keeps working', () => {
  const a = py.runPython('np.zeros(2, dtype=np.longdouble)');
  assert.throws(() => a.getBuffer(), /long double has no JS counterpart/);
  const raw = a.getBuffer('u8');
  assert.equal(raw.data.length, 32);
  raw.release();
  a.destroy();
  const s = py.runPython("np.zeros(2, dtype=[('x', 'i4'), ('y', 'f8')])");
  assert.throws(() => s.getBuffer(), /unsupported buffer format/);
  s.destroy();
  assert.equal(py.runPython('int(np.arange(10).sum())'), 45);
});

test('NumPy loads on demand (loadPyodide packages, loadPackagesFromImports, micropip) and never unasked', async () => {
  const quiet = { stdout: () => {}, stderr: () => {} };
  const plain = await loadPyodide(quiet);
  assert.equal(plain.loadedPackages.numpy, undefined);
  assert.throws(() => plain.runPython('import numpy'), /ModuleNotFoundError/);
  const withPackages = await loadPyodide({ ...quiet, packages: ['numpy'] });
  assert.equal(withPackages.runPython('import numpy; int(numpy.ones(3).sum())'), 3);
  const fromImports = await loadPyodide(quiet);
  await fromImports.loadPackagesFromImports('import numpy as np\nprint(np.zeros(1))', { messageCallback: () => {} });
  assert.equal(fromImports.loadedPackages.numpy, 'default channel');
  const viaMicropip = await loadPyodide(quiet);
  await viaMicropip.loadPackage('micropip', { messageCallback: () => {} });
  await viaMicropip.runPythonAsync('import micropip\nawait micropip.install("numpy")');
  assert.equal(viaMicropip.runPython('import numpy; numpy.__version__'), '2.4.6');
});
