"""Write dist/pyodide-lock.json from the packages' lock entries and copy their wheels.

    python3.11 tools/make_lockfile.py DIST --version V --packages DIR...

Each DIR holds wheels and lock.json, a list of their entries (tools/build_package.py). The shape is
Pyodide's pyodide-lock.json: {"info": {...}, "packages": {name: entry}}.
Wheels of packages no longer built are removed from DIST.
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("dist", type=Path)
ap.add_argument("--version", required=True)
ap.add_argument("--packages", nargs="*", type=Path, default=[])
args = ap.parse_args()

emcc = subprocess.run(["emcc", "--version"], capture_output=True, text=True, check=True).stdout
m = re.search(r"(\d+)\.(\d+)\.(\d+)", emcc.splitlines()[0])
packages = {}
keep = set()
for d in args.packages:
    for entry in json.loads((d / "lock.json").read_text()):
        key = re.sub(r"[-_.]+", "-", entry["name"]).lower()
        if key in packages:
            sys.exit(f"make_lockfile: two recipes build {key}")
        packages[key] = entry
        shutil.copy2(d / entry["file_name"], args.dist / entry["file_name"])
        keep.add(entry["file_name"])
for old in args.dist.glob("*.whl"):
    if old.name not in keep:
        old.unlink()
lock = {
    "info": {
        "arch": "wasm32",
        "platform": f"emscripten_{m[1]}_{m[2]}_{m[3]}",
        "version": args.version,
        "python": "3.11.2",
        "abi_version": f"emscripten_{m[1]}_{m[2]}_{m[3]}",
    },
    "packages": dict(sorted(packages.items())),
}
(args.dist / "pyodide-lock.json").write_text(json.dumps(lock, indent=2) + "\n")
