"""Pyodide's JsProxy type family, for isinstance(): JsMap, JsPromise, JsBuffer...

A JsProxy's Python type is one of a few native types (_core.JsProxy,
JsCallable, JsArray); which family member a value belongs to is asked of the
JS value itself (js/pyodide_extras.mjs jsTypeFlags), as Pyodide decides it from
the value's JS type. The classes here derive from the native _core.JsProxy but
are virtual: isinstance() and issubclass() work, they are never instantiated.
"""
import types

import _isthmus_js

from . import _core

# The bits of jsTypeFlags, in its order.
(_ARRAY, _MAP, _MUTABLE_MAP, _PROMISE, _CALLABLE, _TYPED_ARRAY, _BUFFER, _ITERABLE, _ITERATOR, _ASYNC_ITERABLE,
 _ASYNC_ITERATOR, _GENERATOR, _ASYNC_GENERATOR, _DOM_ELEMENT, _WEAKREF, _FETCH_RESPONSE) = (1 << i for i in range(16))


def _is_js(obj):
    return isinstance(obj, (_core.JsProxy, _core.JsException))


def _is_map_view(obj):
    """as_py_json() / as_object_map() of a JS object: a JsMutableMap, as in Pyodide."""
    return getattr(type(obj), "_js_map_view", False)


class _JsProxyMeta(type):
    def __call__(cls, *args, **kwargs):
        raise TypeError(f"{cls.__name__} cannot be instantiated.")

    # JsException is a JsProxy too, though CPython cannot make it a subclass
    # of both Exception and the native JsProxy type.
    def __instancecheck__(cls, obj):
        return _is_js(obj) or _is_map_view(obj)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, (_core.JsProxy, _core.JsException)) or type.__subclasscheck__(cls, sub)


class JsProxy(_core.JsProxy, metaclass=_JsProxyMeta):
    """A JavaScript value seen from Python (see the native type _core.JsProxy).

    A subclass of the native type, so that issubclass(JsPromise, type(p)) holds
    for a value's type, as in Pyodide where the family derives from JsProxy."""

    # JsArray[int], JsMap[str, int], JsPromise[T]: generic in annotations, as
    # Pyodide's (typing.Generic) classes are.
    __class_getitem__ = classmethod(types.GenericAlias)


class _JsKindMeta(_JsProxyMeta):
    """isinstance() asks the JS value for the class's bits (all of them)."""

    _bits = 0

    def __instancecheck__(cls, obj):
        if not _is_js(obj):
            return _is_map_view(obj) and cls._bits & ~(_MAP | _MUTABLE_MAP) == 0
        return _isthmus_js.jsTypeFlags(obj) & cls._bits == cls._bits

    def __subclasscheck__(cls, sub):
        return type.__subclasscheck__(cls, sub)


def _kind(name, bits, doc, bases=(JsProxy,)):
    return _JsKindMeta(name, bases, {"_bits": bits, "__doc__": doc, "__module__": "pyodide.ffi"})


JsIterable = _kind("JsIterable", _ITERABLE, "A JS value with [Symbol.iterator]: `for x in obj` works.")
JsAsyncIterable = _kind("JsAsyncIterable", _ASYNC_ITERABLE, "A JS value with [Symbol.asyncIterator]: `async for`.")
JsIterator = _kind("JsIterator", _ITERATOR, "A JS iterator (it has next()).")
JsAsyncIterator = _kind("JsAsyncIterator", _ASYNC_ITERATOR, "A JS async iterator.")
JsGenerator = _kind("JsGenerator", _GENERATOR, "A JS generator object.", (JsIterator,))
JsAsyncGenerator = _kind("JsAsyncGenerator", _ASYNC_GENERATOR, "A JS async generator object.", (JsAsyncIterator,))
JsMap = _kind("JsMap", _MAP, "A JS Map-like object (get, has, size).")
JsMutableMap = _kind("JsMutableMap", _MUTABLE_MAP, "A JS Map-like object that also has set and delete.", (JsMap,))
JsPromise = _kind("JsPromise", _PROMISE, "A JS Promise or thenable: `await` works.")
JsBuffer = _kind("JsBuffer", _BUFFER, "A JS ArrayBuffer, typed array or DataView.")
JsTypedArray = _kind("JsTypedArray", _TYPED_ARRAY, "A JS typed array (Uint8Array, Float64Array...).", (JsBuffer,))
JsDomElement = _kind("JsDomElement", _DOM_ELEMENT, "A DOM Element (in a browser).")
JsWeakRef = _kind("JsWeakRef", _WEAKREF, "A JS WeakRef.")
JsFetchResponse = _kind("JsFetchResponse", _FETCH_RESPONSE, "A fetch() Response.")


def _native_meta(native):
    """A metaclass whose isinstance()/issubclass() are those of a native JsProxy type."""

    class Meta(_JsProxyMeta):
        def __instancecheck__(cls, obj):
            return isinstance(obj, native)

        def __subclasscheck__(cls, sub):
            return issubclass(sub, native) or type.__subclasscheck__(cls, sub)

    return Meta


_JsCallableMeta = _native_meta(_core.JsCallable)


class JsCallable(JsProxy, metaclass=_JsCallableMeta):
    """A JS function seen from Python."""


# As in Pyodide, JS arrays are of a type named JsProxy (_core.JsArray) and
# this class is the one isinstance() knows them by.
class JsArray(JsProxy, metaclass=_native_meta(_core.JsArray)):
    """A JavaScript Array or TypedArray seen from Python: a collections.abc.MutableSequence."""


class _DoubleProxyMeta(_JsProxyMeta):
    def __instancecheck__(cls, obj):
        return _is_js(obj) and _isthmus_js.isPyProxy(obj) and (cls._callable is None or callable(obj))


class JsDoubleProxy(JsProxy, metaclass=_DoubleProxyMeta):
    """A PyProxy seen from Python again (what create_proxy returns)."""

    _callable = None


class _CallableDoubleProxyMeta(_DoubleProxyMeta, _JsCallableMeta):
    __instancecheck__ = _DoubleProxyMeta.__instancecheck__


class JsCallableDoubleProxy(JsDoubleProxy, JsCallable, metaclass=_CallableDoubleProxyMeta):
    """A PyProxy of a callable, seen from Python (create_proxy of a function)."""

    _callable = True


class _OnceMeta(_JsCallableMeta):
    def __instancecheck__(cls, obj):
        return _is_js(obj) and _isthmus_js.isOnceCallable(obj)


class JsOnceCallable(JsCallable, metaclass=_OnceMeta):
    """What create_once_callable returns: a JS function that frees itself after one call."""


JsNull = type(_core.jsnull)


from .js_bigint import JsBigInt  # noqa: E402, F401 (re-exported by pyodide.ffi)
