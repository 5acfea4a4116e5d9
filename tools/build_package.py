"""Build one package recipe (packages/<name>/recipe.toml) into a wheel for Isthmus.

    python3.11 tools/build_package.py packages/<name> --buildenv VENV --cpython PREFIX
        --cache DIR --out DIR

Downloads the pinned sdist from PyPI with pip (checking its sha256), applies
the recipe's patches (packages/<name>/*.patch, in name order), and builds a
wheel with the build venv's pinned tools. C extensions are cross-compiled with
emcc against the wasm CPython in PREFIX as side modules; the wheel is tagged
cp311-cp311-emscripten_<version>_wasm32 (pure-Python packages: py3-none-any).
Writes <out>/<wheel> (its modules precompiled) and <out>/lock.json (the package's
pyodide-lock entries; with `unvendor-tests`, also <name>-tests: its tests/ folders as a
package of their own).

Results are cached in <cache>/packages/<name>-<key>, the key hashing every
input: the recipe folder, this script, the build requirements, CPython's cache
entry (its own key) and the emcc version.
"""
import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYSCONFIG_NAME = "_sysconfigdata__emscripten_wasm32-emscripten"


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def run(cmd, log, **kw):
    """Run cmd with its output in the log file; on failure show the log's tail."""
    with open(log, "a") as out:
        out.write(f"$ {' '.join(map(str, cmd))}\n")
        out.flush()
        rc = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT, **kw)
    if rc != 0:
        tail = Path(log).read_text(errors="replace").splitlines()[-40:]
        sys.exit("\n".join(tail) + f"\nbuild_package: {cmd[0]} failed ({rc}); full log: {log}")


