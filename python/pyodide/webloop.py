"""pyodide.webloop: the asyncio event loop on the JavaScript event loop, under
Pyodide's names. The loop is Isthmus's own (_isthmus/webloop.py); these are
its classes, so isinstance() checks written for Pyodide hold."""
from _isthmus.webloop import PyodideFuture, PyodideTask, WebLoop, WebLoopPolicy

__all__ = ["WebLoop", "WebLoopPolicy", "PyodideFuture", "PyodideTask"]
