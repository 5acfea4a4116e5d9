"""pyodide.http: fetch() from Python, as Pyodide has it (pyfetch, FetchResponse)."""
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
    """A fetch aborted through its AbortSignal (pyfetch(url, signal=...))."""


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
            raise OSError(f"reading the body of {self._url} failed: {e}") from None

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


async def pyfetch(url, **kwargs):
    """fetch(url, options) from Python: `await pyfetch(url, method="POST", body=...)`.

    Network failures raise OSError (with the JS error's message), as in Pyodide.
    """
    import js
    from pyodide.ffi import to_js

    options = to_js(kwargs, dict_converter=js.Object.fromEntries)
    try:
        response = await js.fetch(url, options)
    except _core.JsException as e:
        if getattr(e, "name", None) == "AbortError":
            raise AbortError(f"fetch of {url} was aborted: {e}") from None
        cause = getattr(e, "cause", None)
        raise OSError(f"fetch of {url} failed: {e}" + (f" ({cause})" if cause else "")) from None
    return FetchResponse(url, response)


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
