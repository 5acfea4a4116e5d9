"""pyodide.ffi.JsBigInt: what a JS BigInt becomes in Python.

An int that goes back to JS as a BigInt, whatever its size, so BigInt64Array
items, DataView.setBigInt64 arguments and 64-bit ids keep their JS type
through Python (typeconv/js_to_py.cpp makes them, typeconv/py_to_js.cpp reads
them). Arithmetic keeps the type as Pyodide 314's does: with a JsBigInt on
the left, + - & | ^ // % << >> ** give a JsBigInt (* and the reflected forms
give an int), and unary - + ~ abs() a JsBigInt.
"""


def _left(op):
    def method(self, other, *mod):
        result = op(self, other, *mod)
        return JsBigInt(result) if type(result) is int else result

    return method


def _unary(op):
    def method(self):
        return JsBigInt(op(self))

    return method


class JsBigInt(int):
    """A JS BigInt seen from Python: an int that converts back to a BigInt."""

    __slots__ = ()

    __add__ = _left(int.__add__)
    __sub__ = _left(int.__sub__)
    __and__ = _left(int.__and__)
    __or__ = _left(int.__or__)
    __xor__ = _left(int.__xor__)
    __floordiv__ = _left(int.__floordiv__)
    __mod__ = _left(int.__mod__)
    __lshift__ = _left(int.__lshift__)
    __rshift__ = _left(int.__rshift__)
    __pow__ = _left(int.__pow__)
    __neg__ = _unary(int.__neg__)
    __pos__ = _unary(int.__pos__)
    __abs__ = _unary(int.__abs__)
    __invert__ = _unary(int.__invert__)


JsBigInt.__module__ = "pyodide.ffi"
