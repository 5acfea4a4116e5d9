// PyProxy.getBuffer(): zero-copy views of Python buffers (issue 4).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide } from './dist.mjs';
import { at, withBuffer } from './buffer_views.mjs';

let py;
before(async () => {
  py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  py.runPython(`
import struct, array
from _isthmus_testing.native._ext import NDBuffer, buffer_counts
def nd(fmt, values, shape, strides, offset=0, memsize=None, readonly=False):
    order = fmt[0] if fmt[0] in '<>=!@' else '@'
    code = fmt.lstrip('<>=!@')
    data = struct.pack(order + str(len(values)) + code, *values)
    b = NDBuffer(memsize or len(data), fmt, struct.calcsize(order + code), shape, strides, offset, readonly)
    b.write(0, data)
    return b
`);
});



test('bytes, bytearray, memoryview and array.array without copying', () => {
  withBuffer(py, "b'abc'", (v) => {
    assert.ok(v.data instanceof Uint8Array);
    assert.deepEqual([...v.data], [97, 98, 99]);
    assert.equal(v.readonly, true);
    assert.equal(v.format, 'B');
    assert.deepEqual(v.shape, [3]);
  });
  withBuffer(py, 'ba = bytearray(b"xyz"); ba', (v) => {
    assert.equal(v.readonly, false);
    v.data[0] = 65;  // a write through data is seen by Python
    assert.equal(py.runPython('ba.decode()'), 'Ayz');
  });
  withBuffer(py, 'arr = array.array("i", [1, -2, 3]); arr', (v) => {
    assert.ok(v.data instanceof Int32Array);
    assert.deepEqual([...v.data], [1, -2, 3]);
    py.runPython('arr[1] = 20');  // and a Python write is seen through data
    assert.equal(v.data[1], 20);
    assert.equal(v.itemsize, 4);
    assert.equal(v.nbytes, 12);
  });
  withBuffer(py, 'memoryview(array.array("d", [0.5, 1.5]))', (v) => {
    assert.ok(v.data instanceof Float64Array);
    assert.deepEqual([...v.data], [0.5, 1.5]);
  });
});

test('every supported format picks its TypedArray', () => {
  const cases = [
    ['b', 'Int8Array', [-1, 2, -3]], ['B', 'Uint8Array', [1, 2, 255]], ['h', 'Int16Array', [-300, 2, 3]],
    ['H', 'Uint16Array', [60000, 2, 3]], ['i', 'Int32Array', [-70000, 2, 3]], ['I', 'Uint32Array', [4e9, 2, 3]],
    ['l', 'Int32Array', [-5, 6, 7]], ['L', 'Uint32Array', [5, 6, 7]], ['n', 'Int32Array', [-1, 0, 1]],
    ['N', 'Uint32Array', [1, 0, 1]], ['P', 'Uint32Array', [8, 16, 24]], ['f', 'Float32Array', [0.5, -1.5, 2]],
    ['d', 'Float64Array', [0.1, -2.5, 1e300]], ['q', 'BigInt64Array', [-(2n ** 62n), 1n, 2n]],
    ['Q', 'BigUint64Array', [2n ** 63n, 1n, 2n]],
  ];
  for (const [fmt, name, values] of cases) {
    const list = values.map((x) => x.toString()).join(', ');
    withBuffer(py, `nd('${fmt}', [${list}], (3,), (struct.calcsize('${fmt}'),))`, (v) => {
      assert.equal(v.data.constructor.name, name, fmt);
      assert.deepEqual([...v.data], values, fmt);
      assert.equal(v.format, fmt);
    });
  }
  withBuffer(py, "nd('?', [True, False, True], (3,), (1,))", (v) => assert.deepEqual([...v.data], [1, 0, 1]));
  withBuffer(py, "nd('c', [b'x', b'y'], (2,), (1,))", (v) => assert.deepEqual([...v.data], [120, 121]));
});

