"""_isthmus.wheels: which wheels this interpreter accepts, and the install
transaction (nothing left behind when a wheel is refused)."""
import io
import zipfile

import pytest

from _isthmus import wheels


@pytest.mark.parametrize("filename", [
    "a-1.0-py3-none-any.whl",
    "a-1.0-py2.py3-none-any.whl",
    "a-1.0-cp311-cp311-emscripten_3_1_6_wasm32.whl",
    "a-1.0-cp38-abi3-emscripten_3_1_6_wasm32.whl",
])
def test_compatible_wheels(filename):
    wheels.check_compatible(filename)


@pytest.mark.parametrize("filename, message", [
    ("a-1.0-cp312-abi3-emscripten_3_1_6_wasm32.whl", r"cp312 \(abi3\), this runtime is CPython 3\.11"),
    ("a-1.0-cp310-cp310-emscripten_3_1_6_wasm32.whl", r"cp310 \(cp310\), this runtime is CPython 3\.11"),
    ("a-1.0-py2-none-any.whl", r"is for Python py2"),
    ("a-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", r"not for this runtime's platform emscripten_3_1_6_wasm32"),
    ("a-1.0-cp311-cp311-emscripten_3_1_58_wasm32.whl", r"built for emscripten_3_1_58_wasm32"),
    ("a.whl", r"not a wheel file name"),
])
def test_incompatible_wheels_say_why(filename, message):
    with pytest.raises(wheels.WheelError, match=message):
        wheels.check_compatible(filename)


def _wheel(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_install_and_remove(tmp_path):
    data = _wheel({"demo_pkg/__init__.py": "X = 1\n",
                   "demo_pkg-1.0.dist-info/METADATA": "Name: demo-pkg\nVersion: 1.0\n"})
    result = wheels.install(data, "demo_pkg-1.0-py3-none-any.whl", target=tmp_path)
    assert (result["name"], result["version"], result["dynlibs"]) == ("demo-pkg", "1.0", [])
    assert (tmp_path / "demo_pkg/__init__.py").read_text() == "X = 1\n"
    assert wheels.installed_version("Demo_Pkg", tmp_path) == "1.0"
    # The same version again: nothing to do. Another one: refused.
    assert wheels.install(data, "demo_pkg-1.0-py3-none-any.whl", target=tmp_path)["files"] == []
    other = _wheel({"demo_pkg-2.0.dist-info/METADATA": "Name: demo-pkg\nVersion: 2.0\n"})
    with pytest.raises(wheels.WheelError, match="demo-pkg 1.0 is already installed; cannot also install 2.0"):
        wheels.install(other, "demo_pkg-2.0-py3-none-any.whl", target=tmp_path)


def test_refused_wheels_leave_nothing(tmp_path):
    with pytest.raises(wheels.WheelError, match="not a valid wheel"):
        wheels.install(b"junk", "junk-1.0-py3-none-any.whl", target=tmp_path)
    escaping = _wheel({"../evil.py": "", "evil-1.0.dist-info/METADATA": "Name: evil\nVersion: 1.0\n"})
    with pytest.raises(wheels.WheelError, match="outside site-packages"):
        wheels.install(escaping, "evil-1.0-py3-none-any.whl", target=tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path.parent / "evil.py").exists()
