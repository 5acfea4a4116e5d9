"""pyodide.ffi: the Python side of the JavaScript foreign function interface."""
from _isthmus import _core
from _isthmus.js_modules import register_js_module, unregister_js_module

__all__ = [
    "JsProxy", "JsException", "JsCallable", "JsArray", "jsnull", "create_proxy", "create_once_callable",
    "destroy_proxies", "register_js_module", "unregister_js_module", "to_js", "ConversionError",
    "IN_BROWSER", "IN_PYODIDE", "InternalError", "ToJsConverter", "JsAsyncGenerator", "JsAsyncIterable",
    "JsAsyncIterator", "JsBigInt", "JsBuffer", "JsCallableDoubleProxy", "JsDomElement", "JsDoubleProxy",
    "JsFetchResponse", "JsGenerator", "JsIterable", "JsIterator", "JsMap", "JsMutableMap", "JsNull",
    "JsOnceCallable", "JsPromise", "JsTypedArray", "JsWeakRef",
]

# True inside the runtime (browser or Node.js), as Pyodide's IN_BROWSER: code
# shared with native CPython tells the two apart with it.
IN_BROWSER = True

JsException = _core.JsException
jsnull = _core.jsnull
# The JsProxy type family (isinstance() asks the JS value): python/_isthmus/js_types.py.
from _isthmus.js_types import (  # noqa: E402
    JsArray,
    JsAsyncGenerator,
    JsAsyncIterable,
    JsAsyncIterator,
    JsBigInt,
    JsBuffer,
    JsCallable,
    JsCallableDoubleProxy,
    JsDomElement,
    JsDoubleProxy,
    JsFetchResponse,
    JsGenerator,
    JsIterable,
    JsIterator,
    JsMap,
    JsMutableMap,
    JsNull,
    JsOnceCallable,
    JsPromise,
    JsProxy,
    JsTypedArray,
    JsWeakRef,
)

# As Pyodide's: true inside the runtime.
IN_PYODIDE = True


def can_run_sync():
    """Whether run_sync() can block on a JS Promise: never here (it needs JS
    Promise Integration, which this Emscripten lacks; run_sync is absent)."""
    return False


class InternalError(Exception):
    """Pyodide's error for a fault of the runtime itself. Isthmus reports
    those as the Python or JS error that caused them; the class exists for
    `except` clauses written for Pyodide."""


# to_js's default_converter type, as Pyodide names it for annotations
# (without importing typing: pyodide.ffi is imported by most programs).
from collections.abc import Callable as _Callable  # noqa: E402

ToJsConverter = _Callable[[object, _Callable[[object], object], _Callable[[object, object], None]], object]


ConversionError = _core.ConversionError


# A PyProxy of obj that outlives the call it is passed to; free it with
# .destroy(). The native function itself: no Python frame on this hot path.
create_proxy = _core.create_proxy


def create_once_callable(obj):
    """A callable PyProxy that frees itself after its first call."""
    proxy = None
    called = False

    def once(*args, **kwargs):
        nonlocal called
        if called:
            raise RuntimeError("create_once_callable: this function can only be called once")
        called = True
        try:
            return obj(*args, **kwargs)
        finally:
            proxy.destroy("create_once_callable: this function can only be called once, and it was already called")

    proxy = _core.create_proxy(once)
    import _isthmus_js

    _isthmus_js.markOnce(proxy)
    return proxy


def destroy_proxies(proxies):
    """Destroy every PyProxy in a JS array (as filled by to_js(pyproxies=...))."""
    import _isthmus_js

    _isthmus_js.destroyProxies(proxies)


def to_js(obj, *, depth=-1, pyproxies=None, create_pyproxies=True, dict_converter=None,
          default_converter=None, eager_converter=None):
    """Convert a Python value to JavaScript, `depth` levels deep (-1: all).

    list/tuple -> Array, dict -> Object (or dict_converter(Array of [key, value])),
    set -> Set, buffers -> copied TypedArrays (nested Arrays of them when n-d).
    Shared objects stay shared and cycles are kept. Other objects become
    PyProxies (collected in the JS Array `pyproxies` if given), or
    default_converter(value, convert, cache_conversion) decides, or with
    create_pyproxies=False a ConversionError is raised.
    eager_converter(value, convert, cache_conversion) is asked first about
    every value (containers too); `convert` is the default conversion.
    """
    if dict_converter is None:
        import _isthmus_js

        dict_converter = _isthmus_js.literalMap  # a LiteralMap with loadPyodide({ toJsLiteralMap: true }), else None
    if eager_converter is not None:
        from _isthmus.eager_to_js import eager_to_js

        return eager_to_js(obj, depth, pyproxies, create_pyproxies, dict_converter, default_converter, eager_converter)
    return _core.to_js(obj, depth, pyproxies, create_pyproxies, dict_converter, default_converter)
