"""_isthmus._core: the native half of the bridge (a built-in module).

Made by bridge/core_module.cpp, proxies/js_proxy.cpp and typeconv/to_js_deep.cpp.
Private: code outside the runtime uses pyodide.ffi, which re-exports the
public part. These stubs describe the module as it is; keep them in step with
the C++ (tests/python/test_stubs.py compares them with the running module).
"""
from collections.abc import AsyncIterator, Callable, Generator, Iterator, MutableMapping
from typing import Any, Literal, Self, TypeAlias, final, overload

from _typeshed import ReadableBuffer, WriteableBuffer

ISTHMUS_VERSION: str
"""The Isthmus version (pyodide.__version__)."""
PLATFORM: str
"""The wheel platform tag, e.g. "emscripten_3_1_6_wasm32"."""

# to_py(default_converter=...): called with (value, convert, cache_conversion).
_ToPyConverter: TypeAlias = Callable[[JsProxy, Callable[[Any], Any], Callable[[Any, Any], None]], Any]
# to_js(default_converter=...): called with (value, convert, cache_conversion).
_ToJsConverter: TypeAlias = Callable[[Any, Callable[[Any], Any], Callable[[Any, Any], None]], Any]

class JsProxy:
    """A JavaScript value seen from Python (runtime name pyodide.ffi.JsProxy).

    Attribute access, item access, `in`, `len()`, iteration, `async for`,
    `await` (thenables), `==` (JS `===`) and `hash()` reach the JS value.
    """

    @property
    def typeof(self) -> str:
        """JS `typeof obj`."""
    @property
    def js_id(self) -> int:
        """An id that is the same for the same JS object."""
    def object_keys(self) -> JsProxy:
        """JS `Object.keys(obj)` (a JS Array)."""
    def object_values(self) -> JsProxy:
        """JS `Object.values(obj)` (a JS Array)."""
    def object_entries(self) -> JsProxy:
        """JS `Object.entries(obj)` (a JS Array of [key, value] Arrays)."""
    def to_py(self, *, depth: int = -1, default_converter: _ToPyConverter | None = None) -> Any:
        """Deep conversion: Array -> list, Object/Map -> dict, Set -> set, binary data -> memoryview."""
    def as_object_map(self, *, hereditary: bool = False) -> MutableMapping[str, Any]:
        """The object's own properties as a mapping (writes go to the object)."""
    def as_py_json(self) -> Any:
        """The object (or array) as JSON-like Python data: a view, not a copy."""
    def to_weakref(self) -> JsProxy:
        """A JS WeakRef to the object."""
    def bind_sig(self, signature: Any) -> Any:
        """A copy whose calls and attributes follow a function's or class's
        annotations (Deep, Json, BindClass from _pyodide.jsbind)."""
    def bind_class(self, signature: Any) -> Any:
        """bind_sig(type[signature]): calling the copy constructs with
        signature.__init__'s arguments."""
    def to_file(self, file: Any) -> None:
        """Write the bytes of this ArrayBuffer or typed array to a binary file."""
    def from_file(self, file: Any) -> None:
        """Fill this typed array or ArrayBuffer from a binary file."""
    def to_bytes(self) -> bytes:
        """A copy of JS binary data (TypedArray, ArrayBuffer, DataView)."""
    def to_memoryview(self) -> memoryview:
        """A copy of JS binary data, as a memoryview of its element format."""
    def to_string(self, encoding: str = "utf-8") -> str:
        """JS binary data decoded."""
    def assign(self, rhs: ReadableBuffer, /) -> None:
        """Copy a Python buffer of the same size into this JS TypedArray."""
    def assign_to(self, to: WriteableBuffer, /) -> None:
        """Copy this JS TypedArray into a writable Python buffer of the same size."""
    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        """NumPy's hook (python/_isthmus/ndarray_interop.py): np.asarray(typed_array)."""
    def __getattr__(self, name: str) -> Any: ...
    def __setattr__(self, name: str, value: Any) -> None: ...
    def __delattr__(self, name: str) -> None: ...
    def __getitem__(self, key: Any) -> Any: ...
    def __setitem__(self, key: Any, value: Any) -> None: ...
    def __delitem__(self, key: Any) -> None: ...
    def __contains__(self, key: object) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Any]: ...
    def __next__(self) -> Any: ...
    def __aiter__(self) -> AsyncIterator[Any]: ...
    def __await__(self) -> Generator[Any, None, Any]: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
    def __enter__(self) -> Self:
        """`with obj:` for a JS value with a Symbol.dispose method (TypeError for others)."""
    def __exit__(self, *exc_info: object) -> None:
        """Calls obj[Symbol.dispose]()."""
    async def __aenter__(self) -> Self:
        """`async with obj:` for a JS value with a Symbol.asyncDispose method."""
    def __aexit__(self, *exc_info: object) -> Any:
        """obj[Symbol.asyncDispose]() (a Promise, awaited by `async with`)."""

