"""The annotation markers of JsProxy.bind_sig(), where Pyodide keeps them."""
from _isthmus.jsbind import BindClass, Deep, Default, Json

__all__ = ["BindClass", "Deep", "Default", "Json"]
