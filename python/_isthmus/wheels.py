"""Wheels installed into site-packages at run time (loadPackage and micropip).

install() checks that a wheel is for this interpreter and platform, refuses a
second version of an installed distribution, and extracts it; the files it
wrote are removed again if anything fails (then nothing is half-installed).
Side modules (.so) are loaded by JS afterwards: js/packages.mjs.
"""
import re
import shutil
import sys
import sysconfig
import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath

SITE_PACKAGES = Path(f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages")
# The CPython ABI tags this interpreter loads, best first.
_PY = f"{sys.version_info.major}{sys.version_info.minor}"
_WHEEL_NAME = re.compile(
    r"^(?P<name>[^-]+)-(?P<version>[^-]+)(-(?P<build>\d[^-]*))?"
    r"-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$")


class WheelError(ValueError):
    """A wheel that cannot be installed here; the message says why and what to do."""


def canonical_name(name):
    """PEP 503 normalisation: "Markup_Safe" -> "markup-safe"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def platform_tag():
    """This platform's wheel tag, e.g. emscripten_3_1_6_wasm32."""
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def check_compatible(filename):
    """Raise WheelError unless the wheel `filename` can run on this interpreter."""
    m = _WHEEL_NAME.match(filename)
    if not m:
        raise WheelError(f"{filename!r} is not a wheel file name (name-version-python-abi-platform.whl)")
    pys, abis, plats = (set(m[k].split(".")) for k in ("py", "abi", "plat"))
    if not plats & {"any", platform_tag()}:
        raise WheelError(
            f"{filename} is built for {', '.join(sorted(plats))}, not for this runtime's platform "
            f"{platform_tag()}: use a pure-Python wheel (py3-none-any) or one built for Isthmus")
    if "any" in plats and abis == {"none"}:
        if not pys & {"py3", f"py{_PY}", f"cp{_PY}", "py2.py3"}:
            raise WheelError(f"{filename} is for Python {', '.join(sorted(pys))}, this runtime is Python 3.{_PY[1:]}")
        return
    # abi3 wheels built for an older 3.x (cp38-abi3) load here too.
    abi3_ok = "abi3" in abis and any(
        p.startswith("cp3") and p[3:].isdigit() and int(p[3:]) <= int(_PY[1:]) for p in pys)
    if not abi3_ok and (not abis & {f"cp{_PY}", "abi3", "none"} or not pys & {f"cp{_PY}", "py3", f"py{_PY}", "cp3"}):
        raise WheelError(
            f"{filename} is built for {', '.join(sorted(pys))} ({', '.join(sorted(abis))}), "
            f"this runtime is CPython 3.{_PY[1:]} (cp{_PY}): use a wheel built for it")


def _dist_info_dir(zf, filename):
    dirs = {PurePosixPath(n).parts[0] for n in zf.namelist() if n.split("/", 1)[0].endswith(".dist-info")}
    if len(dirs) != 1:
        raise WheelError(f"{filename} has {len(dirs)} .dist-info directories, a wheel has exactly one")
    return dirs.pop()


def installed_version(name, target=SITE_PACKAGES):
    """The version of distribution `name` installed in target, or None."""
    want = canonical_name(name)
    if not target.is_dir():
        return None
    for entry in target.iterdir():
        if entry.suffix == ".dist-info" and "-" in entry.stem:
            dist, version = entry.stem.rsplit("-", 1)
            if canonical_name(dist) == want:
                return version
    return None


def _read_metadata(zf, dist_info):
    text = zf.read(f"{dist_info}/METADATA").decode("utf-8", "replace")
    fields = {}
    for line in text.splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        fields.setdefault(key.strip().lower(), value.strip())
    return fields


def install(data, filename, target=SITE_PACKAGES, installer="isthmus", source=None):
    """Install the wheel bytes `data`; returns {name, version, files, dynlibs}.

    Installing the same version again is a no-op (files and dynlibs are then
    empty); another version of an installed distribution raises WheelError.
    """
    check_compatible(filename)
    try:
        zf = zipfile.ZipFile(BytesIO(bytes(data)))
    except zipfile.BadZipFile:
        raise WheelError(f"{filename} is not a valid wheel (not a zip archive): check the URL or file") from None
    with zf:
        dist_info = _dist_info_dir(zf, filename)
        meta = _read_metadata(zf, dist_info)
        name, version = meta.get("name", ""), meta.get("version", "")
        have = installed_version(name, target)
        if have == version:
            return {"name": name, "version": version, "files": [], "dynlibs": []}
        if have is not None:
            raise WheelError(
                f"{name} {have} is already installed; cannot also install {version} from {filename} "
                f"(one version per runtime: uninstall it first, or load a fresh runtime)")
        written = []
        try:
            for info in zf.infolist():
                dest = (target / info.filename).resolve()
                if not str(dest).startswith(str(target.resolve()) + "/"):
                    raise WheelError(f"{filename}: member {info.filename!r} would install outside site-packages")
                if info.is_dir():
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(dest, "wb") as out:
                    shutil.copyfileobj(src, out)
                written.append(str(dest))
            (target / dist_info / "INSTALLER").write_text(installer + "\n")
            written.append(str(target / dist_info / "INSTALLER"))
            if source is not None:
                (target / dist_info / "PYODIDE_SOURCE").write_text(source)
                written.append(str(target / dist_info / "PYODIDE_SOURCE"))
        except BaseException:
            remove_files(written)
            raise
    import importlib

    importlib.invalidate_caches()
    dynlibs = [f for f in written if f.endswith(".so")]
    return {"name": name, "version": version, "files": written, "dynlibs": dynlibs}


def remove_files(files):
    """Undo install(): delete the files and the directories left empty."""
    dirs = set()
    for f in files:
        p = Path(f)
        p.unlink(missing_ok=True)
        dirs.update(p.parents)
    for d in sorted(dirs, key=lambda d: len(d.parts), reverse=True):
        if d != SITE_PACKAGES and SITE_PACKAGES in d.parents:
            try:
                d.rmdir()
            except OSError:
                pass  # not empty: other files live there
    gone = _modules_of(files)
    for name in [m for m in sys.modules if m in gone]:
        del sys.modules[name]


def _modules_of(files):
    """Top-level module names of installed files (to forget after a rollback)."""
    names = set()
    for f in files:
        rel = Path(f).relative_to(SITE_PACKAGES).parts if SITE_PACKAGES in Path(f).parents else ()
        if rel and not rel[0].endswith((".dist-info", ".data")):
            names.add(rel[0].split(".", 1)[0])
    return names


def get_dynlibs(archive, suffix, target_dir):
    """Paths the shared libraries of a wheel (or tar) will have once extracted.

    Pyodide's pyodide._package_loader.get_dynlibs (micropip calls it).
    """
    if suffix not in (".whl", ".zip"):
        import tarfile

        with tarfile.open(fileobj=archive) as tf:
            names = tf.getnames()
    else:
        with zipfile.ZipFile(archive) as zf:
            names = zf.namelist()
    return [str(Path(target_dir) / n) for n in names if n.endswith(".so") or ".so." in n]
