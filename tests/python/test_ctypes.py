"""ctypes inside wasm: _ctypes is built into the interpreter on libffi's wasm32
port (Debian trixie's libffi 3.4.8). NumPy's tests import it at top level and
use its types, np.ctypeslib and arr.ctypes; some call C through it."""
import ctypes
import sys

import pytest


def test_ctypes_is_built_in():
    assert "_ctypes" in sys.builtin_module_names
    assert ctypes.pythonapi is not None  # PyDLL(None): dlopen(NULL) at import


@pytest.mark.parametrize(
    "ctype, size",
    [(ctypes.c_char, 1), (ctypes.c_short, 2), (ctypes.c_int, 4), (ctypes.c_long, 4),
     (ctypes.c_longlong, 8), (ctypes.c_size_t, 4), (ctypes.c_ssize_t, 4),
     (ctypes.c_void_p, 4), (ctypes.c_char_p, 4), (ctypes.c_float, 4), (ctypes.c_double, 8),
     (ctypes.c_longdouble, 16), (ctypes.c_wchar, 4), (ctypes.c_bool, 1)],
)
def test_wasm32_sizes(ctype, size):
    # wasm32 is ILP32 with 64-bit long long and a 128-bit long double.
    assert ctypes.sizeof(ctype) == size


def test_alignment():
    assert ctypes.alignment(ctypes.c_int) == 4
    assert ctypes.alignment(ctypes.c_double) == 8
    assert ctypes.alignment(ctypes.c_longlong) == 8
    assert ctypes.alignment(ctypes.c_void_p) == 4


def test_simple_values():
    assert ctypes.c_int(-5).value == -5
    assert ctypes.c_uint(-1).value == 2**32 - 1
    assert ctypes.c_ulonglong(-1).value == 2**64 - 1
    assert ctypes.c_double(2.5).value == 2.5
    assert ctypes.c_char_p(b"abc").value == b"abc"
    assert ctypes.c_wchar_p("é€").value == "é€"


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_double), ("tag", ctypes.c_char)]


def test_structure_layout():
    assert Point.x.offset == 0
    assert Point.y.offset == 8  # double aligns to 8 on wasm32
    assert Point.tag.offset == 16
    assert ctypes.sizeof(Point) == 24
    p = Point(1, 2.5, b"z")
    assert (p.x, p.y, p.tag) == (1, 2.5, b"z")


def test_union_and_bitfields():
    class U(ctypes.Union):
        _fields_ = [("i", ctypes.c_uint32), ("b", ctypes.c_uint8 * 4)]

    u = U(0x01020304)
    assert list(u.b) == [4, 3, 2, 1]  # little endian

    class Bits(ctypes.Structure):
        _fields_ = [("lo", ctypes.c_uint, 4), ("hi", ctypes.c_uint, 28)]

    b = Bits(0xF, 1)
    assert ctypes.sizeof(Bits) == 4
    assert ctypes.c_uint.from_buffer_copy(bytes(b)).value == 0x1F


def test_arrays_pointers_byref():
    arr = (ctypes.c_int * 5)(*range(5))
    assert list(arr) == [0, 1, 2, 3, 4]
    assert ctypes.sizeof(arr) == 20
    p = ctypes.cast(arr, ctypes.POINTER(ctypes.c_int))
    assert p[3] == 3
    p[3] = 30
    assert arr[3] == 30
    i = ctypes.c_int(7)
    pi = ctypes.pointer(i)
    pi.contents.value = 8
    assert i.value == 8
    assert ctypes.cast(ctypes.byref(i), ctypes.c_void_p).value == ctypes.addressof(i)
    assert not ctypes.POINTER(ctypes.c_int)()  # NULL pointer is false


def test_addressof_memmove_memset_string_at():
    buf = ctypes.create_string_buffer(8)
    ctypes.memset(buf, ord("a"), 7)
    assert buf.value == b"aaaaaaa"
    src = ctypes.create_string_buffer(b"wasm")
    ctypes.memmove(ctypes.addressof(buf) + 2, src, 4)
    assert ctypes.string_at(ctypes.addressof(buf), 7) == b"aawasma"
    assert 0 < ctypes.addressof(buf) < 2**32


def test_from_buffer_shares_memory():
    ba = bytearray(b"hello")
    c = (ctypes.c_char * 5).from_buffer(ba)
    c[0] = b"J"
    assert ba == bytearray(b"Jello")
    assert memoryview(c).tobytes() == b"Jello"
    with pytest.raises(TypeError):
        (ctypes.c_char * 5).from_buffer(b"immutable")


