"""JS binary data into NumPy with one copy: `np.asarray(js_typed_array)`.

NumPy asks an object for `__array__` when it exports no buffer. JsProxy gets
one here (NumPy itself is imported only when NumPy calls it): a TypedArray,
ArrayBuffer or DataView becomes an ndarray of the matching dtype filled by a
single bulk copy from JS; a JS Array goes through `to_py()`; anything else
is a 0-d object array, as NumPy makes of objects it does not know.
"""
from . import _core

# Object.prototype.toString tags -> NumPy dtype (wasm32 is little-endian).
DTYPES = {
    "Int8Array": "i1", "Uint8Array": "u1", "Uint8ClampedArray": "u1", "Int16Array": "<i2",
    "Uint16Array": "<u2", "Int32Array": "<i4", "Uint32Array": "<u4", "BigInt64Array": "<i8",
    "BigUint64Array": "<u8", "Float32Array": "<f4", "Float64Array": "<f8",
    "ArrayBuffer": "u1", "SharedArrayBuffer": "u1", "DataView": "u1",
}


def _tag(obj):
    import _isthmus_js

    return str(_isthmus_js.Object.prototype.toString.call(obj))[8:-1]


def __array__(self, dtype=None, copy=None):
    import numpy as np

    if copy is False:
        raise ValueError("JS data is copied into NumPy (it lives outside wasm memory): "
                         "copy=False cannot be honoured")
    tag = _tag(self)
    if tag in DTYPES:
        base = np.dtype(DTYPES[tag])
        out = np.empty(int(self.byteLength) // base.itemsize, dtype=base)
        self.assign_to(out)  # one copy out of JS memory
        return out if dtype is None else out.astype(dtype, copy=False)
    if tag == "Array":
        return np.array(self.to_py(), dtype=dtype)
    out = np.empty((), dtype=object)
    out[()] = self
    return out


def install():
    _core.JsProxy.__array__ = __array__
