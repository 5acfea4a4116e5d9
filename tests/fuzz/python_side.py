# The fuzz's Python half (tests/fuzz/fuzz.mjs runs it in __main__ of a
# fresh dict): makers of random Python objects, and pyop(), which applies one
# operation to a value from JS and reports what it raised.
import array
import asyncio
import collections
import itertools
import math
import sys
import types
import warnings

import js
from pyodide.ffi import JsProxy, create_proxy, to_js

# Coroutines made and never awaited are part of the fuzz.
warnings.simplefilter("ignore")

# Names the fuzz sets and deletes; cleanup() removes them from shared objects.
SET_NAMES = ("fz_a", "fz_b", "length")


def _classes():
    # Fresh classes per object: setattr on them touches no shared state.
    class Plain:
        def __init__(self, *args):
            self.args = args

        def method(self, x=None):
            return x

    class HugeLen:
        def __len__(self):
            return 2**40

    class BadLen:
        def __len__(self):
            raise RuntimeError("bad __len__")

    class BadGetattr:
        def __getattr__(self, name):
            raise RuntimeError("bad __getattr__ " + name)

    class BadRepr:
        def __repr__(self):
            raise RuntimeError("bad __repr__")

        __str__ = __repr__

    class BadIter:
        def __iter__(self):
            raise RuntimeError("bad __iter__")

    class BadHash:
        def __hash__(self):
            raise RuntimeError("bad __hash__")

        def __eq__(self, other):
            raise RuntimeError("bad __eq__")

    class BadBool:
        def __bool__(self):
            raise RuntimeError("bad __bool__")

    class BadBuffer(bytearray):
        pass

    return [Plain, HugeLen, BadLen, BadGetattr, BadRepr, BadIter, BadHash, BadBool, BadBuffer]


def gen():
    x = yield 1
    yield x
    return 3


async def coro(x=None):
    return x


async def pyawait(x):
    """Await a JS value (thenable or not) from Python."""
    return await x


async def sleep_forever():
    await asyncio.Future()


class BadAwaitable:
    def __await__(self):
        raise RuntimeError("bad __await__")


MAKERS = [
    lambda: [1, "a", None, [2.5, {"k": (1, 2)}]],
    lambda: {"a": 1, 2: "b", "nested": {"x": [1, 2]}},
    lambda: {1, "two", (3,)},
    lambda: (1, (2, "three")),
    lambda: frozenset([1, 2]),
    gen,
    lambda: gen(),
    lambda: iter([1, 2, 3]),
    lambda: (x * 2 for x in range(4)),
    lambda: range(5),
    lambda: {"k": 1}.keys(),
    lambda: collections.OrderedDict(a=1),
    lambda: collections.deque([1, 2]),
    lambda: int,
    lambda: type,
    lambda: object(),
    lambda: _classes()[0],
    lambda: _classes()[0](1, 2),
    lambda: _classes()[1](),
    lambda: _classes()[2](),
    lambda: _classes()[3](),
    lambda: _classes()[4](),
    lambda: _classes()[5](),
    lambda: _classes()[6](),
    lambda: _classes()[7](),
    lambda: _classes()[8](b"buffer"),
    lambda: math,
    lambda: types.ModuleType("fzmod"),
    lambda: types.SimpleNamespace(a=1, b=[2]),
    lambda: memoryview(b"abcd"),
    lambda: memoryview(array.array("d", [1.5, 2.5])),
    lambda: memoryview(bytearray(b"abcdefgh")).cast("i"),
    lambda: memoryview(bytearray(b"abcdefgh"))[::-2],
    lambda: memoryview(bytearray(b"abcdefgh")).cast("B", (2, 4)),
    lambda: bytearray(b"xy"),
    lambda: array.array("q", [1, -2]),
    lambda: array.array("u", "hi"),
    lambda: b"bytes",
    lambda: 1 + 2j,
    lambda: 2**100,
    lambda: -(2**70),
    lambda: float("nan"),
    lambda: "py str \udc80 \U0001f600",
    lambda: ValueError("v"),
    lambda: KeyError(),
    lambda: StopIteration(5),
    lambda: Exception(),
    lambda: coro,
    lambda: coro(7),
    lambda: pyawait,
    lambda: sleep_forever,
    lambda: BadAwaitable(),
    lambda: (lambda *a, **k: [a, k]),
    lambda: print,
    lambda: len,
    lambda: NotImplemented,
    lambda: ...,
    lambda: None,
    lambda: js,
    lambda: JsProxy,
    lambda: create_proxy,
    lambda: to_js,
]


def make(i):
    """A PyProxy for JS even of an int or a str (create_proxy)."""
    return create_proxy(MAKERS[i % len(MAKERS)]())


def take(it, n=8):
    return list(itertools.islice(it, n))


