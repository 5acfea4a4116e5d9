"""`await`, `async for` and `async with` on JS values: JsProxy's __await__,
__aiter__ and __aenter__ (proxies/js_proxy.cpp calls these). A JS thenable
settles a Future of the running loop (python/_isthmus/webloop.py); an async
iterable is walked with its Symbol.asyncIterator.
"""
import asyncio

import _isthmus_js
from _isthmus import _core


def await_thenable(thenable):
    """`await js_promise` (JsProxy's __await__): a Future settled by then()."""
    return future_of(thenable).__await__()


def future_of(thenable):
    """A PyodideFuture of the running loop that the JS thenable settles (what
    a JS call that returns a Promise gives, as in Pyodide)."""
    loop = asyncio.get_event_loop()
    fut = loop.create_future()

    def settle(ok, value):
        if not fut.done():
            if ok:
                fut.set_result(value)
            else:
                fut.set_exception(_core.to_exception(value))

    # One owned proxy per await, destroyed by JS once then() called it.
    if not _isthmus_js.awaitThen(thenable, _core.create_proxy(settle)):
        raise TypeError(f"object {thenable!r} can't be used in 'await' expression (it has no then())")
    return fut


def js_aiter(iterable):
    """`aiter(proxy)` / `async for` (JsProxy's __aiter__): what its
    Symbol.asyncIterator gives, the JS async iterator itself (a
    pyodide.ffi.JsAsyncIterator, as in Pyodide)."""
    it = _isthmus_js.asyncIteratorOf(iterable)
    if it is None:
        raise TypeError(f"'async for' requires a JS object with Symbol.asyncIterator, got {iterable!r}")
    return it


async def js_anext(iterator):
    """`await it.__anext__()` / `anext(it)` of a JS async iterator: its next()."""
    result = await iterator.next()
    if result.done:
        raise StopAsyncIteration
    return result.value


async def js_aenter(obj):
    """`async with js_obj` (JsProxy's __aenter__): the object itself."""
    return obj
