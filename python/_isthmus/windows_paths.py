"""sys.path entries written as Windows paths import, as in Pyodide.

A build or a tool that ran on Windows may leave "C:\\dir\\sub" (or
"C://dir//sub") in sys.path or a .pth file; this finder, after the usual ones,
searches such an entry as the POSIX path "/dir/sub".
"""
import re
import sys
from importlib.machinery import PathFinder

_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def posix_path(entry):
    """ "C:\\dir\\sub" -> "/dir/sub"; None for an entry that is not a Windows path."""
    if not isinstance(entry, str) or not _DRIVE.match(entry):
        return None
    return "/" + "/".join(part for part in re.split(r"[\\/]+", entry[2:]) if part)


class WindowsPathFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        converted = [p for p in map(posix_path, sys.path if path is None else path) if p is not None]
        return PathFinder.find_spec(fullname, converted, target) if converted else None

    @classmethod
    def invalidate_caches(cls):
        pass


def install():
    if WindowsPathFinder not in sys.meta_path:
        sys.meta_path.append(WindowsPathFinder)
