"""Smoke test: each stdlib module the wasm build promises imports and works."""
import pytest


def test_json():
    import json

    assert json.loads(json.dumps({"a": [1, 2.5, None, "é"]})) == {"a": [1, 2.5, None, "é"]}


def test_re():
    import re

    assert re.findall(r"\d+", "a1b22c333") == ["1", "22", "333"]


def test_decimal():
    from decimal import Decimal, getcontext

    getcontext().prec = 30
    assert str(Decimal(1) / Decimal(7)) == "0.142857142857142857142857142857"


def test_sqlite3():
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("create table t (x integer, y text)")
    db.executemany("insert into t values (?, ?)", [(1, "a"), (2, "b"), (3, "c")])
    assert db.execute("select sum(x), group_concat(y, '') from t").fetchone() == (6, "abc")
    db.close()


def test_zlib():
    import zlib

    data = b"isthmus " * 1000
    packed = zlib.compress(data)
    assert len(packed) < len(data) // 10
    assert zlib.decompress(packed) == data


def test_bz2():
    import bz2

    assert bz2.decompress(bz2.compress(b"x" * 5000)) == b"x" * 5000


def test_lzma():
    import lzma

    assert lzma.decompress(lzma.compress(b"y" * 5000)) == b"y" * 5000


def test_hashlib():
    import hashlib

    assert hashlib.sha256(b"abc").hexdigest() == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert hashlib.md5(b"abc").hexdigest() == "900150983cd24fb0d6963f7d28e17f72"
    assert hashlib.blake2b(b"abc", digest_size=8).hexdigest() == "d8bb14d833d59559"
    assert hashlib.sha3_256(b"").hexdigest().startswith("a7ffc6f8bf1ed766")


def test_asyncio_run_with_tasks_and_sleep():
    import asyncio
    import time

    async def work(x, delay):
        await asyncio.sleep(delay)
        return x * 2

    async def main():
        return await asyncio.gather(work(1, 0.02), work(2, 0))

    t = time.monotonic()
    assert asyncio.run(main()) == [2, 4]
    assert time.monotonic() - t >= 0.015


def test_server_sockets_fail_cleanly():
    import socket

    s = socket.socket()
    with pytest.raises(OSError):
        s.bind(("127.0.0.1", 0))
        s.listen()
    s.close()


def test_datetime():
    import datetime

    d = datetime.date(2024, 2, 28) + datetime.timedelta(days=1)
    assert d.isoformat() == "2024-02-29"
    assert datetime.datetime.fromisoformat("2024-01-02T03:04:05+00:00").timestamp() == 1704164645.0


def test_unicodedata():
    import unicodedata

    assert unicodedata.name("é") == "LATIN SMALL LETTER E WITH ACUTE"
    assert unicodedata.normalize("NFD", "é") == "e\u0301"


def test_collections():
    from collections import Counter, OrderedDict, deque

    assert Counter("abracadabra").most_common(1) == [("a", 5)]
    d = deque([1, 2, 3], maxlen=2)
    assert list(d) == [2, 3]
    assert list(OrderedDict(b=1, a=2)) == ["b", "a"]


def test_itertools():
    import itertools

    assert list(itertools.combinations("abc", 2)) == [("a", "b"), ("a", "c"), ("b", "c")]


def test_struct():
    import struct

    assert struct.unpack("<iHd", struct.pack("<iHd", -5, 7, 2.5)) == (-5, 7, 2.5)


def test_array():
    import array

    a = array.array("d", [1.0, 2.0, 3.0])
    assert sum(a) == 6.0 and a.itemsize == 8


def test_unittest():
    import io
    import unittest

    class T(unittest.TestCase):
        def test_ok(self):
            self.assertEqual(1 + 1, 2)

    result = unittest.TextTestRunner(stream=io.StringIO()).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(T)
    )
    assert result.wasSuccessful() and result.testsRun == 1


def test_xml_via_expat():
    import xml.etree.ElementTree as ET

    root = ET.fromstring("<a><b x='1'/><b x='2'/></a>")
    assert [b.get("x") for b in root.iter("b")] == ["1", "2"]


def test_math_and_statistics():
    import math
    import statistics

    assert math.isclose(math.sqrt(2) ** 2, 2)
    assert statistics.mean([1, 2, 3, 4]) == 2.5


def test_email_package_is_shipped():
    # importlib.metadata (used by pytest's plugin loading) needs it.
    import email.message

    m = email.message.EmailMessage()
    m["Subject"] = "hi"
    assert m["Subject"] == "hi"


@pytest.mark.parametrize(
    "name", ["_decimal", "zlib", "_bz2", "_lzma", "_sqlite3", "pyexpat", "_json", "_struct",
             "array", "math", "_asyncio", "unicodedata", "_datetime", "_md5", "_sha256",
             "_sha512", "_sha3", "_blake2", "_ctypes", "fcntl", "termios", "pwd", "grp", "resource", "syslog",
             "_gdbm", "_dbm", "_uuid"]
)
def test_c_module_is_built_in(name):
    import sys

    assert name in sys.builtin_module_names


