"""JsProxy methods that Pyodide has besides attribute and item access:
as_object_map() / as_py_json() (a JS object's own properties as a Python
mapping, the second one recursively, for JSON-like data), to_weakref(), and
to_file() / from_file() of binary data. Installed on the native JsProxy type
at start-up (methods of the type come before JS properties of the same name).
"""
from collections.abc import MutableMapping, MutableSequence, Sequence

from . import _core

_js_builtins = None


def _reflect():
    """(Reflect, Object) of JS, looked up once (each lookup is a JS call);
    not at start-up, where this module is imported."""
    global _js_builtins
    if _js_builtins is None:
        import js

        _js_builtins = (js.Reflect, js.Object)
    return _js_builtins


class JsObjectMap(MutableMapping):
    """A JS object's own enumerable string-keyed properties as a mapping
    (writes and deletes go to the object)."""

    __slots__ = ("_js",)

    def __init__(self, obj):
        self._js = obj

    def _wrap(self, value):
        return value

    def __getitem__(self, key):
        reflect, _ = _reflect()
        if not isinstance(key, str) or not reflect.has(self._js, key):
            raise KeyError(key)
        return self._wrap(reflect.get(self._js, key))

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError(f"JS property names are str, not {type(key).__name__}")
        _reflect()[0].set(self._js, key, getattr(value, "_js", value))

    def __delitem__(self, key):
        reflect, _ = _reflect()
        if not isinstance(key, str) or not reflect.has(self._js, key):
            raise KeyError(key)
        reflect.deleteProperty(self._js, key)

    def __iter__(self):
        return iter(list(_reflect()[1].keys(self._js)))

    def __len__(self):
        return len(_reflect()[1].keys(self._js))

    def __contains__(self, key):
        return isinstance(key, str) and bool(_reflect()[0].has(self._js, key))

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
    """The object's own properties as a mapping (Pyodide's; hereditary=True: as_py_json)."""
    return JsJsonObject(self) if hereditary else JsObjectMap(self)


def as_py_json(self):
    """The object (or array) as JSON-like Python data, viewed, not copied."""
    return JsJsonArray(self) if isinstance(self, _core.JsArray) else JsJsonObject(self)


def to_weakref(self):
    """A JS WeakRef to the object (`.deref()` gives it back while it lives)."""
    import js

    return js.WeakRef.new(self)


def to_file(self, file):
    """Write the bytes of this ArrayBuffer or typed array to a binary file."""
    file.write(self.to_bytes())


def from_file(self, file):
    """Fill this typed array (or ArrayBuffer) with bytes read from a binary file."""
    import js

    target = js.Uint8Array.new(self.buffer if hasattr(self, "buffer") else self,
                               getattr(self, "byteOffset", 0), self.byteLength)
    data = file.read(int(self.byteLength))
    from pyodide.ffi import to_js

    target.set(to_js(data))


def _into_file(self, file):
    """Pyodide's name for to_file on a file that is written and closed by the caller."""
    to_file(self, file)


def _install_sequence_methods():
    """The list methods Pyodide's JsArray has besides JS's own (append,
    extend, index, count, insert, remove), from MutableSequence's mixins over
    the native item access; JS arrays have none of these names."""
    def insert(self, index, value):
        n = len(self)
        if index < 0:
            index = max(0, n + index)
        self.splice(min(index, n), 0, value)

    _core.JsArray.insert = insert
    for name in ("append", "extend", "index", "count", "remove"):
        setattr(_core.JsArray, name, getattr(MutableSequence, name))


def install():
    """At start-up (python/_isthmus/__init__.py): the methods are there
    whether or not pyodide.ffi was imported."""
    for fn in (as_object_map, as_py_json, to_weakref, to_file, from_file, _into_file):
        setattr(_core.JsProxy, fn.__name__, fn)
    _install_sequence_methods()