def _op(code, x, y, name):
    if code == "getattr":
        return getattr(x, name)
    if code == "setattr":
        setattr(x, name, y)
        return None
    if code == "delattr":
        delattr(x, name)
        return None
    if code == "hasattr":
        return hasattr(x, name)
    if code == "len":
        return len(x)
    if code == "iter":
        return take(iter(x))
    if code == "next":
        return next(x)
    if code == "to_py":
        return x.to_py()
    if code == "to_py_depth":
        return x.to_py(depth=1)
    if code == "to_py_default":
        return x.to_py(default_converter=lambda v, convert, cache: repr(v))
    if code == "call":
        return x(y)
    if code == "call_kw":
        return x(y, key=y)
    if code == "new":
        return x.new(y)
    if code == "bool":
        return bool(x)
    if code == "repr":
        return repr(x)
    if code == "str":
        return str(x)
    if code == "hash":
        return hash(x)
    if code == "eq":
        return x == y
    if code == "contains":
        return y in x
    if code == "getitem":
        return x[y]
    if code == "setitem":
        x[y] = y
        return None
    if code == "delitem":
        del x[y]
        return None
    if code == "dir":
        return len(dir(x))
    if code == "object_keys":
        return x.object_keys()
    if code == "to_js":
        return to_js(x)
    if code == "to_bytes":
        return x.to_bytes()
    if code == "to_memoryview":
        return x.to_memoryview()
    if code == "to_string":
        return x.to_string()
    if code == "typeof":
        return x.typeof
    if code == "js_id":
        return x.js_id
    if code == "json":
        return js.JSON.stringify(x)
    if code == "keys":
        return js.Object.keys(x)
    if code == "create_proxy":
        p = create_proxy(x)
        p.destroy()
        return None
    if code == "is_jsproxy":
        return isinstance(x, JsProxy)
    raise AssertionError("unknown fuzz op " + code)


def problem(e):
    """What is wrong with an exception the bridge raised, or None."""
    if isinstance(e, SystemError):
        return "SystemError"
    if not isinstance(e, Exception):
        return "not an Exception"
    try:
        text = str(e)
    except BaseException as f:  # noqa: BLE001 - a str() that raises is the bug
        if isinstance(e, LookupError) and e.args:
            return None  # the key's repr raised, as for a dict: {}[BadRepr()]
        return f"str() raised {type(f).__name__}"
    # (KeyError/IndexError show the key's repr, which may be empty: a JS [] is "".)
    if not text and not e.args and not isinstance(e, (StopIteration, StopAsyncIteration, asyncio.CancelledError,
                                                      GeneratorExit)):
        return f"{type(e).__name__} without a message"
    return None


def frames():
    """Python frames under way: 1 when JS calls this at rest. More means a JS
    exception unwound through C++ and left the interpreter's stack behind."""
    f, n = sys._getframe(), 0
    while f is not None:
        n, f = n + 1, f.f_back
    return n


def pyop(code, x, y, name):
    """Run one operation: its result, or ["exc", type, message, problem]."""
    try:
        return _op(code, x, y, name)
    except BaseException as e:  # noqa: BLE001 - the fuzz checks every exception
        return ["exc", type(e).__name__, str(e)[:200] if not problem(e) else "", problem(e)]


def unlink(obj):
    """Drop what the fuzz stored in a pooled object. A Python object holding
    a JS object that holds a PyProxy of it is a cycle across the two
    collectors, which neither can free (as in Pyodide): the fuzz makes such
    cycles at random, and breaks them here before the leak check."""
    for name in SET_NAMES:
        try:
            delattr(obj, name)
        except BaseException:  # noqa: BLE001 - absent, or not deletable
            pass
    if isinstance(obj, (dict, list, set, collections.deque, bytearray)):
        obj.clear()
    elif isinstance(obj, types.SimpleNamespace):
        obj.__dict__.clear()
    elif isinstance(obj, types.GeneratorType) or asyncio.iscoroutine(obj):
        obj.close()
    elif isinstance(obj, asyncio.Future):
        obj.cancel()
    try:
        if type(obj).__module__ == __name__ and hasattr(obj, "__dict__"):
            vars(obj).clear()  # instances of the fuzz's classes
    except BaseException:  # noqa: BLE001 - best effort
        pass


def cleanup():
    """Remove what the fuzz may have set on shared objects."""
    import gc

    # Shared classes (type(x) of a JsProxy is the native JsProxy type),
    # modules and functions may have been given attributes.
    shared = [js] + [o for o in gc.get_objects() if isinstance(o, (type, types.ModuleType, types.FunctionType))]
    for target in shared:
        # (GenericAlias calls set __orig_class__: type[x](y) on the JsProxy type.)
        for name in SET_NAMES + ("__orig_class__",):
            if name in getattr(target, "__dict__", ()):
                try:
                    delattr(target, name)
                except BaseException:  # noqa: BLE001 - not deletable
                    pass
