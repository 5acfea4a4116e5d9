"""Formatting of Python exceptions that cross into JavaScript."""
import traceback

_INTERNAL = ("/_isthmus/",)


def format_escaping(exc):
    """An exception escaping into JS: recorded as sys.last_exc (and
    last_type / last_value) as Python's prompt and Pyodide record an uncaught
    one, and its traceback as Python prints it, without the bridge's own
    frames. (The bridge drops the traceback afterwards: last_traceback is None.)"""
    import sys

    sys.last_exc = sys.last_value = exc
    sys.last_type = type(exc)
    sys.last_traceback = None
    tb = exc.__traceback__
    while tb is not None and any(p in tb.tb_frame.f_code.co_filename for p in _INTERNAL):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def new_js_exception(name, message="", stack=""):
    """JsException(name, message="", stack=""): a new JS Error of that name,
    raised in Python as a JsException (Pyodide's constructor)."""
    import _isthmus_js

    return _isthmus_js.makeError(str(name), str(message), str(stack))  # a JS Error arrives as a JsException


def reduce_js_exception(exc):
    """pickle of a JsException: its class with the name, message and stack of
    the JS error (the JS object itself cannot be pickled), as Pyodide's:
    pyodide.ffi.JsException(name, message, stack) makes a new one, here and
    in Pyodide's host-side stand-in."""
    err = exc.js_error

    def text(name, default):
        value = getattr(err, name, None)
        return default if value is None else str(value)

    return (type(exc), (text("name", "Error"), text("message", str(exc)), text("stack", "")))


_JS_NAMES = {list: "Array", dict: "Object", set: "Set"}


def unusable_key(key, container):
    """Raise Pyodide's error for a JS Map key or Set item that converts to
    something Python cannot hash (to_py of new Map([[[1, 2], 3]]))."""
    name = _JS_NAMES.get(type(key), type(key).__name__)
    raise new_js_exception("Error", f"Cannot use key of type {name} as a key to a Python {container}")
