"""Python half of the Isthmus bridge (imported once at start-up)."""
from . import asyncio_patch, builtin_finder

builtin_finder.install()
asyncio_patch.install()

from . import _core, js_modules  # noqa: E402  (_core is found by the finder)

js_modules.install(_core.js_globals())

