"""Where Pyodide keeps the markers of JsProxy.bind_sig() (`_pyodide.jsbind`):
programs written for Pyodide import them from here."""
