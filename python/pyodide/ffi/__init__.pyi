"""pyodide.ffi: the Python side of the JavaScript foreign function interface."""
from collections.abc import Callable
from typing import Any, TypeAlias

from _isthmus._core import ConversionError as ConversionError
from _isthmus._core import JsArray as JsArray
from _isthmus._core import JsCallable as JsCallable
from _isthmus._core import JsException as JsException
from _isthmus._core import JsProxy as JsProxy
from _isthmus._core import create_proxy as create_proxy
from _isthmus._core import jsnull as jsnull

# At run time JsProxy is a class of its own whose isinstance() is true for
# JsProxy, JsCallable and JsException objects; typed as the native JsProxy,
# which says what such objects do.

__all__ = [
    "JsProxy", "JsException", "JsCallable", "JsArray", "jsnull", "create_proxy", "create_once_callable",
    "destroy_proxies", "register_js_module", "unregister_js_module", "to_js", "ConversionError",
    "IN_BROWSER", "IN_PYODIDE", "InternalError", "ToJsConverter", "JsAsyncGenerator", "JsAsyncIterable",
    "JsAsyncIterator", "JsBigInt", "JsBuffer", "JsCallableDoubleProxy", "JsDomElement", "JsDoubleProxy",
    "JsFetchResponse", "JsGenerator", "JsIterable", "JsIterator", "JsMap", "JsMutableMap", "JsNull",
    "JsOnceCallable", "JsPromise", "JsTypedArray", "JsWeakRef",
]

IN_BROWSER: bool
"""True inside the runtime (browser or Node.js), as in Pyodide."""
IN_PYODIDE: bool
"""True inside the runtime, as in Pyodide."""

def can_run_sync() -> bool:
    """Whether run_sync() can block on a Promise: never in Isthmus (no JSPI)."""

ToJsConverter: TypeAlias = Callable[[Any, Callable[[Any], Any], Callable[[Any, Any], None]], Any]

class InternalError(Exception):
    """Pyodide's error for a fault of the runtime itself (for `except` clauses)."""

# The JsProxy type family: virtual classes whose isinstance() asks the JS
# value (python/_isthmus/js_types.py); typed as JsProxy subclasses.
class JsIterable(JsProxy): ...
class JsAsyncIterable(JsProxy): ...
class JsIterator(JsProxy): ...
class JsAsyncIterator(JsProxy): ...
class JsGenerator(JsIterator): ...
class JsAsyncGenerator(JsAsyncIterator): ...
class JsMap(JsProxy): ...
class JsMutableMap(JsMap): ...
class JsPromise(JsProxy): ...
class JsBuffer(JsProxy): ...
class JsTypedArray(JsBuffer): ...
class JsDomElement(JsProxy): ...
class JsWeakRef(JsProxy): ...
class JsFetchResponse(JsProxy): ...
class JsDoubleProxy(JsProxy): ...
class JsCallableDoubleProxy(JsDoubleProxy, JsCallable): ...
class JsOnceCallable(JsCallable): ...
class JsNull:
    """The type of jsnull."""
class JsBigInt(int):
    """Pyodide's type of large JS BigInts (Isthmus gives them as int)."""

def create_once_callable(obj: Callable[..., Any]) -> JsCallable:
    """A callable PyProxy that frees itself after its first call."""

def destroy_proxies(proxies: JsProxy) -> None:
    """Destroy every PyProxy in a JS array (as filled by to_js(pyproxies=...))."""

def register_js_module(name: str, jsobj: Any) -> None:
    """Make `import name` give the JS object `jsobj` (and its properties as submodules)."""

def unregister_js_module(name: str, missing_ok: bool = False) -> None:
    """Undo register_js_module (ValueError if `name` is not registered, unless missing_ok)."""

def to_js(
    obj: Any,
    *,
    depth: int = -1,
    pyproxies: JsProxy | None = None,
    create_pyproxies: bool = True,
    dict_converter: Callable[[JsProxy], Any] | None = None,
    default_converter: Callable[[Any, Callable[[Any], Any], Callable[[Any, Any], None]], Any] | None = None,
) -> Any:
    """Convert a Python value to JavaScript, `depth` levels deep (-1: all)."""
