"""JavaScript objects importable as Python modules: `import js` and
registerJsModule(name, obj). Nested objects act as submodules."""
import sys
import types
from importlib.machinery import ModuleSpec

_registered = {}


class _JsModule(types.ModuleType):
    """A module whose attributes are the JS object's properties."""

    def __init__(self, name, jsobj):
        super().__init__(name)
        object.__setattr__(self, "_jsobj", jsobj)

    def __getattr__(self, name):
        try:
            return getattr(object.__getattribute__(self, "_jsobj"), name)
        except AttributeError:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}") from None

    def __setattr__(self, name, value):
        # js.cb = create_proxy(f) sets globalThis.cb, as in Pyodide; what
        # the import system keeps on a module stays on the module, dunders
        # and the submodule `import js.Math` binds (set on globalThis, it
        # replaced JS's own Math with a PyProxy, and the runtime broke).
        if (name.startswith("__") and name.endswith("__")) or isinstance(value, _JsModule):
            object.__setattr__(self, name, value)
        else:
            setattr(object.__getattribute__(self, "_jsobj"), name, value)

    def __delattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            object.__delattr__(self, name)
            return
        try:
            delattr(object.__getattribute__(self, "_jsobj"), name)
        except AttributeError:
            pass  # JS `delete` of a missing property succeeds, as in Pyodide

    def __dir__(self):
        # Every property, inherited and not enumerable ones too (dir(js) lists Array).
        return sorted(set(dir(object.__getattribute__(self, "_jsobj"))) | set(self.__dict__))

    @property
    def __all__(self):
        # `from js import *`: the object's own __all__ if it has one, else all
        # its own property names (Math and JSON are not enumerable), as in Pyodide.
        import _isthmus_js  # the realm's builtins (`import js` is jsglobals, which may lack them)

        jsobj = object.__getattribute__(self, "_jsobj")
        names = _isthmus_js.Reflect.get(jsobj, "__all__")  # (a dunder attribute of a JsProxy is Python's, not JS's)
        if names is None:
            names = _isthmus_js.Object.getOwnPropertyNames(jsobj)
        return [k for k in names if isinstance(k, str) and not k.startswith("_")]


def _lookup(fullname):
    root, _, rest = fullname.partition(".")
    if root not in _registered:
        return None
    obj = _registered[root]
    for part in rest.split(".") if rest else ():
        try:
            obj = getattr(obj, part)
        except AttributeError:
            return None
    return obj


class JsFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        obj = _lookup(fullname)
        if obj is None:
            return None
        return ModuleSpec(fullname, JsLoader(obj), is_package=True)

    @classmethod
    def invalidate_caches(cls):
        pass


class JsLoader:
    def __init__(self, jsobj):
        self.jsobj = jsobj

    def create_module(self, spec):
        return _JsModule(spec.name, self.jsobj)

    def exec_module(self, module):
        module.__path__ = []


def register_js_module(name, jsobj):
    """Make `import name` give the JS object `jsobj` (and its properties).

    Registering a name again after it was imported points the imported
    module (and its imported submodules) at the new object: Pyodide keeps
    serving the first one (its issue 4029). sys.modules keeps its entries, so
    the usual workaround, `del sys.modules[name]`, still works."""
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"register_js_module: {name!r} is not a valid module name")
    _registered[name] = jsobj
    for modname, module in list(sys.modules.items()):
        if isinstance(module, _JsModule) and (modname == name or modname.startswith(name + ".")):
            obj = _lookup(modname)
            if obj is not None:
                object.__setattr__(module, "_jsobj", obj)


def unregister_js_module(name, missing_ok=False):
    """Forget a registered JS module. As in Pyodide, a module already imported
    stays in sys.modules (`del sys.modules[name]` unimports it)."""
    if name not in _registered:
        if missing_ok:
            return
        raise ValueError(f"Cannot unregister {name!r}: no Javascript module with that name is registered")
    del _registered[name]


def install(js_globals):
    if JsFinder not in sys.meta_path:
        sys.meta_path.insert(0, JsFinder)
    register_js_module("js", js_globals)
