"""Submodules that load on first attribute access (`pyodide.console`,
`pyodide.http.pyxhr`), as Pyodide's packages import them eagerly: the module
__getattr__ of PEP 562, so start-up imports none of them."""


def submodule_getattr(package, names):
    """A module-level __getattr__ for `package` that imports package.<name> for `names`."""

    def __getattr__(name):
        if name in names:
            import importlib  # (`from . import x` would ask this __getattr__ again)

            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
