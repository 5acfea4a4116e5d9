"""Python half of the Isthmus bridge (imported once at start-up)."""
from . import builtin_finder, stdlib_dir, stdlib_patches, windows_paths

builtin_finder.install()
windows_paths.install()
stdlib_dir.install()
stdlib_patches.install()

from . import _core, js_modules  # noqa: E402  (_core is found by the finder)


def _hide_pybind11_internals():
    """pybind11 leaves its internals in builtins, as a capsule under a
    __pybind11_internals_v4_* name, for other pybind11 modules to share. _core
    keeps its own pointer to them and no other module here uses pybind11, so
    the capsule goes: builtins is what Python code expects (a deepcopy of a
    namespace with __builtins__ in it failed on the capsule: test_getpath)."""
    import builtins

    for name in [n for n in vars(builtins) if n.startswith("__pybind11_internals_")]:
        delattr(builtins, name)


_hide_pybind11_internals()

js_modules.install(_core.js_globals())


def _register_abcs():
    """A JsProxy of a JS Array is a MutableSequence, as Pyodide's JsArray
    (registering sets Py_TPFLAGS_SEQUENCE: `match arr: case [a, b]:`)."""
    import _collections_abc  # (collections.abc is this module, already imported)

    _collections_abc.MutableSequence.register(_core.JsArray)


_register_abcs()

from . import jsproxy_views  # noqa: E402

jsproxy_views.install()

from . import ndarray_interop  # noqa: E402

ndarray_interop.install()


def _as_pyodide():
    """What wheels and installers (micropip) look for to know they run in Pyodide."""
    import os
    import sys

    # sysconfig.get_platform() names the wheel platform tag, as in Pyodide.
    os.environ.setdefault("_PYTHON_HOST_PLATFORM", _core.PLATFORM)
    sys.modules.setdefault("_pyodide_core", _core)

    # What site would add (start-up skips site for speed): exit(), quit(),
    # help(), copyright..., and the working directory first on sys.path, as
    # in Pyodide (a program's own modules import).
    import builtins

    if not hasattr(builtins, "exit"):
        import _sitebuiltins

        builtins.exit = _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)")
        builtins.quit = _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)")
        builtins.help = _sitebuiltins._Helper()
        builtins.copyright = _sitebuiltins._Printer("copyright", sys.copyright)
        builtins.credits = _sitebuiltins._Printer("credits", "See https://www.python.org/about/credits/")
        builtins.license = _sitebuiltins._Printer("license", "See https://www.python.org/psf/license/")
    # (the runtime's isolated start-up; the isthmus command sets sys.path[0] as python does)
    if sys.flags.isolated and sys.flags.no_site and sys.path[:1] != [""]:
        sys.path.insert(0, "")

    # importlib.metadata caches directory listings by mtime, which has 1 s
    # resolution here: a wheel installed in the same second as a lookup stayed
    # invisible (micropip.freeze/uninstall). As in CPython 3.12,
    # invalidate_caches() (installers call it) drops that cache too.
    import importlib

    invalidate = importlib.invalidate_caches

    def invalidate_caches():
        invalidate()
        metadata = sys.modules.get("importlib.metadata")
        if metadata is not None:
            metadata.FastPath.__new__.cache_clear()  # what 3.12 does (3.11 has it as a broken method)

    invalidate_caches.__doc__ = invalidate.__doc__
    importlib.invalidate_caches = invalidate_caches


_as_pyodide()

