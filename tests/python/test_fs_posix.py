"""The filesystem as POSIX has it, where Emscripten 3.1.6 differs (js/fs_fixes.lib.js).

Each test runs on MEMFS (pytest's tmp_path is under /tmp) and, where the
host's files behave differently, on NODEFS (a host directory mounted).
"""

import errno
import os
import pathlib

import pyodide_js
import pytest

import jshelpers


@pytest.fixture
def host_tmp_path():
    """A host temporary directory, mounted (NODEFS) at its own path."""
    host = jshelpers.hostTempDir()
    pyodide_js.mountNodeFS(host, host)
    try:
        yield pathlib.Path(host)
    finally:
        pyodide_js.FS.unmount(host)
        jshelpers.removeHostDir(host)


@pytest.fixture(params=["memfs", "nodefs"])
def any_tmp_path(request, tmp_path):
    if request.param == "memfs":
        return tmp_path
    return request.getfixturevalue("host_tmp_path")


# --- 6. readlink and the dir_fd functions ------------------------------------------


def test_readlink_returns_the_text_of_the_link(any_tmp_path):
    for target in ("target", "../up/there", "/an/absolute/path", "dir/"):
        link = any_tmp_path / "l"
        os.symlink(target, link)
        assert os.readlink(link) == target
        assert os.readlink(os.fsencode(link)) == os.fsencode(target)
        assert link.readlink() == pathlib.Path(target)
        os.unlink(link)
    with pytest.raises(OSError) as info:
        os.readlink(any_tmp_path)
    assert info.value.errno == errno.EINVAL


def test_readlink_with_dir_fd(any_tmp_path):
    os.symlink("target", any_tmp_path / "l")
    fd = os.open(any_tmp_path, os.O_RDONLY)
    try:
        assert os.readlink("l", dir_fd=fd) == "target"
    finally:
        os.close(fd)
