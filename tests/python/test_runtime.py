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
