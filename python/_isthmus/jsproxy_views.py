"""JsProxy methods that Pyodide has besides attribute and item access:
as_object_map() / as_py_json() (a JS object's own properties as a Python
mapping, the second one recursively, for JSON-like data), to_weakref(), and
to_file() / from_file() of binary data. Installed on the native JsProxy type
at start-up (methods of the type come before JS properties of the same name).
"""
from collections.abc import Iterable, Mapping, MutableMapping, MutableSequence, Sequence

from . import _core

_js_builtins = None


def _reflect():
    """(Reflect, Object) of JS, looked up once (each lookup is a JS call);
    not at start-up, where this module is imported."""
    global _js_builtins
    if _js_builtins is None:
        import _isthmus_js  # the realm's builtins (`import js` is jsglobals, which may lack them)

        _js_builtins = (_isthmus_js.Reflect, _isthmus_js.Object)
    return _js_builtins


class JsObjectMap(MutableMapping):
    """A JS object's own enumerable string-keyed properties as a mapping
    (writes and deletes go to the object)."""

    __slots__ = ("_js",)
    _js_map_view = True  # isinstance(view, JsMutableMap), as in Pyodide (js_types.py)

    def __init__(self, obj):
        self._js = obj

    def _wrap(self, value):
        return value

    def __getitem__(self, key):
        if key not in self:
            raise KeyError(key)
        return self._wrap(_reflect()[0].get(self._js, key))

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError("Can only assign keys of type string to JavaScript object map")  # (Pyodide's words)
        _reflect()[0].set(self._js, key, getattr(value, "_js", value))

    def __delitem__(self, key):
        if key not in self:
            raise KeyError(key)
        _reflect()[0].deleteProperty(self._js, key)

    def __iter__(self):
        return iter(list(_reflect()[1].keys(self._js)))

    def __len__(self):
        return len(_reflect()[1].keys(self._js))

    def __contains__(self, key):
        # Own properties only, as Object.keys lists them ("constructor" is not in it).
        return isinstance(key, str) and bool(_reflect()[1].hasOwn(self._js, key))

    def __getattr__(self, name):
        # The view is still the JS object: its properties are attributes, as
        # on Pyodide's object-map JsProxy.
        if name == "_js":
            raise AttributeError(name)
        return self._wrap(getattr(self._js, name))

    def __repr__(self):
        return f"{type(self).__name__}({dict(self.items())!r})"

    def to_js(self):
        """The JS object itself."""
        return self._js


def _json_wrap(value):
    if isinstance(value, _core.JsArray):
        return JsJsonArray(value)
    if isinstance(value, _core.JsProxy) and not callable(value) and value.typeof == "object":
        return JsJsonObject(value)
    return value


class JsJsonObject(JsObjectMap):
    """as_py_json(): a JS object as a mapping whose nested objects and
    arrays are views too (JSON-like data read from Python)."""

    __slots__ = ()

    def _wrap(self, value):
        return _json_wrap(value)


class JsJsonArray(Sequence):
    """A JS array in an as_py_json() view: items that are objects or arrays are views."""

    __slots__ = ("_js",)

    def __init__(self, array):
        self._js = array

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return _json_wrap(self._js[index])

    def __len__(self):
        return len(self._js)

    def __repr__(self):
        return f"JsJsonArray({list(self)!r})"

    def to_js(self):
        return self._js


def as_object_map(self, *, hereditary=False):
    """The object's own properties as a mapping (Pyodide's; hereditary=True: as_py_json).
    Deprecated in Pyodide 314, with this warning."""
    import warnings

    warnings.warn("JsProxy.as_object_map() is deprecated. Use as_py_json() instead.", RuntimeWarning, stacklevel=2)
    return JsJsonObject(self) if hereditary else JsObjectMap(self)


def as_py_json(self):
    """The object (or array) as JSON-like Python data, viewed, not copied."""
    return JsJsonArray(self) if isinstance(self, _core.JsArray) else JsJsonObject(self)


def to_weakref(self):
    """A JS WeakRef to the object (`.deref()` gives it back while it lives)."""
    import _isthmus_js

    return _isthmus_js.WeakRef.new(self)


def to_file(self, file):
    """Write the bytes of this ArrayBuffer or typed array to a binary file."""
    file.write(self.to_bytes())


