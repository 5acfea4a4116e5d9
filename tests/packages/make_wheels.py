"""Test wheels for tests/js/packages.test.mjs and the browser package test.

    python3.11 make_wheels.py OUT_DIR SIDEMOD_SO MISSING_SYMBOL_SO PLATFORM

Each wheel exercises one case of loadPackage / micropip: a C extension in a
package, a dependency, and every kind of bad wheel.
"""
import base64
import hashlib
import sys
import zipfile
from pathlib import Path

out, sidemod_so, missing_so, platform = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
out.mkdir(parents=True, exist_ok=True)
here = Path(__file__).parent


def wheel(name, version, tag, files, requires=()):
    """Write name-version-tag.whl holding files {path: bytes} and its dist-info."""
    dist_info = f"{name}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = dict(files)
    files[f"{dist_info}/METADATA"] = meta.encode()
    purelib = "true" if "none-any" in tag else "false"
    files[f"{dist_info}/WHEEL"] = f"Wheel-Version: 1.0\nRoot-Is-Purelib: {purelib}\nTag: {tag}\n".encode()
    record = ""
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record += f"{path},sha256={digest},{len(data)}\n"
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    path = out / f"{name}-{version}-{tag}.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for p, data in files.items():
            z.writestr(p, data)
    return path


plat = f"cp311-cp311-{platform}"
wheel("isthmus_sidemod", "1.0", plat, {
    "isthmus_sidemod/__init__.py": (here / "isthmus_sidemod/__init__.py").read_bytes(),
    "isthmus_sidemod/_speedups.cpython-311-wasm32-emscripten.so": sidemod_so.read_bytes(),
})
wheel("missingsym", "1.0", plat, {"missingsym.cpython-311-wasm32-emscripten.so": missing_so.read_bytes()})
wheel("isthmus_demo", "1.0", "py3-none-any", {
    "isthmus_demo/__init__.py": b"import six\n\ndef hello():\n    return 'demo with six ' + six.__version__\n",
}, requires=["six"])
wheel("oldpython", "1.0", f"cp310-cp310-{platform}", {"oldpython.py": b""})
wheel("linuxonly", "1.0", "cp311-cp311-manylinux_2_17_x86_64", {"linuxonly.py": b""})
wheel("six", "1.16.0", "py2.py3-none-any", {"six.py": b"__version__ = '1.16.0'\n"})
(out / "notazip-1.0-py3-none-any.whl").write_bytes(b"this is not a zip archive\n")
