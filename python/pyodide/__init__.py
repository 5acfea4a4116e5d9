"""Pyodide-compatible Python API of Isthmus."""
from _isthmus._core import ISTHMUS_VERSION as __version__  # noqa: F401
from _isthmus.lazy_submodules import submodule_getattr as _submodule_getattr

from . import ffi  # noqa: F401

__all__ = ["__version__", "console", "code", "ffi", "http", "webloop"]

# As in Pyodide, `pyodide.console` and the others work after `import pyodide`.
__getattr__ = _submodule_getattr(__name__, {"console", "code", "http", "webloop"})
