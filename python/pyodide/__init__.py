"""Pyodide-compatible Python API of Isthmus."""
from _isthmus._core import ISTHMUS_VERSION as __version__  # noqa: F401

from . import ffi  # noqa: F401

__all__ = ["__version__", "console", "code", "ffi", "http", "webloop"]

_SUBMODULES = {"console", "code", "http", "webloop"}


def __getattr__(name):
    # As in Pyodide, `pyodide.console` and the others work after `import
    # pyodide`; they load when first asked for (start-up imports none of them).
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'pyodide' has no attribute {name!r}")
