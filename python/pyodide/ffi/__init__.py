"""pyodide.ffi: the Python side of the JavaScript foreign function interface."""
from _isthmus import _core
from _isthmus.js_modules import register_js_module, unregister_js_module

__all__ = [
    "JsProxy", "JsException", "JsCallable", "JsArray", "jsnull", "create_proxy", "create_once_callable",
    "destroy_proxies", "register_js_module", "unregister_js_module", "to_js", "ConversionError",
    "IN_BROWSER",
]

# True inside the runtime (browser or Node.js), as Pyodide's IN_BROWSER: code
# shared with native CPython tells the two apart with it.
IN_BROWSER = True

JsException = _core.JsException
JsCallable = _core.JsCallable
jsnull = _core.jsnull


class _JsProxyMeta(type):
    # JsException is a JsProxy too, though CPython cannot make it a subclass
    # of both Exception and the native JsProxy type.
    def __instancecheck__(cls, obj):
        return isinstance(obj, (_core.JsProxy, _core.JsException))

    def __subclasscheck__(cls, sub):
        return issubclass(sub, (_core.JsProxy, _core.JsException))


class JsProxy(metaclass=_JsProxyMeta):
    """A JavaScript value seen from Python (see the native type _core.JsProxy)."""


class _JsArrayMeta(_JsProxyMeta):
    # As in Pyodide, JS arrays are of a type named JsProxy (_core.JsArray)
    # and this class is the one isinstance() knows them by.
    def __instancecheck__(cls, obj):
        return isinstance(obj, _core.JsArray)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, _core.JsArray)


class JsArray(JsProxy, metaclass=_JsArrayMeta):
    """A JavaScript Array or TypedArray seen from Python: a collections.abc.MutableSequence."""


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
    return proxy


def destroy_proxies(proxies):
    """Destroy every PyProxy in a JS array (as filled by to_js(pyproxies=...))."""
    import _isthmus_js

    _isthmus_js.destroyProxies(proxies)


def to_js(obj, *, depth=-1, pyproxies=None, create_pyproxies=True, dict_converter=None,
          default_converter=None):
    """Convert a Python value to JavaScript, `depth` levels deep (-1: all).

    list/tuple -> Array, dict -> Object (or dict_converter(Array of [key, value])),
    set -> Set, buffers -> copied TypedArrays (nested Arrays of them when n-d).
    Shared objects stay shared and cycles are kept. Other objects become
    PyProxies (collected in the JS Array `pyproxies` if given), or
    default_converter(value, convert, cache_conversion) decides, or with
    create_pyproxies=False a ConversionError is raised.
    """
    return _core.to_js(obj, depth, pyproxies, create_pyproxies, dict_converter, default_converter)