def test_dbm_gnu_and_ndbm_store_and_reopen(tmp_path):
    import dbm
    import dbm.gnu
    import dbm.ndbm

    with dbm.gnu.open(str(tmp_path / "g.db"), "c") as g:
        g[b"k"] = b"v"
        g["s"] = "text"
    with dbm.ndbm.open(str(tmp_path / "n"), "c") as n:
        n[b"k"] = b"v"
    assert dbm.whichdb(str(tmp_path / "g.db")) == "dbm.gnu"
    assert dbm.whichdb(str(tmp_path / "n")) == "dbm.ndbm"
    with dbm.open(str(tmp_path / "g.db")) as g:
        assert sorted(g.keys()) == [b"k", b"s"] and g[b"s"] == b"text"
    with dbm.ndbm.open(str(tmp_path / "n"), "r") as n:
        assert n[b"k"] == b"v"
    assert dbm.ndbm.library == "GNU gdbm"


def test_builtins_hold_nothing_of_the_bridge():
    import builtins
    import copy

    assert not [n for n in dir(builtins) if "pybind11" in n]
    namespace = {"__builtins__": builtins.__dict__, "x": [1]}
    assert copy.deepcopy(namespace)["x"] == [1]  # (a capsule there could not be copied)
    from pyodide.ffi import create_proxy, to_js  # pybind11's functions of _core still work

    assert to_js([1, 2]).length == 2
    create_proxy(object()).destroy()


def test_pwd_and_grp_know_the_runtime_user():
    import getpass
    import grp
    import os
    import pwd

    (user,) = pwd.getpwall()
    assert (user.pw_uid, user.pw_gid) == (os.getuid(), os.getgid())
    assert pwd.getpwuid(os.getuid()) == pwd.getpwnam(user.pw_name) == user
    assert getpass.getuser() == user.pw_name  # $USER, or the database's name
    (group,) = grp.getgrall()
    assert grp.getgrgid(os.getgid()) == grp.getgrnam(group.gr_name) == group
    assert group.gr_mem == []
    with pytest.raises(KeyError):
        pwd.getpwuid(os.getuid() + 1)
    with pytest.raises(KeyError):
        pwd.getpwnam("nobody-here")
    with pytest.raises(KeyError):
        grp.getgrgid(os.getgid() + 1)
    # The entry is fixed at its first use: expanduser without HOME gives it.
    home = user.pw_dir
    saved = os.environ.pop("HOME", None)
    try:
        assert os.path.expanduser("~/x") == os.path.join(home, "x")
    finally:
        if saved is not None:
            os.environ["HOME"] = saved


def test_fcntl_and_termios(tmp_path):
    import errno
    import fcntl
    import os
    import termios

    with open(tmp_path / "f", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # granted: one process
        fcntl.lockf(f, fcntl.LOCK_SH)
        fcntl.flock(f, fcntl.LOCK_UN)
        assert fcntl.fcntl(f, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY
        with pytest.raises(termios.error) as info:
            termios.tcgetattr(f)
        assert info.value.args[0] == errno.ENOTTY
    with pytest.raises(ValueError):
        fcntl.fcntl(-1, fcntl.F_GETFL)


def test_an_unknown_ioctl_is_an_error_not_an_abort(tmp_path):
    # Emscripten's ioctl() aborted the runtime on any request it does not know.
    import errno
    import fcntl
    import socket

    with open(tmp_path / "f", "w") as f:
        with pytest.raises(OSError) as info:
            fcntl.ioctl(f, 0x8912)  # SIOCGIFCONF, what libuuid asks
        assert info.value.errno == errno.ENOTTY
    with pytest.raises(OSError) as info:
        fcntl.ioctl(1234, 0x8912)
    assert info.value.errno == errno.EBADF
    assert socket.gethostname()  # the runtime goes on


def test_uuid1_through_libuuid():
    import _uuid
    import uuid

    a, b = uuid.uuid1(), uuid.uuid1()
    assert a != b and a.version == b.version == 1
    assert uuid._has_uuid_generate_time_safe
    data, safe = _uuid.generate_time_safe()
    assert len(data) == 16 and safe == -1  # no uuidd here: "unsafe", as on Linux without it


def test_stdlib_dir_is_the_stdlib_zip_as_in_pyodide():
    import codecs
    import os
    import sys

    assert sys._stdlib_dir == "/lib/python311.zip"
    # Frozen modules, imported before start-up set it (codecs) and after (os here, as anywhere).
    assert os.__file__ == "/lib/python311.zip/os.py"
    assert codecs.__file__ == "/lib/python311.zip/codecs.py"
    assert os.__spec__.loader_state.filename == os.__file__