def from_file(self, file):
    """Fill this typed array (or ArrayBuffer) with bytes read from a binary file."""
    import _isthmus_js

    target = _isthmus_js.Uint8Array.new(self.buffer if hasattr(self, "buffer") else self,
                                        getattr(self, "byteOffset", 0), self.byteLength)
    data = file.read(int(self.byteLength))
    from pyodide.ffi import to_js

    target.set(to_js(data))


def _into_file(self, file):
    """Pyodide's name for to_file on a file that is written and closed by the caller."""
    to_file(self, file)


def bind_class(self, signature):
    """A copy of this JsProxy (a JS class) bound to `type[signature]`:
    calling it constructs (`new`) with signature.__init__'s arguments
    (python/_isthmus/jsbind.py, imported on the first such call)."""
    return self.bind_sig(type[signature])


def _js_call(obj, name, *args):
    """obj's own JS method `name` (not the Python one of the same name on the type)."""
    return _reflect()[0].get(obj, name).call(obj, *args)


def _place(array, start, count, values):
    """Replace count items at start with values. Python objects are stored as
    owned PyProxies (as by a[i] = v), not borrowed ones freed after the call."""
    array.splice(start, count, *([None] * len(values)))
    for offset, value in enumerate(values):
        array[start + offset] = value


def _install_sequence_methods():
    """The list methods Pyodide's JsArray has besides JS's own (append,
    extend, index, count, insert, remove, reverse returning None, +, *, +=,
    *=), from MutableSequence's mixins over the native item access."""
    def insert(self, index, value):
        n = len(self)
        if index < 0:
            index = max(0, n + index)
        _place(self, min(index, n), 0, [value])

    def index(self, value, start=0, stop=None):
        # Sequence.index's walk, except that an item that cannot be read (a
        # PyProxy destroyed since it was stored) equals nothing, as in Pyodide.
        n = len(self)
        for i in range(*slice(start, stop).indices(n)):
            try:
                item = self[i]
            except _core.JsException:
                continue
            if item is value or item == value:
                return i
        raise ValueError(f"{value!r} is not in list")

    def remove(self, value):
        del self[index(self, value)]

    def reverse(self):
        _js_call(self, "reverse")

    def add(self, other):
        # A JS Array plus any iterable, as in Pyodide (where a non-iterable
        # crashes the runtime; here it is the usual TypeError). A TypedArray
        # has a fixed length: no +.
        if _is_typed_array(self) or not isinstance(other, Iterable):
            return NotImplemented
        result = _slice(self)
        if isinstance(other, _core.JsArray) and _is_js_array(other):
            return result.concat(other)  # (JS to JS: items are not converted)
        result.extend(other)
        return result

    def iadd(self, other):
        if not _is_js_array(self):  # (fixed length: a TypedArray, a DOM list)
            return NotImplemented
        self.extend(other)
        return self

    def repeat_count(times):
        if not isinstance(times, int):
            raise TypeError(f"can't multiply sequence by non-int of type '{type(times).__name__}'")
        return times

    def mul(self, times):
        if _is_typed_array(self):
            return NotImplemented
        times = repeat_count(times)
        items = _slice(self)  # (a DOM list as an Array)
        result = items.slice(0, 0)
        for _ in range(times):
            result = result.concat(items)  # (JS to JS: items are not converted)
        return result

    def imul(self, times):
        if not _is_js_array(self):
            return NotImplemented
        times = repeat_count(times)
        copy = _slice(self)
        self.length = 0
        reflect = _reflect()[0]
        push = reflect.get(self, "push")
        for _ in range(times):
            reflect.apply(push, self, copy)  # (JS to JS: items are not converted)
        return self

    for name, fn in (("insert", insert), ("index", index), ("remove", remove), ("reverse", reverse),
                     ("__add__", add), ("__iadd__", iadd), ("__mul__", mul), ("__rmul__", mul),
                     ("__imul__", imul)):
        setattr(_core.JsArray, name, fn)
    # pop(index=-1) as list's (JS's own pop() ignores an index).
    for name in ("append", "extend", "count", "pop"):
        setattr(_core.JsArray, name, getattr(MutableSequence, name))


