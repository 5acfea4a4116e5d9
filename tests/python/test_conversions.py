"""Deep conversions both ways (issue 4)."""
import array

import pytest

import js
from pyodide.ffi import ConversionError, JsProxy, create_proxy, destroy_proxies, to_js


def test_to_js_nested_lists_dicts_sets_and_scalars():
    r = to_js({"a": [1, 2.5, "s", None, True, 2**60], "b": (1,), "c": {1, 2}})
    assert js.Array.isArray(r.a) and js.Array.isArray(r.b)
    assert r.a[5] == 2**60 and r.a[3] is None and r.a[4] is True
    assert r.c.constructor.name == "Set" and r.c.size == 2
    assert js.Object.getPrototypeOf(r) == js.Object.prototype


def test_to_js_keeps_shared_objects_shared_and_cycles():
    shared = [1]
    r = to_js([shared, shared, {"k": shared}])
    assert r[0] == r[1] and r[2].k == r[0]
    cyclic = {"name": "me"}
    cyclic["self"] = cyclic
    rc = to_js(cyclic)
    assert rc.self == rc
    lst = []
    lst.append(lst)
    rl = to_js(lst)
    assert rl[0] == rl


def test_to_js_depth_leaves_pyproxies_below():
    inner = [2, [3]]
    r = to_js([1, inner], depth=1)
    assert js.Array.isArray(r)
    assert r[1] is inner  # a PyProxy comes back as the same Python object
    r2 = to_js([1, inner], depth=2)
    assert js.Array.isArray(r2[1]) and r2[1][1] == [3]


def test_to_js_dict_keys():
    r = to_js({1: "one", 2.5: "x", False: "f", "s": 0})
    m = r.as_py_json()
    assert m["1"] == "one" and m["2.5"] == "x" and m["false"] == "f" and m["s"] == 0
    collision = r"Key collision when converting Python dictionary to JavaScript\. Key: '1' \(keys 1 and '1' both"
    with pytest.raises(ConversionError, match=collision):
        to_js({1: "a", "1": "b"})
    with pytest.raises(ConversionError, match=r"Cannot use \(1, 2\)"):
        to_js({(1, 2): "tuple key"})


def test_dict_converter_gets_key_value_pairs():
    d = {"a": 1, "b": [2]}
    m = to_js(d, dict_converter=js.Map.new)
    assert m.constructor.name == "Map" and m.get("b")[0] == 2
    o = to_js(d, dict_converter=js.Object.fromEntries)
    assert o.a == 1
    pairs = to_js(d, dict_converter=js.Array.from_)
    assert pairs[0][0] == "a" and pairs[1][1][0] == 2
    m2 = to_js({(1, 2): "t"}, dict_converter=js.Map.new)
    assert m2.size == 1


def test_default_converter_and_cache_conversion():
    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y

    def convert_point(value, convert, cache_conversion):
        obj = js.Object.new()
        cache_conversion(value, obj)
        obj.x = value.x
        obj.coords = convert([value.x, value.y])
        return obj

    p = Point(1, 2)
    r = to_js([p, p], default_converter=convert_point)
    assert r[0].x == 1 and r[0].coords[1] == 2
    assert r[0] == r[1]


def test_create_pyproxies_false_and_pyproxies_collection():
    class Opaque:
        pass

    with pytest.raises(ConversionError, match="create_pyproxies=False"):
        to_js([Opaque()], create_pyproxies=False)
    made = js.Array.new()
    objs = [Opaque(), Opaque()]
    r = to_js({"a": objs[0], "b": [objs[1]]}, pyproxies=made)
    assert made.length == 2
    destroy_proxies(made)
    from pyodide.ffi import JsException

    with pytest.raises(JsException, match="already been destroyed"):
        r.a