def emcc_version():
    out = subprocess.run(["emcc", "--version"], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[0]


def platform_tag():
    m = re.search(r"(\d+)\.(\d+)\.(\d+)", emcc_version())
    return f"emscripten_{m[1]}_{m[2]}_{m[3]}_wasm32"


def cache_key(recipe_dir, args):
    h = hashlib.sha256()
    for f in sorted(recipe_dir.rglob("*")):
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    for f in (Path(__file__), Path(args.requirements)):
        h.update(f.read_bytes())
    h.update(Path(args.cpython).name.encode())  # cpython-<key>: its inputs
    h.update(emcc_version().encode())
    return h.hexdigest()[:12]


def fetch_sdist(name, version, sha256, args, log):
    """The sdist from PyPI through pip, kept in <cache>/sdists (checked by hash)."""
    store = Path(args.cache) / "sdists"
    store.mkdir(parents=True, exist_ok=True)
    for f in store.glob("*"):
        if f.is_file() and sha256_file(f) == sha256:
            return f
    dl = store / f".download-{name}"
    shutil.rmtree(dl, ignore_errors=True)
    run([Path(args.buildenv) / "bin/python", "-m", "pip", "download", "--no-binary", ":all:",
         "--no-deps", "--no-build-isolation", "--disable-pip-version-check", "-d", dl,
         f"{name}=={version}"], log,
        # pip prepares metadata on the host: meson-python sdists run meson (and cython) for it.
        env={**os.environ, "PATH": f"{Path(args.buildenv) / 'bin'}:{os.environ['PATH']}"})
    got = [f for f in dl.iterdir() if f.name.endswith((".tar.gz", ".zip", ".tar.bz2"))]
    if len(got) != 1:
        sys.exit(f"build_package: pip download of {name}=={version} gave {[f.name for f in got]}")
    actual = sha256_file(got[0])
    if actual != sha256:
        sys.exit(f"build_package: {got[0].name} has sha256 {actual}, the recipe says {sha256}: "
                 "the sdist on PyPI is not the one pinned; check it and update the recipe")
    dest = store / got[0].name
    got[0].replace(dest)
    shutil.rmtree(dl)
    return dest


def unpack(sdist, work):
    if sdist.name.endswith(".zip"):
        with zipfile.ZipFile(sdist) as z:
            z.extractall(work)
    else:
        with tarfile.open(sdist) as t:
            t.extractall(work)  # a hash-checked sdist
    (top,) = [d for d in work.iterdir() if d.is_dir()]
    return top


def target_env(args, build, extra):
    """The environment of a build for the wasm CPython: its sysconfig
    (EXT_SUFFIX, SOABI, CCSHARED) instead of the host's, then `extra`, then
    the recipe's own variables."""
    env = dict(os.environ)
    env.update({
        "_PYTHON_SYSCONFIGDATA_NAME": SYSCONFIG_NAME,
        "PYTHONPATH": str(Path(args.cpython) / "lib"),
        "_PYTHON_HOST_PLATFORM": platform_tag(),
        "NODE_PATH": "/usr/share/nodejs",
        **extra,
    })
    env.update(build.get("env", {}))
    return env


def cross_env(args, build):
    """Environment that makes setuptools compile with emcc for the wasm CPython."""
    src = Path(args.cpython) / "Python-3.11.2"
    cflags = f"-O2 -fPIC -fwasm-exceptions -I{src}/Include -I{src} {build.get('cflags', '')}"
    # WASM_BIGINT as in the main module: 64-bit integers cross as i64 (without
    # it the side module's imports are legalised and do not link).
    ldflags = f"-O2 -fwasm-exceptions -sWASM_BIGINT=1 {build.get('ldflags', '')}"
    shared = "-shared -sSIDE_MODULE=1"
    return target_env(args, build, {
        "CC": "emcc", "CXX": "em++", "AR": "emar", "RANLIB": "emranlib",
        "LDSHARED": f"emcc {shared} {ldflags}", "LDCXXSHARED": f"em++ {shared} {ldflags}",
        "CFLAGS": cflags, "CXXFLAGS": cflags, "LDFLAGS": ldflags,
    })


def meson_cross_file(args, build, path):
    """A meson cross file for wasm32-emscripten against the wasm CPython:
    emcc through tools/emcc_wrap.py (side modules, target headers)."""
    src = Path(args.cpython) / "Python-3.11.2"
    wrap = [str(Path(args.buildenv) / "bin/python"), str(HERE / "emcc_wrap.py")]
    flags = ["-fPIC", "-fwasm-exceptions", f"-I{src}/Include", f"-I{src}", *build.get("cflags", "").split()]
    lines = [
        "[binaries]",
        f"c = {wrap + ['emcc']!r}",
        f"cpp = {wrap + ['em++']!r}",
        "ar = 'emar'",
        "strip = 'true'",
        "[host_machine]",
        "system = 'emscripten'",
        "cpu_family = 'wasm32'",
        "cpu = 'wasm'",
        "endian = 'little'",
        "[properties]",
        # wasm32's long double is IEEE binary128 (software): it cannot be probed by running code.
        "longdouble_format = 'IEEE_QUAD_LE'",
        "skip_sanity_check = true",
        "[built-in options]",
        f"c_args = {flags!r}",
        f"cpp_args = {flags!r}",
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def meson_wheel_command(args, build, stage, src):
    """pip wheel for a meson-python package, cross-compiled."""
    cross = meson_cross_file(args, build, stage / "cross.ini")
    setup = [f"--cross-file={cross}", *build.get("meson-args", [])]
    return [Path(args.buildenv) / "bin/python", "-m", "pip", "wheel", "--no-build-isolation", "--no-deps",
            "--disable-pip-version-check", "-w", stage / "wheel", *(f"-Csetup-args={a}" for a in setup),
            f"-Ccompile-args=-j{os.environ.get('ISTHMUS_JOBS', '2')}", src]


def meson_env(args, build):
    """Environment for meson-python: the build venv's tools on PATH, link
    flags for tools/emcc_wrap.py (compilers come from the cross file)."""
    return target_env(args, build, {
        "PATH": f"{Path(args.buildenv) / 'bin'}:{os.environ['PATH']}",
        "ISTHMUS_SIDE_LDFLAGS": f"-O2 {build.get('ldflags', '')}",
    })


def is_side_module(data):
    # "\0asm", version 1, then the dylink custom section first.
    return data[:4] == b"\0asm" and data[8] == 0 and b"dylink" in data[9:24]


def inspect_wheel(wheel, recipe):
    """imports, depends and checks for the lock entry."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        (dist_info,) = {n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info")}
        for n in names:
            if n.endswith(".so"):
                if not is_side_module(z.read(n)):
                    sys.exit(f"build_package: {wheel.name}: {n} is not a wasm side module "
                             "(was it compiled for the host?)")
        top = set()
        if f"{dist_info}/top_level.txt" in names:
            top = {t for t in z.read(f"{dist_info}/top_level.txt").decode().split() if t}
        else:
            for n in names:
                first = n.split("/")[0]
                if first.endswith((".dist-info", ".data")):
                    continue
                if "/" in n and n.split("/")[1] == "__init__.py":
                    top.add(first)
                elif "/" not in n and n.endswith(".py"):
                    top.add(n[:-3])
                elif "/" not in n and n.endswith(".so"):
                    top.add(n.split(".")[0])
        metadata = z.read(f"{dist_info}/METADATA").decode()
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines()
                if line.startswith("Requires-Dist:")]
    depends = []
    try:
        from packaging.requirements import Requirement

        env = {"sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
               "platform_machine": "wasm32", "python_version": "3.11", "python_full_version": "3.11.2",
               "implementation_name": "cpython", "platform_python_implementation": "CPython",
               "extra": ""}
        for r in map(Requirement, requires):
            if r.marker is None or r.marker.evaluate(env):
                depends.append(re.sub(r"[-_.]+", "-", r.name).lower())
    except ImportError:
        sys.exit("build_package: run it with the build venv's python (it needs packaging)")
    pkg = recipe["package"]
    about = recipe.get("about", {})
    return {
        "name": pkg["name"],
        "version": pkg["version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256_file(wheel),
        "package_type": "package",
        "imports": about.get("imports", sorted(t for t in top if not t.startswith("_")) or sorted(top)),
        "depends": about.get("depends", sorted(depends)),
        "unvendored_tests": False,
        "shared_library": False,
    }


def build(recipe_dir, args):
    recipe = tomllib.loads((recipe_dir / "recipe.toml").read_text())
    pkg = recipe["package"]
    name, version = pkg["name"], pkg["version"]
    entry = Path(args.cache) / "packages" / f"{name}-{cache_key(recipe_dir, args)}"
    if not (entry / ".complete").exists():
        stage = entry.with_name(entry.name + ".tmp")
        shutil.rmtree(stage, ignore_errors=True)
        (stage / "work").mkdir(parents=True)
        log = stage / "build.log"
        print(f"build_package: building {name} {version} (log: {entry}/build.log)", flush=True)
        sdist = fetch_sdist(name, version, pkg["sha256"], args, log)
        src = unpack(sdist, stage / "work")
        for patch in sorted(recipe_dir.glob("*.patch")):
            run(["patch", "-p1", "--forward", "--input", patch], log, cwd=src)
        build_opts = recipe.get("build", {})
        if build_opts.get("backend") == "meson":
            run(meson_wheel_command(args, build_opts, stage, src), log, env=meson_env(args, build_opts))
        else:
            run([Path(args.buildenv) / "bin/python", "-m", "pip", "wheel", "--no-build-isolation",
                 "--no-deps", "--disable-pip-version-check", "-w", stage / "wheel", src], log,
                env=cross_env(args, build_opts))
        (wheel,) = (stage / "wheel").glob("*.whl")
        lock = inspect_wheel(wheel, recipe)
        (stage / "lock.json").write_text(json.dumps(lock, indent=2) + "\n")
        shutil.rmtree(stage / "work")
        (stage / ".complete").write_text("")
        shutil.rmtree(entry, ignore_errors=True)
        stage.rename(entry)
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    (wheel,) = (entry / "wheel").glob("*.whl")
    lock = json.loads((entry / "lock.json").read_text())
    entries = finish_wheel(wheel, out, lock, bool(recipe.get("build", {}).get("unvendor-tests")))
    (out / "lock.json").write_text(json.dumps(entries, indent=2) + "\n")


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def pyc(name, source):
    """CPython 3.11 bytecode of a module (what the wasm interpreter would
    compile at every first import), as an unchecked-hash pyc (PEP 552): valid
    whatever mtime the installed .py gets. This script runs on CPython 3.11 too."""
    assert sys.version_info[:2] == (3, 11), "build_package must run on CPython 3.11 (the target's bytecode)"
    from importlib._bootstrap_external import _code_to_hash_pyc
    from importlib.util import cache_from_source, source_hash

    code = compile(source, name, "exec", dont_inherit=True)
    return cache_from_source(name), _code_to_hash_pyc(code, source_hash(source), checked=False)


def finish_wheel(wheel, out, lock, unvendor):
    """The wheel as shipped: its modules precompiled (import time in wasm is
    mostly compiling .py otherwise: NumPy 490 -> 120 ms), and with `unvendor`,
    as Pyodide does, its tests/ folders moved to a package of their own,
    <name>-tests (a wheel depending on <name>), so that using the package does
    not download its test suite. Returns the lock entries."""
    name, version = lock["name"], lock["version"]
    is_test = lambda n: unvendor and "/tests/" in f"/{n}" and ".dist-info/" not in n  # noqa: E731
    tests_dist = f"{name.replace('-', '_')}_tests-{version}"
    main_out = out / wheel.name
    tests_out = out / f"{tests_dist}-py3-none-any.whl"
    tests_record = []
    with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(main_out, "w", zipfile.ZIP_DEFLATED) as main:
        tests = zipfile.ZipFile(tests_out, "w", zipfile.ZIP_DEFLATED) if unvendor else None
        added = []
        record_info = None
        for info in src.infolist():
            data = src.read(info)
            if is_test(info.filename):
                tests.writestr(info, data)
                tests_record.append(record_line(info.filename, data))
            elif info.filename.endswith(".dist-info/RECORD"):
                record_info, record = info, data.decode()
            else:
                main.writestr(info, data)
                if info.filename.endswith(".py") and ".dist-info/" not in info.filename:
                    try:
                        path, compiled = pyc(info.filename, data)
                    except SyntaxError:
                        continue  # a template or Python 2 file: left as it is
                    main.writestr(path, compiled)
                    added.append(record_line(path, compiled))
        kept = [line for line in record.splitlines() if line and not is_test(line.split(",")[0])]
        main.writestr(record_info, "\n".join(kept + added) + "\n")
        if tests is not None:
            meta = {
                f"{tests_dist}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}-tests\n"
                                                    f"Version: {version}\nSummary: The test suite of {name}\n"
                                                    f"Requires-Dist: {name}=={version}\n",
                f"{tests_dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: isthmus build_package\n"
                                                 "Root-Is-Purelib: true\nTag: py3-none-any\n",
            }
            for path, text in meta.items():
                tests.writestr(path, text)
                tests_record.append(record_line(path, text.encode()))
            tests_record.append(f"{tests_dist}.dist-info/RECORD,,")
            tests.writestr(f"{tests_dist}.dist-info/RECORD", "\n".join(tests_record) + "\n")
            tests.close()
    entries = [dict(lock, sha256=sha256_file(main_out), unvendored_tests=unvendor)]
    if unvendor:
        entries.append(dict(lock, name=f"{name}-tests", file_name=tests_out.name, sha256=sha256_file(tests_out),
                            imports=[], depends=[name], unvendored_tests=False))
    return entries


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("recipe", type=Path)
    ap.add_argument("--buildenv", required=True)
    ap.add_argument("--requirements", default=str(HERE.parent / "packages/build-requirements.txt"))
    ap.add_argument("--cpython", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    build(args.recipe.resolve(), args)


if __name__ == "__main__":
    main()
