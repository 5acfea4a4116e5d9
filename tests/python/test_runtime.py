"""The interpreter itself, as seen from inside wasm."""
import sys

import pytest


def test_platform_is_emscripten():
    assert sys.platform == "emscripten"
    assert sys.version_info[:2] == (3, 11)


def test_dotted_static_extension_imports():
    from _isthmus_testing.native import _ext

    assert _ext.__name__ == "_isthmus_testing.native._ext"
    assert _ext.add(40, 2) == 42
    assert "_isthmus_testing.native._ext" in sys.builtin_module_names


def test_two_argument_varargs_keywords_function_is_callable():
    # Registered METH_VARARGS|METH_KEYWORDS with a 2-argument C signature:
    # traps in wasm without CPython's PY_CALL_TRAMPOLINE.
    from _isthmus_testing.native import _ext

    assert _ext.legacy_kwargs(1, 2, 3) == 3


def test_bridge_native_module_is_dotted_builtin():
    from _isthmus import _core

    assert isinstance(_core.live_js_handles(), int)


def test_deep_python_recursion_raises_recursion_error():
    def f(n):
        return f(n + 1)

    with pytest.raises(RecursionError):
        f(0)


def test_deep_recursion_through_c_raises_recursion_error():
    # Each level goes through C (repr of nested lists) and uses the wasm stack.
    nested = []
    for _ in range(100_000):
        nested = [nested]
    with pytest.raises(RecursionError):
        repr(nested)


def test_runtime_still_works_after_recursion_error():
    class Deep:
        def __getattr__(self, name):
            return getattr(self, name + "x")

    with pytest.raises(RecursionError):
        Deep().a
    assert sum(range(10)) == 45


def test_unbound_method_descriptor_without_arguments_keeps_stale_stack_alone():
    # patches/cpython/precall-method-descriptor-no-self.patch: once the call
    # site below is specialized, CPython 3.11 took the stale value-stack slot
    # above the callable (here the `x` of the previous setattr call) as self
    # of int.to_bytes() / str.upper(), called it with nargs -1 and decref'd it.
    def op(code, x):
        if code == "setattr":
            setattr(x, "length", None)  # noqa: B010 (the bytecode of a setattr() call is the point)
            return None
        if code == "fast":
            return x.to_bytes()  # METH_FASTCALL | METH_KEYWORDS
        return x.upper()  # METH_NOARGS (checked by CPython already)

    def run(code, x):
        try:
            return op(code, x)
        except (AttributeError, TypeError) as e:
            return str(e)

    probe = int("-2147483649")
    refs = sys.getrefcount(probe)
    for _ in range(50):
        run("setattr", probe)
        assert run("fast", int) == "unbound method int.to_bytes() needs an argument"
        run("setattr", probe)
        assert "needs an argument" in run("noargs", str)
    assert sys.getrefcount(probe) == refs
