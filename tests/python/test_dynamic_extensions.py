"""C extensions loaded at run time: wasm side modules found on sys.path and
dlopen()ed by CPython's import system (tests/packages/isthmus_sidemod)."""
import importlib.machinery
import sys
import sysconfig

import pytest


def test_extension_suffixes_name_this_platform():
    assert ".cpython-311-wasm32-emscripten.so" in importlib.machinery.EXTENSION_SUFFIXES
    assert sysconfig.get_platform() == "emscripten_3_1_6_wasm32"


def test_side_module_inside_a_package_imports_by_dotted_name():
    from isthmus_sidemod import _speedups

    assert _speedups.__name__ == "isthmus_sidemod._speedups"
    assert _speedups.__file__.endswith("isthmus_sidemod/_speedups.cpython-311-wasm32-emscripten.so")
    assert isinstance(_speedups.__spec__.loader, importlib.machinery.ExtensionFileLoader)
    assert "isthmus_sidemod._speedups" not in sys.builtin_module_names
    # 64-bit integers cross the main/side module boundary as i64.
    assert _speedups.add(2**40, 2) == 2**40 + 2
    # METH_VARARGS|METH_KEYWORDS with a 2-parameter C function (call trampoline).
    assert _speedups.count_args(1, 2, 3) == (3, 0)
    assert _speedups.count_args(1, x=2) == (1, 1)


def test_side_module_exception_is_a_python_exception_and_runtime_goes_on():
    import isthmus_sidemod

    with pytest.raises(ValueError, match=r"fail\(42\) raised in a side module"):
        isthmus_sidemod.fail(42)
    assert isthmus_sidemod.add(1, 2) == 3


def test_importing_again_reuses_the_loaded_module():
    import importlib

    import isthmus_sidemod._speedups as first

    assert importlib.import_module("isthmus_sidemod._speedups") is first


def test_missing_extension_file_is_import_error():
    with pytest.raises(ImportError):
        import isthmus_sidemod._no_such_ext  # noqa: F401


def test_imp_load_dynamic_of_a_non_wasm_file_raises_import_error(tmp_path):
    # Was an abort of the whole runtime with a static build ("To use dlopen,
    # you need to use Emscripten's linking support").
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import imp
    bogus = tmp_path / "bogus.cpython-311-wasm32-emscripten.so"
    bogus.write_bytes(b"not wasm")
    with pytest.raises(ImportError):
        imp.load_dynamic("bogus", str(bogus))


def test_invalidate_caches_makes_a_new_distribution_visible(tmp_path, monkeypatch):
    # Directory mtimes have 1 s resolution here, so importlib.metadata's
    # listing cache used to survive an install made in the same second.
    import importlib
    import importlib.metadata as md

    monkeypatch.syspath_prepend(str(tmp_path))
    assert [d for d in md.distributions(path=[str(tmp_path)])] == []
    assert md.FastPath(str(tmp_path)).lookup(md.FastPath(str(tmp_path)).mtime).infos == {}
    info = tmp_path / "fresh_dist-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fresh-dist\nVersion: 1.0\n")
    importlib.invalidate_caches()
    assert md.version("fresh-dist") == "1.0"
