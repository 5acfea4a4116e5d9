"""JsProxy: JavaScript values used from Python (issue 3)."""
import pytest

import js
import jshelpers as h
from pyodide.ffi import (
    JsException,
    JsProxy,
    create_once_callable,
    create_proxy,
    jsnull,
    to_js,
)


def test_import_js_is_the_global_object():
    from js import Math, Object

    assert Math.max(1, 7, 3) == 7
    assert isinstance(Object, JsProxy)
    assert js.globalThis.Math == js.Math


def test_getattr_present_absent_and_undefined():
    assert h.undefinedProp is None
    assert h.nullProp is jsnull
    with pytest.raises(AttributeError):
        h.not_there
    assert getattr(h, "not_there", 5) == 5
    assert hasattr(h, "counter") and not hasattr(h, "nope")


def test_setattr_delattr_and_dir():
    o = js.Object.new()
    o.a = 1
    o.b = "two"
    assert o.a == 1 and o.b == "two"
    assert {"a", "b"} <= set(dir(o))
    del o.a
    assert not hasattr(o, "a")
    del o.a  # a missing property: JS delete succeeds, as in Pyodide


def test_calls_bind_this_and_take_keyword_arguments():
    c = h.counter
    assert c.inc() == 1
    assert c.inc(5) == 6
    args = h.kwargsOf(1, "x", a=1, b=[2])
    assert len(args) == 3
    assert args[0] == 1 and args[1] == "x"
    assert args[2].a == 1 and args[2].b[0] == 2


def test_new_and_methods_of_instances():
    p = h.Point.new(3, -4)
    assert p.x == 3 and p.norm1() == 7
    assert js.Array.new(3).length == 3
    assert js.Date.new(0).getTime() == 0


def test_len_size_then_length():
    assert len(js.Array.new(4)) == 4
    assert len(h.makeMap()) == 2
    assert len(h.sized) == 7
    assert len(h.arrayLike) == 2
    with pytest.raises(TypeError):
        len(js.Object.new())


def test_items_of_arrays_with_negative_indices():
    a = js.JSON.parse("[10, 20, 30]")
    assert a[0] == 10 and a[-1] == 30
    a[1] = 21
    a[-1] = 31
    assert list(a) == [10, 21, 31]
    del a[0]
    assert list(a) == [21, 31]
    with pytest.raises(IndexError):
        a[5]
    assert h.arrayLike[1] == "one"


def test_items_of_maps_and_objects():
    m = h.makeMap()
    assert m["a"] == 1
    m["c"] = 3
    assert m.get("c") == 3
    del m["a"]
    assert not m.has("a")
    with pytest.raises(KeyError):
        m["zzz"]
    o = js.JSON.parse('{"k": "v"}')
    assert o.as_py_json()["k"] == "v"
    o.as_py_json()["n"] = 1
    assert o.n == 1
    # A plain object's properties are attributes, not items, as in Pyodide.
    with pytest.raises(TypeError, match="not subscriptable"):
        o["k"]
    with pytest.raises(TypeError, match="does not support item assignment"):
        o["k"] = 2
    with pytest.raises(TypeError, match="does not support item deletion"):
        del o["k"]


def test_iteration_and_membership():
    assert list(js.JSON.parse("[1, 2, 3]")) == [1, 2, 3]
    assert list(h.makeMap()) == ["a", "b"]  # a Map iterates its keys
    assert sorted(h.makeSet()) == [1, 2, 3]
    assert 2 in h.makeSet()  # has()
    assert "b" in js.JSON.parse('["a", "b"]')  # includes()
    assert "a" in h.makeMap()
    with pytest.raises(TypeError):
        iter(js.Object.new())


def test_equality_is_strict_identity():
    o = js.Object.new()
    assert o == o
    assert h.same(o, o)
    assert js.Object.new() != js.Object.new()
    assert h.counter == h.counter  # same JS object through two proxies
    assert len({h.counter, h.counter}) == 1


def test_truthiness_follows_js_with_empty_containers_false():
    assert bool(js.Object.new())
    assert not bool(js.Array.new())
    assert bool(js.JSON.parse("[0]"))
    assert not bool(js.Map.new())
    assert bool(h.makeSet())