test('unsupported and big-endian formats give clear errors; dataview reads them', () => {
  for (const fmt of ['g', 'O']) {
    const size = fmt === 'g' ? 16 : 4;
    const obj = py.runPython(`NDBuffer(${2 * size}, '${fmt}', ${size}, (2,), (${size},))`);
    assert.throws(() => obj.getBuffer(), new RegExp(`unsupported buffer format '${fmt}'`));
    obj.destroy();
  }
  // float16 has no TypedArray: its bits come as u16, the format says so.
  const half = py.runPython("nd('e', [1.0, -2.0], (2,), (2,))");
  const hv = half.getBuffer();
  assert.deepEqual([hv.format, [...hv.data]], ['e', [0x3c00, 0xc000]]);
  hv.release();
  half.destroy();
  const be = py.runPython("nd('>d', [1.25, -2.0], (2,), (8,))");
  assert.throws(() => be.getBuffer(), /big-endian format '>d' needs getBuffer\('dataview'\)/);
  const v = be.getBuffer('dataview');
  assert.ok(v.data instanceof DataView);
  assert.equal(v.data.getFloat64(8, false), -2.0);
  v.release();
  be.destroy();
  assert.throws(() => py.runPython('b"x"').getBuffer('nope'), /unknown type 'nope'/);
  const notBuffer = py.runPython('[1, 2]');
  assert.equal(notBuffer.getBuffer, undefined);  // only buffers have getBuffer(), as in Pyodide
  assert.throws(() => py.ffi.PyProxy.prototype.getBuffer.call(notBuffer), (e) => e.type === 'TypeError');
  notBuffer.destroy();
  assert.equal(py.runPython('1 + 1'), 2);
});

test('a forced type reinterprets the bytes; an impossible layout is an error', () => {
  withBuffer(py, 'array.array("d", [1.0, 2.0])', (v) => {
    assert.ok(v.data instanceof Uint8Array);
    assert.equal(v.data.length, 16);
    assert.deepEqual(v.strides, [8]);
  }, 'u8');
  const odd = py.runPython('b"abc"');
  assert.throws(() => odd.getBuffer('f64'), /does not fit 'f64'/);
  odd.destroy();
});

test('0-d, C- and Fortran-ordered 2-d and 3-d views', () => {
  withBuffer(py, "nd('d', [7.5], (), ())", (v) => {
    assert.equal(v.ndim, 0);
    assert.deepEqual(v.shape, []);
    assert.equal(v.data[v.offset], 7.5);
  });
  withBuffer(py, "nd('i', list(range(6)), (2, 3), (12, 4))", (v) => {
    assert.equal(v.c_contiguous, true);
    assert.equal(v.f_contiguous, false);
    assert.equal(at(v, 1, 2), 5);
  });
  withBuffer(py, "nd('i', list(range(6)), (2, 3), (4, 8))", (v) => {  // Fortran order
    assert.equal(v.f_contiguous, true);
    assert.equal(v.c_contiguous, false);
    assert.deepEqual(v.strides, [1, 2]);
    assert.equal(at(v, 1, 2), 5);
    assert.equal(at(v, 0, 1), 2);
  });
  withBuffer(py, "nd('h', list(range(24)), (2, 3, 4), (24, 8, 2))", (v) => {
    assert.equal(at(v, 1, 2, 3), 23);
    assert.equal(at(v, 0, 1, 2), 6);
  });
});

test('stepped, reversed and offset views (negative strides, non-contiguous 2-d)', () => {
  // A 4x5 int32 block; the view is rows 3,1 (reversed, step 2) and columns 0,2,4.
  withBuffer(py, "nd('i', list(range(20)), (2, 3), (-40, 8), offset=60, memsize=80)", (v) => {
    assert.equal(v.c_contiguous, false);
    assert.deepEqual(v.strides, [-10, 2]);
    const rows = [];
    for (let i = 0; i < 2; i++) rows.push([0, 1, 2].map((j) => at(v, i, j)));
    assert.deepEqual(rows, [[15, 17, 19], [5, 7, 9]]);
  });
  withBuffer(py, 'memoryview(bytes(range(10)))[::-3]', (v) => {
    assert.deepEqual([0, 1, 2, 3].map((i) => at(v, i)), [9, 6, 3, 0]);
  });
  withBuffer(py, "nd('d', [1.0, 2.0, 3.0], (3,), (-8,), offset=16)", (v) => {
    assert.deepEqual([0, 1, 2].map((i) => at(v, i)), [3, 2, 1]);
  });
});

