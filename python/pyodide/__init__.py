"""Pyodide-compatible Python API of Isthmus."""
from _isthmus._core import ISTHMUS_VERSION as __version__  # noqa: F401

from . import ffi  # noqa: F401