def _slice_indices(array, key):
    return range(*key.indices(len(array)))


def _slice(array, *bounds):
    """array.slice(*bounds); a DOM NodeList has no slice(): a JS Array of its items."""
    try:
        own = array.slice
    except AttributeError:
        import _isthmus_js

        return _isthmus_js.Array.prototype.slice.call(array, *bounds)
    return own(*bounds)


def _is_js_array(value):
    import _isthmus_js

    return bool(_isthmus_js.Array.isArray(value))


def _is_typed_array(array):
    return getattr(array.constructor, "BYTES_PER_ELEMENT", None) is not None


def array_getslice(array, key):
    """a[i:j:k] of a JS Array or TypedArray: a new one of the same kind (JS
    slice() for a step of 1), as Pyodide's JsArray gives."""
    where = _slice_indices(array, key)
    if where.step == 1:
        return _slice(array, where.start, max(where.start, where.stop))
    if not _is_js_array(array) and not _is_typed_array(array):  # a DOM list: an Array of the items
        import _isthmus_js

        return _isthmus_js.Array.of(*(array[i] for i in where))
    return array.constructor.of(*(array[i] for i in where))


def array_setslice(array, key, values):
    """a[i:j] = values (a JS Array grows or shrinks, as a list does; a
    TypedArray keeps its length) and a[i:j:k] = values (same length)."""
    where = _slice_indices(array, key)
    try:
        values = list(values)
    except TypeError:
        if hasattr(type(values), "__iter__") or hasattr(type(values), "__getitem__"):
            raise
        extended = key.step not in (None, 1)  # (list's own messages)
        message = "must assign iterable to extended slice" if extended else "can only assign an iterable"
        raise TypeError(message) from None
    if where.step == 1 and not _is_typed_array(array):
        _place(array, where.start, max(0, where.stop - where.start), values)
        return
    if len(values) != len(where):
        kind = "extended slice" if where.step != 1 else "TypedArray slice (its length is fixed)"
        raise ValueError(f"attempt to assign sequence of size {len(values)} to {kind} of size {len(where)}")
    for i, value in zip(where, values, strict=True):
        array[i] = value


def array_delslice(array, key):
    """del a[i:j:k] of a JS Array (a TypedArray cannot shrink: TypeError)."""
    if _is_typed_array(array):
        raise TypeError("cannot delete from a TypedArray (its length is fixed)")
    where = _slice_indices(array, key)
    if where.step == 1:
        array.splice(where.start, max(0, where.stop - where.start))
        return
    for i in sorted(where, reverse=True):
        array.splice(i, 1)


def _install_mapping_methods():
    """A JS Map (js/map_like.mjs) is a Mapping with dict's methods, as
    Pyodide's JsMap / JsMutableMap: get(key, default), items(), keys() and
    values() views, and on a mutable one pop, popitem, setdefault and update
    (from the abc mixins over the native item access). JS's own clear() stays."""
    for name in ("get", "items", "keys", "values"):
        setattr(_core.JsMap, name, getattr(Mapping, name))
    # (pop's default sentinel is a private class attribute it looks up on self.)
    for name in ("pop", "popitem", "setdefault", "update", "_MutableMapping__marker"):
        setattr(_core.JsMutableMap, name, getattr(MutableMapping, name))
    Mapping.register(_core.JsMap)
    MutableMapping.register(_core.JsMutableMap)


def install():
    """At start-up (python/_isthmus/__init__.py): the methods are there
    whether or not pyodide.ffi was imported."""
    for fn in (as_object_map, as_py_json, to_weakref, to_file, from_file, _into_file, bind_class):
        setattr(_core.JsProxy, fn.__name__, fn)
    _install_sequence_methods()
    _install_mapping_methods()


def _generator_send(gen, value):
    """send(value) of a JS iterator: its next(value), or StopIteration with the
    returned value; a result that is no {done, value} object is Pyodide's TypeError."""
    import asyncio  # (not at start-up: importing it installs the WebLoop)

    step = gen.next(value)
    if not isinstance(step, _core.JsProxy):
        if isinstance(step, asyncio.Future):
            raise TypeError("Result was a promise, use anext() / asend() / athrow() instead.")
        kind = ("boolean" if isinstance(step, bool) else "number" if isinstance(step, (int, float))
                else "string" if isinstance(step, str) else "undefined" if step is None else type(step).__name__)
        raise TypeError(f'Result should have type "object" not "{kind}"')
    if not hasattr(step, "done"):
        raise TypeError('Result has no "done" field.')
    if step.done:
        raise StopIteration(step.value)
    return step.value


