"""pyodide._package_loader: the parts of Pyodide's package loader that
installers written for Pyodide (micropip) call."""
from _isthmus.wheels import SITE_PACKAGES, get_dynlibs

__all__ = ["SITE_PACKAGES", "get_dynlibs"]
