"""The filesystem as POSIX has it, where Emscripten 3.1.6 differs (js/fs_fixes.lib.js).

Each test runs on MEMFS (pytest's tmp_path is under /tmp) and, where the
host's files behave differently, on NODEFS (a host directory mounted).
"""

import errno
import glob
import os
import pathlib
import stat
import time

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


# --- 1. Symlink loops: ELOOP, not a JS stack overflow -------------------------


def test_a_symlink_loop_is_eloop(any_tmp_path):
    os.symlink("b", any_tmp_path / "a")
    os.symlink("a", any_tmp_path / "b")
    for call in (os.stat, os.listdir, open, lambda p: os.stat(p / "x"), lambda p: os.mkdir(p / "x")):
        with pytest.raises(OSError) as info:
            call(any_tmp_path / "a")
        assert info.value.errno == errno.ELOOP
    assert stat.S_ISLNK(os.lstat(any_tmp_path / "a").st_mode)


def test_a_loop_through_directories_is_eloop(any_tmp_path):
    # Each target goes through the other link: the lookup recursed until JS's
    # "Maximum call stack size exceeded".
    os.symlink("b/x", any_tmp_path / "a")
    os.symlink("a/x", any_tmp_path / "b")
    for path in (any_tmp_path / "a", any_tmp_path / "b" / "y"):
        with pytest.raises(OSError) as info:
            os.stat(path)
        assert info.value.errno == errno.ELOOP
    with pytest.raises(OSError) as info:
        os.path.realpath(any_tmp_path / "a", strict=True)
    assert info.value.errno == errno.ELOOP
    with pytest.raises(RuntimeError, match="Symlink loop"):  # pathlib's word for ELOOP in 3.11
        (any_tmp_path / "a").resolve(strict=True)
    found = glob.glob(str(any_tmp_path / "**"), recursive=True)
    assert sorted(found) == sorted([f"{any_tmp_path}/", str(any_tmp_path / "a"), str(any_tmp_path / "b")])
    assert sorted(p.name for p in any_tmp_path.rglob("*")) == ["a", "b"]
    # The runtime is still there.
    (any_tmp_path / "f").write_text("still here")
    assert (any_tmp_path / "f").read_text() == "still here"


def test_forty_links_are_followed_and_the_forty_first_is_eloop(any_tmp_path):
    # Linux's MAXSYMLINKS: 40 links in one lookup.
    (any_tmp_path / "target").write_text("t")
    for n in range(41, 0, -1):
        os.symlink(f"l{n - 1}" if n > 1 else "target", any_tmp_path / f"l{n}")
    assert (any_tmp_path / "l40").read_text() == "t"
    with pytest.raises(OSError) as info:
        (any_tmp_path / "l41").read_text()
    assert info.value.errno == errno.ELOOP


# --- 3. A path through a regular file: ENOTDIR --------------------------------


@pytest.mark.parametrize("mode", [0o644, 0o755])
def test_a_path_under_a_file_is_not_a_directory(any_tmp_path, mode):
    f = any_tmp_path / "f"
    f.write_text("")
    f.chmod(mode)
    (any_tmp_path / "d").mkdir()
    calls = {
        "mkdir": lambda: os.mkdir(f / "x"),
        "open w": lambda: open(f / "x", "w"),
        "open r": lambda: open(f / "x"),
        "stat": lambda: os.stat(f / "x"),
        "lstat": lambda: os.lstat(f / "x" / "y"),
        "unlink": lambda: os.unlink(f / "x"),
        "rmdir": lambda: os.rmdir(f / "x"),
        "listdir": lambda: os.listdir(f),
        "rename from": lambda: os.rename(f / "x", any_tmp_path / "y"),
        "rename to": lambda: os.rename(any_tmp_path / "d", f / "x"),
        "symlink": lambda: os.symlink("t", f / "x"),
        "chmod": lambda: os.chmod(f / "x", 0o600),
        "utime": lambda: os.utime(f / "x"),
        "readlink": lambda: os.readlink(f / "x"),
    }
    wrong = {}
    for name, call in calls.items():
        try:
            call()
        except NotADirectoryError:
            continue
        except OSError as e:
            wrong[name] = repr(e)
        else:
            wrong[name] = "no error"
    assert wrong == {}
    assert f.read_text() == ""


def test_a_file_moved_to_another_directory_leaves_its_old_name_free(any_tmp_path):
    (any_tmp_path / "a").mkdir()
    (any_tmp_path / "b").mkdir()
    (any_tmp_path / "a" / "f").write_text("moved")
    os.rename(any_tmp_path / "a" / "f", any_tmp_path / "b" / "f")
    assert not (any_tmp_path / "a" / "f").exists()
    (any_tmp_path / "a" / "f").write_text("new")
    assert (any_tmp_path / "b" / "f").read_text() == "moved"
    assert sorted(os.listdir(any_tmp_path / "a")) == ["f"]
    os.rename(any_tmp_path / "b", any_tmp_path / "a" / "b")  # a directory, with what it holds
    assert (any_tmp_path / "a" / "b" / "f").read_text() == "moved"
    (any_tmp_path / "b").mkdir()
    assert os.listdir(any_tmp_path / "b") == []