test('read-only views say so; writable ones write through', () => {
  withBuffer(py, "ro = nd('B', [1, 2], (2,), (1,), readonly=True); ro", (v) => assert.equal(v.readonly, true));
  withBuffer(py, "rw = nd('H', [1, 2], (2,), (2,)); rw", (v) => {
    v.data[v.offset + 1] = 500;
    assert.equal(py.runPython("struct.unpack('<2H', rw.read())[1]"), 500);
  });
});

test('data stays valid when wasm memory grows while a view is held', () => {
  const obj = py.runPython('grow_src = array.array("d", [3.25] * 1000); grow_src');
  const v = obj.getBuffer();
  const before = v.data;
  const bytesBefore = py._bridge.memory.buffer.byteLength;
  py.runPython('big = bytearray(256 * 1024 * 1024)');  // forces memory.grow
  assert.ok(py._bridge.memory.buffer.byteLength > bytesBefore, 'memory grew');
  assert.equal(before.length, 0, 'the old TypedArray was detached by the growth');
  assert.equal(v.data.length, 1000, 'data is re-created, not silently empty');
  assert.equal(v.data[999], 3.25);
  v.data[0] = 1.5;
  assert.equal(py.runPython('grow_src[0]'), 1.5);
  py.runPython('del big');
  v.release();
  obj.destroy();
});

test('a view holds exactly one buffer until release(); Symbol.dispose releases', () => {
  const counts = () => py.runPython('list(buffer_counts())').toJs();
  const obj = py.runPython("held = nd('i', [1, 2, 3], (3,), (4,)); import sys; held");
  const refs = () => py.runPython('sys.getrefcount(held)');
  const [e0, r0] = counts();
  const refs0 = refs();
  const v = obj.getBuffer();
  assert.deepEqual(counts(), [e0 + 1, r0]);
  assert.equal(refs(), refs0 + 1, 'the view holds a reference to the exporter');
  v.release();
  assert.deepEqual(counts(), [e0 + 1, r0 + 1]);
  assert.equal(refs(), refs0, 'reference counts return to their start');
  assert.throws(() => v.data, /released/);
  v.release();  // twice is harmless
  const w = obj.getBuffer();
  w[Symbol.dispose]();
  assert.deepEqual(counts(), [e0 + 2, r0 + 2]);
  obj.destroy();
});

test('forgotten views are released by the FinalizationRegistry', async () => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');
  const counts = () => py.runPython('list(buffer_counts())').toJs();
  const obj = py.runPython("forgot = nd('B', [1], (1,), (1,)); forgot");
  const [, r0] = counts();
  (() => { for (let i = 0; i < 20; i++) obj.getBuffer(); })();
  for (let i = 0; i < 10 && counts()[1] < r0 + 20; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(counts()[1], r0 + 20);
  obj.destroy();
});

test('_liveCounts().bufferViews counts views released and finalized', async () => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');
  const obj = py.runPython("import array; array.array('d', [1.0, 2.0])");
  const start = py._liveCounts().bufferViews;
  const kept = obj.getBuffer();
  assert.equal(py._liveCounts().bufferViews, start + 1);
  kept.release();
  assert.equal(py._liveCounts().bufferViews, start);
  (() => { for (let i = 0; i < 50; i++) obj.getBuffer(); })();  // forgotten
  assert.equal(py._liveCounts().bufferViews, start + 50);
  for (let i = 0; i < 20 && py._liveCounts().bufferViews > start; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(py._liveCounts().bufferViews, start);
  obj.destroy();
});

test('a getBuffer() error does not keep the PyProxy alive (issue 18)', async () => {
  // The error of an unsupported format was cached, stack and all: its stack
  // kept the first PyProxy that hit it (and the Python object) alive.
  py.runPython(`
import weakref
import array
half = array.array('u', 'hi')
half_ref = weakref.ref(half)
`);
  (() => {
    const half = py.runPython('half');
    assert.throws(() => half.getBuffer(), /unsupported buffer format/);
  })();
  py.runPython('del half');
  for (let i = 0; i < 20 && py.runPython('half_ref() is not None'); i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(py.runPython('half_ref() is None'), true);
});
