"""JS binary data seen from Python: copies both ways (issue 4)."""
import array

import pytest

import js


def test_to_bytes_to_memoryview_and_to_py_copy_with_the_right_format():
    a = js.Float64Array.new([1.5, -2.5])
    assert a.to_bytes() == array.array("d", [1.5, -2.5]).tobytes()
    mv = a.to_memoryview()
    assert mv.format == "d" and mv.tolist() == [1.5, -2.5]
    mv[0] = 7.0  # a copy: the JS array is unchanged
    assert a[0] == 1.5
    assert a.to_py().tolist() == [1.5, -2.5]
    for ctor, fmt in [("Int8Array", "b"), ("Uint8Array", "B"), ("Int16Array", "h"), ("Uint16Array", "H"),
                      ("Int32Array", "i"), ("Uint32Array", "I"), ("Float32Array", "f"),
                      ("BigInt64Array", "q"), ("BigUint64Array", "Q"), ("Uint8ClampedArray", "B")]:
        assert getattr(js, ctor).new(3).to_memoryview().format == fmt, ctor
    buf = js.ArrayBuffer.new(4)
    assert buf.to_py().format == "B" and buf.to_bytes() == b"\0" * 4
    dv = js.DataView.new(buf)
    dv.setUint8(1, 200)
    assert dv.to_bytes() == b"\0\xc8\0\0"


def test_to_string_decodes():
    data = js.TextEncoder.new().encode("héllo €")
    assert data.to_string() == "héllo €"
    assert js.Uint8Array.new([104, 233]).to_string("latin-1") == "hé"


def test_assign_and_assign_to():
    a = js.Int32Array.new(3)
    a.assign(array.array("i", [1, -2, 3]))
    assert list(a) == [1, -2, 3]
    target = bytearray(12)
    a.assign_to(memoryview(target).cast("i"))  # items of the array's size, as Pyodide checks
    assert array.array("i", bytes(target)).tolist() == [1, -2, 3]
    b = js.Uint8Array.new(3)
    b.assign(b"xyz")
    assert b.to_bytes() == b"xyz"


def test_mismatches_say_which():
    a = js.Float64Array.new(2)
    with pytest.raises(ValueError, match="cannot assign to TypedArray of 16 bytes from buffer of 8 bytes"):
        a.assign(array.array("d", [1.0]))
    with pytest.raises(ValueError, match=r"incompatible formats \(items of 8 and 4 bytes\)"):
        a.assign(array.array("i", [1, 2, 3, 4]))
    with pytest.raises(ValueError, match="cannot assign from TypedArray"):
        a.assign_to(bytearray(3))
    with pytest.raises(BufferError):  # bytes are read-only, as CPython says
        a.assign_to(b"sixteen bytes!!!")
    with pytest.raises(AttributeError, match="to_bytes"):  # only binary data has it, as in Pyodide
        js.Object.new().to_bytes()
    assert len(a) == 2
