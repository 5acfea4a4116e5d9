"""to_js(..., eager_converter=f): f is asked about every value before the
default conversion, containers included (Pyodide's eager_converter). The
containers are walked here; everything else goes to the native to_js."""
from . import _core

_CROSSES_AS_IS = (int, float, str, bool, type(None))


def eager_to_js(obj, depth, pyproxies, create_pyproxies, dict_converter, default_converter, eager):
    import _isthmus_js  # the realm's builtins (`import js` is jsglobals, which may lack them)

    cache = {}

    def cache_conversion(value, converted):
        cache[id(value)] = converted

    def leaf(value, level):
        return _core.to_js(value, level, pyproxies, create_pyproxies, dict_converter, default_converter)

    def default(value, level):
        """The default conversion of one value, its items through `convert`."""
        if level == 0:
            return leaf(value, 0)
        inner = level - 1 if level > 0 else -1
        if isinstance(value, (list, tuple)):
            out = _isthmus_js.Array.new()
            cache[id(value)] = out
            for item in value:
                out.push(convert(item, inner))
            return out
        if isinstance(value, dict) and dict_converter is None:
            # Cached before its items, so a dict holding itself holds its own Object.
            leaf(dict.fromkeys(value), 1)  # the native checks: key types and collisions, with their messages
            out = _isthmus_js.Object.new()
            cache[id(value)] = out
            for k, v in value.items():
                _isthmus_js.setEntry(out, convert(k, inner), convert(v, inner))
            return out
        if isinstance(value, dict):
            pairs = _isthmus_js.Array.new()
            for k, v in value.items():
                pairs.push(_isthmus_js.Array.of(convert(k, inner), convert(v, inner)))
            out = dict_converter(pairs)  # (only its result can be cached, as in the native to_js)
            cache[id(value)] = out
            return out
        if isinstance(value, (set, frozenset)):
            out = _isthmus_js.Set.new()
            cache[id(value)] = out
            for item in value:
                out.add(convert(item, inner))
            return out
        return leaf(value, level)

    def convert(value, level):
        if id(value) in cache:
            return cache[id(value)]
        out = eager(value, lambda v: default(v, level), cache_conversion)
        if type(out) in _CROSSES_AS_IS or isinstance(out, (_core.JsProxy, _core.JsException)):
            return out
        # A Python object the converter kept (Pyodide: a PyProxy, listed in pyproxies), not a borrowed proxy.
        return leaf(out, 0)

    return convert(obj, depth)
