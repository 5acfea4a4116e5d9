"""sys.path entries written as Windows paths import, as in Pyodide.

A build or a tool that ran on Windows may leave "C:\\dir\\sub" (or
"C://dir//sub") in sys.path or a .pth file; this finder, after the usual ones,
searches such an entry as the POSIX path "/dir/sub".
"""
import sys
from importlib.machinery import PathFinder


def posix_path(entry):
    """ "C:\\dir\\sub" -> "/dir/sub"; None for an entry that is not a Windows path.
    (No `re`: this module is imported at start-up, which must not import re.)"""
    if not isinstance(entry, str) or entry[1:2] != ":" or entry[2:3] not in ("\\", "/"):
        return None
    if not "a" <= entry[0].lower() <= "z":  # (a drive letter)
        return None
    return "/" + "/".join(part for part in entry[2:].replace("\\", "/").split("/") if part)


class WindowsPathFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        converted = [p for p in map(posix_path, sys.path if path is None else path) if p is not None]
        return PathFinder.find_spec(fullname, converted, target) if converted else None


def install():
    if WindowsPathFinder not in sys.meta_path:
        sys.meta_path.append(WindowsPathFinder)
