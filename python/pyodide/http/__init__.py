"""pyodide.http: fetch() from Python, as Pyodide has it (pyfetch, FetchResponse)."""
import asyncio
import json as _json

from _isthmus import _core
from _isthmus.lazy_submodules import submodule_getattr as _submodule_getattr

__all__ = ["pyfetch", "FetchResponse", "HttpStatusError", "BodyUsedError", "AbortError", "open_url", "pyxhr"]


class HttpStatusError(OSError):
    """raise_for_status() of a response with status >= 400."""

    def __init__(self, status, status_text, url):
        self.status = status
        self.status_text = status_text
        self.url = url
        kind = "Client" if status < 500 else "Server"
        super().__init__(f"{status} {kind} Error: {status_text} for url: {url}")


class BodyUsedError(OSError):
    """The body of a response can be read once (clone() it first)."""

    def __init__(self, *args):
        super().__init__("Response body is already used")


class AbortError(OSError):
    """A fetch that failed or was aborted (through its signal, abort() or
    cancelling the task), as Pyodide's."""


class FetchResponse:
    """A JS Response seen from Python; body readers are coroutines."""

    def __init__(self, url, js_response, abort_controller=None, abort_signal=None):
        self._url = url
        self.js_response = js_response
        self.abort_controller = abort_controller
        self.abort_signal = abort_signal

    @property
    def body_used(self):
        return bool(self.js_response.bodyUsed)

    @property
    def headers(self):
        import js

        return js.Object.fromEntries(self.js_response.headers.entries()).to_py()

    ok = property(lambda self: bool(self.js_response.ok))
    redirected = property(lambda self: bool(self.js_response.redirected))
    status = property(lambda self: int(self.js_response.status))
    status_text = property(lambda self: str(self.js_response.statusText))
    type = property(lambda self: str(self.js_response.type))
    url = property(lambda self: str(self.js_response.url))

    def raise_for_status(self):
        if self.status >= 400:
            raise HttpStatusError(self.status, self.status_text, self.url)

    def _check_unused(self):
        signal = self.abort_signal
        if signal is not None and signal.aborted:
            raise AbortError(_reason_text(signal.reason))
        if self.body_used:
            raise BodyUsedError()

    def clone(self):
        self._check_unused()
        return FetchResponse(self._url, self.js_response.clone(), self.abort_controller, self.abort_signal)

    async def _read(self, method):
        self._check_unused()
        try:
            return await getattr(self.js_response, method)()
        except _core.JsException as e:
            signal = self.abort_signal
            if signal is not None and signal.aborted:  # (aborted meanwhile: the abort reason, as in Pyodide)
                raise AbortError(_reason_text(signal.reason)) from None
            raise AbortError(f"reading the body of {self._url} failed: {e}") from None
        except asyncio.CancelledError as e:
            if self.abort_controller is not None:
                self.abort_controller.abort(_abort_reason("\n".join(map(str, e.args)) if e.args else None))
            raise

    def abort(self, reason=None):
        """Abort the fetch: a body read in progress or to come raises AbortError(reason)."""
        if self.abort_controller is None:
            raise ValueError("abort_controller is not set")
        self.abort_controller.abort(_abort_reason(reason))

    async def string(self):
        return await self._read("text")

    text = string

    async def json(self, **kwargs):
        return _json.loads(await self.string(), **kwargs)

    async def buffer(self):
        return await self._read("arrayBuffer")

    async def bytes(self):
        return (await self.buffer()).to_bytes()

    async def memoryview(self):
        return memoryview(await self.bytes())

    async def unpack_archive(self, *, extract_dir=None, format=None):
        import shutil
        import tempfile

        data = await self.bytes()
        name = self._url.rsplit("/", 1)[-1].split("?")[0] or "archive"
        with tempfile.TemporaryDirectory() as tmp:
            path = f"{tmp}/{name}"
            with open(path, "wb") as f:
                f.write(data)
            shutil.unpack_archive(path, extract_dir, format)


def _reason_text(reason):
    """What AbortError says for an abort reason: a JS error's message."""
    message = getattr(reason, "message", None)
    return str(reason) if message is None else str(message)


def _abort_reason(reason):
    """An abort reason as a JS AbortError (None: the default one)."""
    return None if reason is None else _core.JsException("AbortError", str(reason))


async def pyfetch(request, /, *, signal=None, fetcher=None, **kwargs):
    """fetch(request, options) from Python: `await pyfetch(url, method="POST", body=...)`.

    request is a URL or a JS Request; `signal` an AbortSignal (the response's
    abort() aborts too); `fetcher` a fetch-like JS function. A failed fetch
    raises AbortError (an OSError) with the JS error's message, as in Pyodide;
    cancelling the task aborts the fetch.
    """
    import js
    from pyodide.ffi import to_js

    controller = js.AbortController.new()
    signal = controller.signal if signal is None else js.AbortSignal.any(to_js([signal, controller.signal]))
    kwargs["signal"] = signal
    options = to_js(kwargs, dict_converter=js.Object.fromEntries)
    url = request if isinstance(request, str) else str(request.url)
    if isinstance(request, str):
        request = js.Request.new(request, options)
    try:
        response = await (fetcher or js.fetch)(request, options)
    except asyncio.CancelledError as e:
        controller.abort(_abort_reason("\n".join(map(str, e.args)) if e.args else None))
        raise
    except _core.JsException as e:
        cause = getattr(e, "cause", None)
        raise AbortError(f"fetch of {url} failed: {e}" + (f" ({cause})" if cause else "")) from None
    return FetchResponse(url, response, controller, signal)


def open_url(url):
    """Synchronous GET as text (io.StringIO). Needs XMLHttpRequest: a browser page or worker."""
    import io

    import js

    if not hasattr(js, "XMLHttpRequest"):
        raise OSError("open_url needs XMLHttpRequest (a browser page or worker); under Node.js use "
                      "`await pyfetch(url)` instead")
    req = js.XMLHttpRequest.new()
    req.open("GET", url, False)
    req.send()
    if req.status >= 400:
        raise HttpStatusError(req.status, req.statusText, url)
    return io.StringIO(req.response)


# pyodide.http.pyxhr loads when it is asked for (most programs use pyfetch).
__getattr__ = _submodule_getattr(__name__, {"pyxhr"})