def test_buffers_become_copied_typed_arrays():
    r = to_js(array.array("d", [1.5, 2.5]))
    assert r.constructor.name == "Float64Array" and list(r) == [1.5, 2.5]
    r2 = to_js(b"ab")
    assert r2.constructor.name == "Uint8Array"
    m = memoryview(bytes(range(6))).cast("B", (2, 3))
    r3 = to_js(m)
    assert js.Array.isArray(r3) and r3[1].constructor.name == "Uint8Array" and list(r3[1]) == [3, 4, 5]
    rev = to_js(memoryview(array.array("i", [1, 2, 3]))[::-1])
    assert list(rev) == [3, 2, 1]
    with pytest.raises(ConversionError, match="format 'e'"):
        from _isthmus_testing.native._ext import NDBuffer

        to_js(NDBuffer(4, "e", 2, (2,), (2,)))


def test_values_already_js_or_immutable_pass_through():
    o = js.Object.new()
    assert to_js(o) is o or to_js(o) == o
    assert to_js(5) == 5 and to_js("s") == "s" and to_js(None) is None


def test_to_py_deep():
    o = js.JSON.parse('{"a": [1, {"b": [true, null, "x"]}], "n": 1.5}')
    assert o.to_py() == {"a": [1, {"b": [True, js.JSON.parse("null"), "x"]}], "n": 1.5}
    m = js.Map.new()
    m.set("k", js.Set.new([1, 2]))
    m.set(3, js.JSON.parse("[4]"))
    assert m.to_py() == {"k": {1, 2}, 3: [4]}


def test_to_py_keeps_class_instances_as_jsproxy():
    d = js.Date.new(0)
    from pyodide.ffi import jsnull

    holder = js.Array.of(d, js.Object.create(jsnull))
    r = holder.to_py()
    assert isinstance(r[0], JsProxy) and r[0].getTime() == 0
    assert r[1] == {}  # null prototype: a plain object


def test_to_py_shared_references_and_cycles():
    shared = js.Object.new()
    arr = js.Array.of(shared, shared)
    r = arr.to_py()
    assert r[0] is r[1]
    cyc = js.Array.new()
    cyc.push(cyc)
    rc = cyc.to_py()
    assert rc[0] is rc


def test_to_py_depth_and_default_converter():
    nested = js.JSON.parse("[[1, [2]]]")
    r = nested.to_py(depth=1)
    assert isinstance(r, list) and isinstance(r[0], JsProxy)
    r2 = nested.to_py(depth=2)
    assert r2[0][0] == 1 and isinstance(r2[0][1], JsProxy)
    dates = js.Array.of(js.Date.new(5))
    assert dates.to_py(default_converter=lambda v, convert, cache: v.getTime()) == [5]


def test_to_py_collisions_raise():
    m = js.Map.new()
    m.set(1, "a")
    m.set(True, "b")
    with pytest.raises(ConversionError, match="contains both 1 and true as keys"):
        m.to_py()
    with pytest.raises(ConversionError, match="Set into Python since it contains both 1 and true"):
        js.Set.new(js.Array.of(1, True)).to_py()


def test_to_py_binary_is_a_copied_memoryview():
    f = js.Float32Array.new([1.5, 2.5])
    mv = js.Array.of(f).to_py()[0]
    assert mv.format == "f" and mv.tolist() == [1.5, 2.5]
    assert js.DataView.new(js.ArrayBuffer.new(2)).to_py().tolist() == [0, 0]


def test_create_proxy_values_survive_to_js():
    p = create_proxy([1])
    r = to_js([p])
    assert r.indexOf(p) == 0  # the very same PyProxy, not a new one
    p.destroy()


def test_conversion_error_names_a_key_whose_repr_raises():
    # (PyErr_Format's %R would leave the ConversionError without its message.)
    class BadRepr:
        def __repr__(self):
            raise RuntimeError("no repr")

    message = r"Cannot use <BadRepr object> as a key for a Javascript object \(a BadRepr"
    with pytest.raises(ConversionError, match=message):
        to_js({BadRepr(): 1})
