"""Import statically linked extension modules that live inside packages.

CPython's BuiltinImporter only answers top-level names, but the binary may
register dotted ones ("pkg.sub._ext") in the init table. This finder, last on
sys.meta_path, answers those, and makes their parent packages importable as
namespace packages when no real package provides them.
"""
import sys
from importlib.machinery import BuiltinImporter, ModuleSpec

_dotted = frozenset(n for n in sys.builtin_module_names if "." in n)
_parents = frozenset(
    n.rsplit(".", i)[0] for n in _dotted for i in range(1, n.count(".") + 1)
)


class BuiltinSubmoduleFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname in _dotted:
            return ModuleSpec(fullname, BuiltinImporter, origin="built-in")
        if fullname in _parents:
            spec = ModuleSpec(fullname, None, is_package=True)
            spec.submodule_search_locations = []
            return spec
        return None

    @classmethod
    def invalidate_caches(cls):
        pass


def install():
    if BuiltinSubmoduleFinder not in sys.meta_path:
        sys.meta_path.append(BuiltinSubmoduleFinder)
