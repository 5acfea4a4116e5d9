"""Create the package builder's venv: Debian's python3.11 plus the pinned,
hash-checked build tools of packages/build-requirements.txt.

    python3.11 tools/make_buildenv.py REQUIREMENTS VENV

VENV is built beside as VENV.tmp and renamed when complete (a cache entry is
never half-filled); an existing complete VENV is kept.
"""
import shutil
import subprocess
import sys
import venv
from pathlib import Path

requirements, target = Path(sys.argv[1]), Path(sys.argv[2])
if not (target / ".complete").exists():
    stage = target.with_name(target.name + ".tmp")
    shutil.rmtree(stage, ignore_errors=True)
    venv.create(stage, with_pip=True)
    subprocess.check_call([stage / "bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check",
                           "--require-hashes", "--no-deps", "--only-binary", ":all:", "-r", requirements])
    # Console scripts (cython, meson, ninja) name the interpreter by its
    # absolute path: point them at the final place before moving there.
    for script in (stage / "bin").iterdir():
        if script.is_file() and not script.is_symlink():
            data = script.read_bytes()
            if data.startswith(b"#!" + bytes(stage)):
                script.write_bytes(data.replace(bytes(stage), bytes(target), 1))
    (stage / ".complete").write_text("")
    shutil.rmtree(target, ignore_errors=True)
    stage.rename(target)