def test_a_trailing_slash_names_a_directory(any_tmp_path):
    (any_tmp_path / "f").write_text("x")
    with pytest.raises(IsADirectoryError):
        open(f"{any_tmp_path}/new/", "w")
    assert not (any_tmp_path / "new").exists()
    with pytest.raises(NotADirectoryError):
        open(f"{any_tmp_path}/f/")
    with pytest.raises(IsADirectoryError):
        open(f"{any_tmp_path}/", "w")


def test_a_name_replaced_by_rename_and_then_unlinked_is_gone(any_tmp_path):
    # mailbox's flush: write a temporary file, rename it over the mailbox.
    target, tmp = any_tmp_path / "box", any_tmp_path / "box.tmp"
    target.write_text("old")
    tmp.write_text("new")
    os.rename(tmp, target)
    assert target.read_text() == "new"
    os.unlink(target)
    assert not target.exists()
    assert os.listdir(any_tmp_path) == []
    with open(target, "wb+") as f:
        f.write(b"again")
    assert target.read_bytes() == b"again"


def test_scandir_inodes_are_stat_inodes(any_tmp_path):
    (any_tmp_path / "d").mkdir()
    (any_tmp_path / "f").write_text("x")
    os.symlink("f", any_tmp_path / "l")
    entries = {e.name: e for e in os.scandir(any_tmp_path)}
    assert sorted(entries) == ["d", "f", "l"]
    for name, entry in entries.items():
        assert entry.inode() == os.lstat(any_tmp_path / name).st_ino
    assert (entries["d"].is_dir(), entries["f"].is_file(), entries["l"].is_symlink()) == (True, True, True)


def test_proc_self_fd_lists_the_open_descriptors(tmp_path):
    # listdir() holds a descriptor of its own while it reads, as on Linux.
    assert {"0", "1", "2"} <= set(os.listdir("/proc/self/fd"))
    fd = os.open(tmp_path / "f", os.O_CREAT | os.O_WRONLY)
    high = os.dup2(fd, 50)  # above any listdir() takes
    os.close(fd)
    assert "50" in os.listdir("/proc/self/fd")
    os.close(high)
    assert "50" not in os.listdir("/proc/self/fd")


# --- 4. Access and modification times ------------------------------------------


def test_utime_keeps_atime_and_mtime_apart(any_tmp_path):
    p = any_tmp_path / "f"
    p.write_text("x")
    os.utime(p, (1, 2))
    st = os.stat(p)
    assert (st.st_atime, st.st_mtime) == (1, 2)
    os.utime(p, ns=(3_250_000_000, 4_500_000_000))
    st = os.stat(p)
    assert (st.st_atime_ns, st.st_mtime_ns) == (3_250_000_000, 4_500_000_000)
    # Microseconds, as CPython's test_os sets them (utimes() has no more).
    os.utime(p, ns=(1_002_003_000, 4_005_006_000))
    st = os.stat(p)
    assert (st.st_atime_ns, st.st_mtime_ns) == (1_002_003_000, 4_005_006_000)
    os.utime(p, (-1.5, 1e9 + 0.25))
    st = os.stat(p)
    assert (st.st_atime, st.st_mtime) == (-1.5, 1e9 + 0.25)
    with open(p, "rb") as f:
        os.utime(f.fileno(), (5, 6))  # futimens()
        assert (os.fstat(f.fileno()).st_atime, os.fstat(f.fileno()).st_mtime) == (5, 6)
    st = os.stat(p)
    assert (st.st_atime, st.st_mtime) == (5, 6)


def test_utime_without_times_is_now(any_tmp_path):
    p = any_tmp_path / "f"
    p.write_text("x")
    os.utime(p, (1, 2))
    os.utime(p)
    st = os.stat(p)
    assert abs(st.st_mtime - time.time()) < 60
    assert abs(st.st_atime - time.time()) < 60


def test_a_touch_never_moves_mtime_back(host_tmp_path):
    # The host stamps a new file to the microsecond; a "now" of whole
    # milliseconds went back within the same millisecond (test_pathlib's
    # test_touch_common, about 1 run in 20). 300 tries catch that nearly always.
    for n in range(300):
        p = host_tmp_path / f"f{n}"
        p.touch()
        created = p.stat().st_mtime_ns
        os.utime(p)
        assert p.stat().st_mtime_ns >= created