def test_repr_str_typeof_and_js_id():
    o = js.Object.new()
    assert str(o) == "[object Object]"
    assert repr(js.JSON.parse("[1,2]")) == "1,2"
    assert o.typeof == "object"
    assert js.Math.max.typeof == "function"
    assert h.counter.js_id == h.counter.js_id
    assert js.Object.new().js_id != o.js_id


def test_to_py_and_object_entries():
    d = js.JSON.parse('{"a": 1, "b": "x"}')
    assert d.to_py() == {"a": 1, "b": "x"}
    assert js.JSON.parse("[1, 2]").to_py() == [1, 2]
    assert h.makeMap().to_py() == {"a": 1, "b": 2}
    assert h.makeSet().to_py() == {1, 2, 3}
    assert list(d.object_keys()) == ["a", "b"]
    assert list(d.object_values()) == [1, "x"]
    assert [list(e) for e in d.object_entries()] == [["a", 1], ["b", "x"]]


def test_reserved_words_with_trailing_underscore():
    assert h.reserved.from_ == "from!"
    assert h.reserved.finally_ == "finally!"
    assert h.reserved.class_ == "class!"
    assert js.Array.from_([1, 2]).length == 2


def test_js_errors_become_jsexception_with_the_original_error():
    with pytest.raises(JsException) as info:
        h.thrower("bad thing")
    e = info.value
    assert str(e) == "TypeError: bad thing"
    assert isinstance(e, JsProxy) and isinstance(e, Exception)
    assert e.js_error.message == "bad thing"
    assert e.name == "TypeError"
    with pytest.raises(JsException, match="SyntaxError"):
        js.JSON.parse("{")


def test_python_objects_cross_and_come_back_identical():
    x = [1, 2]
    assert h.callWith(lambda v: v is x, x)
    assert h.typeOf(x) == "object"
    assert h.typeOf(len) == "function"
    assert h.typeOf(None) == "undefined"
    assert h.typeOf(jsnull) == "null"
    assert h.typeOf(2**60) == "bigint"


def test_borrowed_proxy_is_destroyed_after_the_call_but_create_proxy_is_not():
    f = h.callLater(lambda: 1)  # returns the borrowed proxy back to Python...
    # ...which converts to the original Python object, so it still works here.
    assert f() == 1
    keep = create_proxy(lambda: 2)
    assert not h.isPyProxyDestroyed(keep)
    assert h.callWith(keep) == 2
    keep.destroy()
    assert h.isPyProxyDestroyed(keep)


def test_create_once_callable():
    once = create_once_callable(lambda x: x * 2)
    assert h.callWith(once, 21) == 42
    with pytest.raises(JsException, match="only be called once"):
        h.callWith(once, 1)


def test_to_js_of_lists_dicts_sets_and_scalars():
    a = to_js([1, "a", None])
    assert isinstance(a, JsProxy) and js.Array.isArray(a)
    assert list(a) == [1, "a", None]
    o = to_js({"x": 1})
    assert o.x == 1
    s = to_js({1, 2})
    assert s.size == 2
    assert to_js(5) == 5


def test_register_js_module_from_python():
    from pyodide.ffi import register_js_module, unregister_js_module

    register_js_module("from_py_mod", js.JSON.parse('{"v": 3, "inner": {"w": 4}}'))
    import from_py_mod
    from from_py_mod.inner import w

    assert from_py_mod.v == 3 and w == 4
    unregister_js_module("from_py_mod")
    import sys

    for name in ["from_py_mod", "from_py_mod.inner"]:
        del sys.modules[name]  # unregistering does not unimport (as in Pyodide)
    with pytest.raises(ModuleNotFoundError):
        import from_py_mod  # noqa: F811


def test_pyodide_js_is_the_runtime():
    import pyodide_js

    assert pyodide_js.runPython("6 * 7") == 42


def test_destroy_proxies_frees_each_proxy_of_a_js_array():
    from pyodide.ffi import destroy_proxies

    proxies = [create_proxy([1]), create_proxy({"a": 2})]
    destroy_proxies(to_js(proxies))
    assert all(h.isPyProxyDestroyed(p) for p in proxies)
