"""sys._stdlib_dir names the stdlib zip, as in Pyodide (/lib/python3XY.zip),
or the stdlib directory when the loader laid the stdlib out as files
(stdlibSources, the isthmus command: js/stdlib_tree.mjs).

CPython's getpath looks for a Lib/ directory and finds none (the stdlib is a
zip on a search path of ours, bridge/interpreter.cpp), so sys._stdlib_dir was
None and the frozen stdlib modules (os, site, codecs, ...) had no __file__.
Set here, the frozen modules imported before now get the __file__ importlib
would have given them (FrozenImporter._fix_up_module's rule), and later ones
get it from importlib itself: os.__file__ is /lib/python311.zip/os.py
(or /lib/python3.11/os.py).
"""
import sys
from importlib.machinery import FrozenImporter


def install():
    if getattr(sys, "_stdlib_dir", None):
        return
    major, minor = sys.version_info[:2]
    names = (f"/python{major}{minor}.zip", f"/python{major}.{minor}")
    stdlib = next((p for p in sys.path if p.endswith(names)), None)
    if stdlib is None:
        return
    sys._stdlib_dir = stdlib
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        state = getattr(spec, "loader_state", None)
        if spec is None or spec.loader is not FrozenImporter or state is None:
            continue
        if state.filename or not state.origname:
            continue
        ispkg = spec.submodule_search_locations is not None
        filename, pkgdir = FrozenImporter._resolve_filename(state.origname, spec.name, ispkg)
        state.filename = filename
        if filename and not hasattr(module, "__file__"):
            module.__file__ = filename
        if ispkg and pkgdir:
            spec.submodule_search_locations.insert(0, pkgdir)
            if module.__path__ is not spec.submodule_search_locations:
                module.__path__.insert(0, pkgdir)