def test_chmod_and_chown_keep_the_times(any_tmp_path):
    # tarfile's extractall sets a directory's times, then its mode.
    d = any_tmp_path / "d"
    d.mkdir()
    f = d / "f"
    f.write_text("x")
    times = (1_000_000_000, 1_041_808_783)
    os.utime(d, times)
    os.utime(f, times)
    os.chmod(d, 0o750)
    os.chown(d, os.getuid(), os.getgid())
    with open(f) as file:
        os.fchmod(file.fileno(), 0o640)
        os.fchown(file.fileno(), os.getuid(), os.getgid())
    for path, mode in ((d, 0o750), (f, 0o640)):
        st = os.stat(path)
        assert (st.st_atime, st.st_mtime) == times
        assert stat.S_IMODE(st.st_mode) == mode


def test_a_write_changes_mtime_not_atime(tmp_path):
    p = tmp_path / "f"
    p.write_text("x")
    os.utime(p, (1, 2))
    with open(p, "a") as f:
        f.write("y")
    st = os.stat(p)
    assert st.st_atime == 1
    assert st.st_mtime > 2


# --- 5. Devices in append mode -------------------------------------------------


def test_dev_null_in_append_mode():
    with open("/dev/null", "a") as f:
        assert f.write("discarded") == 9
    with open("/dev/null", "ab") as f:
        assert f.seekable()
        assert f.tell() == 0
        f.write(b"discarded")
    fd = os.open("/dev/null", os.O_WRONLY | os.O_APPEND)
    try:
        assert os.write(fd, b"x") == 1
        assert os.lseek(fd, 0, os.SEEK_END) == 0
    finally:
        os.close(fd)


def test_a_device_that_cannot_seek_takes_appends():
    # The runtime's stdout is such a device: a write in append mode seeked it first.
    fd = os.open("/dev/isthmus_stdout", os.O_WRONLY | os.O_APPEND)
    try:
        assert os.write(fd, b"") == 0
        with pytest.raises(OSError) as info:
            os.lseek(fd, 0, os.SEEK_END)
        assert info.value.errno == errno.ESPIPE
    finally:
        os.close(fd)


def test_dev_random_is_not_the_runtime_s_stdout():
    # The runtime's stdio devices took /dev/random's device number: reading it said EINVAL.
    for name in ("/dev/random", "/dev/urandom"):
        with open(name, "rb") as f:
            assert len(f.read(16)) == 16
    devices = [os.stat(f"/dev/{name}").st_rdev for name in
               ("random", "urandom", "null", "isthmus_stdin", "isthmus_stdout", "isthmus_stderr")]
    assert len(set(devices)) == len(devices)


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


def test_every_dir_fd_function(any_tmp_path):
    d = any_tmp_path
    fd = os.open(d, os.O_RDONLY)
    try:
        # What this build enables (configure): each is used below.
        assert {f.__name__ for f in os.supports_dir_fd} == {
            "chmod", "chown", "mkdir", "open", "readlink", "rename", "rmdir", "stat", "unlink", "utime"}
        os.mkdir("sub", dir_fd=fd)
        assert (d / "sub").is_dir()
        os.rmdir("sub", dir_fd=fd)
        assert not (d / "sub").exists()
        f = os.open("f", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(f, b"abc")
        os.close(f)
        assert os.stat("f", dir_fd=fd).st_size == 3
        os.chmod("f", 0o600, dir_fd=fd)
        assert stat.S_IMODE(os.stat(d / "f").st_mode) == 0o600
        os.utime("f", (1, 2), dir_fd=fd)
        assert (os.stat(d / "f").st_atime, os.stat(d / "f").st_mtime) == (1, 2)
        os.chown("f", -1, -1, dir_fd=fd)
        os.rename("f", "g", src_dir_fd=fd, dst_dir_fd=fd)
        os.symlink("g", d / "l")
        assert os.readlink("l", dir_fd=fd) == "g"
        assert stat.S_ISLNK(os.stat("l", dir_fd=fd, follow_symlinks=False).st_mode)
        assert os.stat("l", dir_fd=fd).st_size == 3
        os.unlink("l", dir_fd=fd)
        os.unlink("g", dir_fd=fd)
        assert os.listdir(d) == []
        # rmdir through unlinkat(AT_REMOVEDIR) too, and a directory's own stat.
        os.mkdir(d / "sub")
        assert stat.S_ISDIR(os.stat("sub", dir_fd=fd).st_mode)
        os.rmdir("sub", dir_fd=fd)
    finally:
        os.close(fd)


def test_a_pipe_whose_writer_closed_reads_end_of_file():
    # Emscripten's pipes said EAGAIN forever once empty, writer or no writer.
    import select

    r, w = os.pipe()
    try:
        os.write(w, b"data")
        w2 = os.dup(w)
        os.close(w)
        assert os.read(r, 10) == b"data"
        with pytest.raises(BlockingIOError):  # a writer is left (the dup); never blocks here
            os.read(r, 10)
        assert select.select([r], [], [], 0)[0] == []
        os.close(w2)
        assert select.select([r], [], [], 0)[0] == [r]
        assert os.read(r, 10) == b""
        with open(r, "rb", closefd=False) as f:
            assert f.read() == b""
    finally:
        os.close(r)