def test_call_libc_through_dlopen_null():
    # A main module's exports are what dlopen(NULL)/dlsym see: all of libc.
    libc = ctypes.CDLL(None)
    libc.strlen.argtypes = [ctypes.c_char_p]
    libc.strlen.restype = ctypes.c_size_t
    assert libc.strlen(b"isthmus") == 7
    libc.labs.argtypes = [ctypes.c_long]
    libc.labs.restype = ctypes.c_long
    assert libc.labs(-42) == 42
    libc.llabs.argtypes = [ctypes.c_longlong]
    libc.llabs.restype = ctypes.c_longlong
    assert libc.llabs(-(2**40)) == 2**40  # i64 through BigInt
    libc.ldexp.argtypes = [ctypes.c_double, ctypes.c_int]
    libc.ldexp.restype = ctypes.c_double
    assert libc.ldexp(1.5, 4) == 24.0


def test_varargs_call():
    # A wasm call must match the callee's signature exactly: the fixed
    # arguments of a variadic function have to be declared (argtypes), then
    # ctypes uses ffi_prep_cif_var and the rest go on libffi's varargs stack.
    libc = ctypes.CDLL(None)
    libc.snprintf.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p]
    buf = ctypes.create_string_buffer(64)
    n = libc.snprintf(buf, 64, b"%d-%s-%.1f", 42, b"x", ctypes.c_double(2.5))
    assert buf.value == b"42-x-2.5"
    assert n == 8


def test_pythonapi():
    api = ctypes.pythonapi
    api.Py_GetVersion.restype = ctypes.c_char_p
    assert api.Py_GetVersion().decode().startswith("3.11.2")
    api.PyLong_FromLong.argtypes = [ctypes.c_long]
    api.PyLong_FromLong.restype = ctypes.py_object
    assert api.PyLong_FromLong(123) == 123


def test_structure_by_value_and_pointer():
    libc = ctypes.CDLL(None)

    class div_t(ctypes.Structure):
        _fields_ = [("quot", ctypes.c_int), ("rem", ctypes.c_int)]

    libc.div.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.div.restype = div_t  # returned by value (through a hidden pointer on wasm32)
    r = libc.div(17, 5)
    assert (r.quot, r.rem) == (3, 2)


def test_callback_qsort():
    # libffi closures on wasm32: a new wasm function made from JS per closure.
    libc = ctypes.CDLL(None)
    CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
    calls = []

    def cmp(a, b):
        calls.append(1)
        return a[0] - b[0]

    arr = (ctypes.c_int * 6)(5, 1, 4, 2, 6, 3)
    libc.qsort.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t, CMP]
    libc.qsort.restype = None
    libc.qsort(arr, len(arr), ctypes.sizeof(ctypes.c_int), CMP(cmp))
    assert list(arr) == [1, 2, 3, 4, 5, 6]
    assert calls


def test_callback_called_directly_and_exceptions():
    F = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_double, ctypes.c_longlong)
    f = F(lambda x, n: x * n)
    assert f(1.5, 2**33) == 1.5 * 2**33
    # A Python exception in a callback goes to sys.unraisablehook and the C
    # caller goes on (with an unspecified result), as in CPython: no crash.
    g = ctypes.CFUNCTYPE(ctypes.c_int)(lambda: 1 / 0)
    seen = []
    old_hook, sys.unraisablehook = sys.unraisablehook, seen.append
    try:
        g()
    finally:
        sys.unraisablehook = old_hook
    assert [type(u.exc_value) for u in seen] == [ZeroDivisionError]


def test_invalid_function_pointer_is_an_oserror():
    # A function pointer is an index into the wasm function table; libffi
    # would call a bad one from JS (a JS exception through the interpreter).
    # Our CPython patch checks it first (patches/cpython/ctypes-wasm-calls.patch).
    for bad in (0, 12345678):
        with pytest.raises(OSError, match="not a function of this wasm module"):
            ctypes.CFUNCTYPE(ctypes.c_int)(bad)()
    assert ctypes.CDLL(None).abs(-3) == 3  # and calls go on working


def test_wrong_types_do_not_trap():
    # libffi calls from JS, which converts the arguments to the callee's wasm
    # type: a wrong declaration gives a wrong value, as in C, not a trap.
    libc = ctypes.CDLL(None)
    strlen = libc.strlen
    strlen.restype = ctypes.c_double
    assert strlen(b"abc") == 3.0


def test_missing_library_and_symbol_raise():
    with pytest.raises(OSError):
        ctypes.CDLL("libdoesnotexist.so")
    with pytest.raises(AttributeError):
        ctypes.CDLL(None).no_such_function_here


def test_ctypes_util_find_library():
    import ctypes.util

    # No ldconfig or gcc to ask inside wasm: nothing found, no exception.
    assert ctypes.util.find_library("c") is None
