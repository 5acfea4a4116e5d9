// ctypes seen from JS: NumPy's ctypes interop (np.ctypeslib, arr.ctypes, a
// libc call on array memory; NumPy's own tests use them), and a wasm trap
// inside a C function called through ctypes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide } from './dist.mjs';

const load = () => loadPyodide({ stdout: () => {}, stderr: () => {} });

test('a trap in a C function called through ctypes is a JS error; the runtime goes on', async () => {
  const py = await load();
  // strlen() of an address past the end of wasm memory: "memory access out of bounds".
  assert.throws(() => py.runPython(`
import ctypes
ctypes.CDLL(None).strlen(ctypes.c_void_p(0xfffffff0))
`), (e) => e instanceof WebAssembly.RuntimeError && /out of bounds/.test(e.message));
  // The interpreter still holds its thread state (ctypes keeps the GIL on wasm).
  assert.equal(py.runPython('import ctypes; ctypes.CDLL(None).abs(-7) + sum(range(10))'), 52);
});

test('NumPy arrays through ctypes: arr.ctypes, np.ctypeslib, a C call on array memory', async () => {
  const py = await load();
  await py.loadPackage('numpy', { messageCallback: () => {} });
  const out = py.runPython(`
import ctypes
import numpy as np
a = np.arange(4, dtype=np.float64)
a.ctypes.data_as(ctypes.POINTER(ctypes.c_double))[2] = 20.0
libc = ctypes.CDLL(None)
libc.memset.argtypes = [np.ctypeslib.ndpointer(np.uint8, flags="C_CONTIGUOUS"), ctypes.c_int, ctypes.c_size_t]
libc.memset.restype = ctypes.c_void_p
b = np.ones(4, dtype=np.uint8)
libc.memset(b, 7, b.size)
c = np.ctypeslib.as_array((ctypes.c_int32 * 3)(1, 2, 3))
d = np.ctypeslib.as_ctypes(np.array([1.5, 2.5]))
[a.tolist(), b.tolist(), c.tolist(), c.dtype.str, list(d), type(d)._type_ is ctypes.c_double,
 a.ctypes.data == ctypes.addressof(ctypes.c_char.from_address(a.ctypes.data)),
 np.dtype(ctypes.c_long).itemsize, np.ctypeslib.as_ctypes_type(np.int64) is ctypes.c_int64]
`).toJs();
  assert.deepEqual(out, [[0, 1, 20, 3], [7, 7, 7, 7], [1, 2, 3], '<i4', [1.5, 2.5], true, true, 4, true]);
});