def _exception_of(typ, val, tb):
    """The exception throw(typ[, val[, tb]]) raises, as a generator's throw() takes it."""
    if isinstance(typ, BaseException):
        exc = typ
    elif isinstance(typ, type) and issubclass(typ, BaseException):
        exc = val if isinstance(val, typ) else typ() if val is None else typ(val)
    else:
        raise TypeError(
            f"exceptions must be classes or instances deriving from BaseException, not {type(typ).__name__}"
        )
    return exc if tb is None else exc.with_traceback(tb)


def _js_throw(gen, typ, val, tb):
    """The JS generator's own throw() with the exception as JS sees a Python
    one (a PythonError; a JsException is its JS error)."""
    import _isthmus_js

    return _isthmus_js.Reflect.get(gen, "throw").call(gen, _core.python_error(_exception_of(typ, val, tb)))


def _generator_throw(gen, typ, val=None, tb=None):
    """throw() of a JS generator: the next value, or StopIteration with the returned one."""
    step = _js_throw(gen, typ, val, tb)
    if step.done:
        raise StopIteration(step.value)
    return step.value


async def _async_generator_asend(gen, value):
    """asend(value) of a JS async generator: its next(value), awaited."""
    step = await gen.next(value)
    if step.done:
        raise StopAsyncIteration
    return step.value


async def _async_generator_athrow(gen, typ, val=None, tb=None):
    """athrow() of a JS async generator: its throw(), awaited."""
    step = await _js_throw(gen, typ, val, tb)
    if step.done:
        raise StopAsyncIteration
    return step.value


async def _async_generator_aclose(gen):
    """aclose() of a JS async generator: its return() (its finally blocks run), awaited."""
    await getattr(gen, "return")()


def _generator_close(gen):
    """close() of a JS generator: its return() (its finally blocks run); one
    that yields again instead is an error, as a Python generator's is."""
    step = getattr(gen, "return")()
    if not step.done:
        raise RuntimeError("JavaScript generator ignored return")


def _unwrap(proxy):
    """unwrap() of a PyProxy seen from Python (create_proxy's result): the
    Python object (the JS helper has it cross as that, once)."""
    import _isthmus_js

    return _isthmus_js.unwrapPyProxy(proxy)


_GENERATOR_METHODS = {"send": _generator_send, "close": _generator_close, "throw": _generator_throw}
_ASYNC_GENERATOR_METHODS = {"asend": _async_generator_asend, "athrow": _async_generator_athrow,
                            "aclose": _async_generator_aclose}


def python_method(proxy, name):
    """A method Pyodide's JsProxy classes have that is not a JS property:
    send, throw or close of a JS generator, asend, athrow or aclose of a JS
    async generator, unwrap of a PyProxy, bound to the proxy; None when the
    value has no such method. js_proxy.cpp asks for throw and unwrap always,
    for the others when JS has no such property."""
    import types

    import _isthmus_js

    from .js_types import JsAsyncGenerator, JsGenerator, JsIterator

    if name == "unwrap":
        return types.MethodType(_unwrap, proxy) if _isthmus_js.isPyProxy(proxy) else None
    # (send is any iterator's, as in Pyodide; throw and close a generator's)
    methods, bits = ((_ASYNC_GENERATOR_METHODS, JsAsyncGenerator._bits) if name in _ASYNC_GENERATOR_METHODS
                     else (_GENERATOR_METHODS, JsIterator._bits if name == "send" else JsGenerator._bits))
    if not _isthmus_js.jsTypeFlags(proxy) & bits:
        return None
    return types.MethodType(methods[name], proxy)


def has_dunder(proxy, name):
    """Whether the JS value has the feature a dunder names (js_proxy.cpp asks
    when hasattr() or getattr() looks up __len__, __iter__, __getitem__...)."""
    import _isthmus_js

    return _isthmus_js.hasDunder(proxy, name)
