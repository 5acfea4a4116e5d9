"""Pack a Python source tree into a zip for the wasm interpreter's sys.path.

Modules are precompiled with the build machine's python3.11 (same bytecode
magic as the wasm CPython 3.11) and stored as legacy-layout .pyc next to where
the .py would be, which zipimport loads directly: no compile at start-up.
With --stubs, type stubs (*.pyi) and PEP 561 py.typed markers are stored too,
as they are (for tools that read the zip; the interpreter ignores them).
With --sources-out, the .py sources go to a second zip at the same paths
(loaded on demand: loadPyodide's stdlibSources, the isthmus command).
Usage: make_zip.py OUT.zip ROOT_IN_ZIP=DIR... [--exclude NAME...] [--stubs] [--sources-out SRC.zip] --zip-path PATH
"""
import argparse
import importlib.util
import marshal
import os
import sys
import zipfile


def pyc_bytes(source_path, display_name):
    with open(source_path, "rb") as f:
        source = f.read()
    code = compile(source, display_name, "exec", dont_inherit=True, optimize=0)
    # Flags 0 + zero mtime/size: zipimport only validates timestamps when the
    # .py is in the zip too, and it is not.
    header = importlib.util.MAGIC_NUMBER + b"\0" * 12
    return header + marshal.dumps(code)


def is_stub(name):
    return name.endswith(".pyi") or name == "py.typed"


def add_tree(zf, directory, prefix, excludes, zip_path, stubs=False, sources=None):
    for root, dirs, files in os.walk(directory):
        rel_root = os.path.relpath(root, directory)
        dirs[:] = sorted(
            d for d in dirs
            if d not in excludes and os.path.normpath(os.path.join(rel_root, d)) not in excludes
            and d != "__pycache__"
        )
        for name in sorted(files):
            rel = os.path.normpath(os.path.join(prefix, rel_root, name))
            if stubs and is_stub(name):
                info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(os.path.join(root, name), "rb") as f:
                    zf.writestr(info, f.read())
                continue
            if not name.endswith(".py"):
                continue
            display = f"{zip_path}/{rel}"
            data = pyc_bytes(os.path.join(root, name), display)
            info = zipfile.ZipInfo(rel[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
            if sources is not None:
                info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(os.path.join(root, name), "rb") as f:
                    sources.writestr(info, f.read())


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("make_zip.py must run on Python 3.11 (bytecode must match the wasm CPython)")
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("trees", nargs="+", help="PREFIX=DIR ('.' for the zip root)")
    p.add_argument("--exclude", nargs="*", default=[])
    p.add_argument("--zip-path", required=True, help="the zip's path inside the wasm filesystem")
    p.add_argument("--stubs", action="store_true", help="also store *.pyi and py.typed files")
    p.add_argument("--sources-out", help="also write the .py sources into this zip")
    args = p.parse_args()
    excludes = set(args.exclude)
    tmp = args.out + ".tmp"
    sources = zipfile.ZipFile(args.sources_out + ".tmp", "w", compresslevel=9) if args.sources_out else None
    with zipfile.ZipFile(tmp, "w", compresslevel=6) as zf:
        for spec in args.trees:
            prefix, _, directory = spec.partition("=")
            if os.path.isfile(directory):
                rel = os.path.normpath(os.path.join(prefix, os.path.basename(directory)))
                info = zipfile.ZipInfo(rel[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, pyc_bytes(directory, f"{args.zip_path}/{rel}"))
            else:
                add_tree(zf, directory, prefix, excludes, args.zip_path, args.stubs, sources)
    os.replace(tmp, args.out)
    if sources is not None:
        sources.close()
        os.replace(args.sources_out + ".tmp", args.sources_out)


if __name__ == "__main__":
    main()
