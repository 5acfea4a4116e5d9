"""Formatting of Python exceptions that cross into JavaScript."""
import traceback

_INTERNAL = ("/_isthmus/",)


def format_exception(exc):
    """The traceback as Python prints it, without the bridge's own frames."""
    tb = exc.__traceback__
    while tb is not None and any(p in tb.tb_frame.f_code.co_filename for p in _INTERNAL):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def new_js_exception(name, message="", stack=""):
    """JsException(name, message="", stack=""): a new JS Error of that name,
    raised in Python as a JsException (Pyodide's constructor)."""
    import _isthmus_js

    return _isthmus_js.makeError(str(name), str(message), str(stack))  # a JS Error arrives as a JsException