class JsArray(JsProxy):
    """The JsProxy type of JS Arrays and TypedArrays (pyodide.ffi.JsArray; its
    runtime name is pyodide.ffi.JsProxy, as in Pyodide), registered as a
    collections.abc.MutableSequence: sequence patterns (`case [a, b]:`) match it."""
    def append(self, value: Any) -> None: ...
    def extend(self, values: Any) -> None: ...
    def insert(self, index: int, value: Any) -> None: ...
    def remove(self, value: Any) -> None: ...
    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int: ...
    def count(self, value: Any) -> int: ...
    def pop(self, index: int = -1) -> Any: ...
    def reverse(self) -> None: ...
    def __add__(self, other: Any) -> JsArray: ...
    def __iadd__(self, other: Any) -> Self: ...
    def __mul__(self, times: int) -> JsArray: ...
    def __rmul__(self, times: int) -> JsArray: ...
    def __imul__(self, times: int) -> Self: ...

class JsMap(JsProxy):
    """The JsProxy type of JS Map-likes (get, has, keys and a size), registered
    as a collections.abc.Mapping: mapping patterns (`case {"k": v}:`) match it."""
    def get(self, key: Any, default: Any = None) -> Any: ...
    def keys(self) -> Any: ...
    def items(self) -> Any: ...
    def values(self) -> Any: ...

class JsMutableMap(JsMap):
    """A JS Map (a Map-like with set and delete): a collections.abc.MutableMapping."""
    def pop(self, key: Any, *default: Any) -> Any: ...
    def popitem(self) -> tuple[Any, Any]: ...
    def setdefault(self, key: Any, default: Any = None) -> Any: ...
    def update(self, other: Any = (), /, **kwargs: Any) -> None: ...

class JsCallable(JsProxy):
    """A JS function (runtime name pyodide.ffi.JsCallable). Keyword arguments
    are passed as one last JS object argument."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...
    def new(self, *args: Any, **kwargs: Any) -> Any:
        """JS `new X(...args)`."""

class JsException(Exception):
    """A JavaScript error raised in Python (runtime name pyodide.ffi.JsException).
    Unknown attributes (name, message, stack...) are the JS error's."""

    @property
    def js_error(self) -> JsProxy | None:
        """The JS error object (None if this exception was made in Python)."""
    def __getattr__(self, name: str) -> Any: ...

class ConversionError(Exception):
    """A value that to_js / to_py cannot convert (runtime name pyodide.ffi.ConversionError)."""

@final
class _JsNull:
    """The type of jsnull (runtime name pyodide.ffi.JsNull, not exported)."""

    def __bool__(self) -> Literal[False]: ...

jsnull: _JsNull
"""JavaScript's null (None is JavaScript's undefined)."""

def live_js_handles() -> int:
    """Number of JS values currently held by handles (for leak tests)."""

@overload
def create_proxy(obj: Callable[..., Any], /) -> JsCallable: ...
@overload
def create_proxy(obj: object, /) -> JsProxy:
    """A PyProxy of obj that lives until destroy(); back in Python it is a JsDoubleProxy (roundtrip)."""

def to_js_owned(value: object, /) -> Any:
    """value itself if it converts implicitly, else an owned PyProxy of it."""

def python_error(exc: BaseException, /) -> JsProxy:
    """The JS PythonError for a Python exception."""

def to_exception(value: Any, /) -> BaseException:
    """The Python exception for a JS rejection or throw value."""

def to_js(
    obj: Any,
    depth: int,
    pyproxies: JsProxy | None,
    create_pyproxies: bool,
    dict_converter: Callable[[JsProxy], Any] | None,
    default_converter: _ToJsConverter | None,
    /,
) -> Any:
    """Deep Python -> JS conversion (pyodide.ffi.to_js, which has the defaults)."""

def js_globals() -> JsProxy:
    """The object `import js` exposes."""

def create_proxy_unwrapping(obj: Any) -> JsProxy:
    """create_proxy(obj, roundtrip=False): back in Python, the PyProxy is obj itself."""

def this_of(proxy: JsProxy) -> JsProxy | None:
    """The `this` a JsProxy method is called with, or None."""
