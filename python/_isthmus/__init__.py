"""Python half of the Isthmus bridge (imported once at start-up)."""
from . import asyncio_patch, builtin_finder

builtin_finder.install()
asyncio_patch.install()

from . import _core, js_modules  # noqa: E402  (_core is found by the finder)

js_modules.install(_core.js_globals())


def _as_pyodide():
    """What wheels and installers (micropip) look for to know they run in Pyodide."""
    import os
    import sys

    # sysconfig.get_platform() names the wheel platform tag, as in Pyodide.
    os.environ.setdefault("_PYTHON_HOST_PLATFORM", _core.PLATFORM)
    sys.modules.setdefault("_pyodide_core", _core)


_as_pyodide()

