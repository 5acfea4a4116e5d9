"""pyodide.ffi.wrappers: JavaScript's timers and event listeners with Python
callbacks, the proxies of the callbacks managed so that none leaks.

A timeout's proxy is destroyed once it has fired or been cleared; an
interval's or a listener's when it is cleared or removed. The JS timer ids are
numbers in a browser and Timeout objects (JsProxy) under Node.js, as Pyodide's.
"""
from _isthmus import _core

__all__ = ["add_event_listener", "remove_event_listener", "set_timeout", "clear_timeout", "set_interval",
           "clear_interval"]

# JS timer id -> the proxy of its callback; (element, event, listener) -> proxy.
_timeouts = {}
_intervals = {}
_listeners = {}


def _js():
    import js

    return js


def add_event_listener(elt, event, listener):
    """elt.addEventListener(event, listener) with a proxy of listener that
    remove_event_listener(elt, event, listener) finds and destroys. Adding the
    same listener twice does nothing, as in JS (Pyodide leaks a second proxy)."""
    key = (elt, event, listener)
    if key in _listeners:
        return
    proxy = _core.create_proxy(listener)
    elt.addEventListener(event, proxy)
    _listeners[key] = proxy


def remove_event_listener(elt, event, listener):
    """Undo add_event_listener(elt, event, listener) and destroy its proxy;
    KeyError if it was not added (or was removed already)."""
    try:
        proxy = _listeners.pop((elt, event, listener))
    except KeyError:
        raise KeyError(f"{listener!r} is not a listener of {event!r} added by add_event_listener") from None
    elt.removeEventListener(event, proxy)
    proxy.destroy()


def set_timeout(callback, timeout):
    """setTimeout(callback, timeout); the id clear_timeout takes. The callback's
    proxy is destroyed after it runs (or by clear_timeout)."""
    timer = None

    def fire():
        proxy = _timeouts.pop(timer, None)
        try:
            callback()
        finally:
            if proxy is not None:
                proxy.destroy()

    proxy = _core.create_proxy(fire)
    timer = _js().setTimeout(proxy, timeout)
    _timeouts[timer] = proxy
    return timer


def clear_timeout(timeout_retval):
    """clearTimeout of an id set_timeout returned, destroying its proxy (an unknown or
    finished id is ignored, as by JS)."""
    _js().clearTimeout(timeout_retval)
    proxy = _timeouts.pop(timeout_retval, None)
    if proxy is not None:
        proxy.destroy()


def set_interval(callback, interval):
    """setInterval(callback, interval); the id clear_interval takes (and destroys the proxy with)."""

    # A Python function of our own is what the proxy holds: its running frame
    # keeps it alive when the callback clears its own interval.
    def tick():
        callback()

    proxy = _core.create_proxy(tick)
    timer = _js().setInterval(proxy, interval)
    _intervals[timer] = proxy
    return timer


def clear_interval(interval_retval):
    """clearInterval of an id set_interval returned, destroying its proxy."""
    _js().clearInterval(interval_retval)
    proxy = _intervals.pop(interval_retval, None)
    if proxy is not None:
        proxy.destroy()
