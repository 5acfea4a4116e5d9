"""pyodide.http.pyxhr: synchronous HTTP with a requests-like API, over XMLHttpRequest.

    from pyodide.http import pyxhr
    r = pyxhr.get("/data.json", params={"q": "x"})
    r.raise_for_status()
    r.json()

Synchronous XMLHttpRequest exists in browser pages and workers only; under
Node.js every call raises XHRError saying to use `await pyfetch(url)`.
"""
import json as _json
from urllib.parse import urlencode

from . import HttpStatusError

__all__ = ["XHRError", "XHRNetworkError", "XHRResponse", "get", "post", "put", "delete", "head", "patch",
           "options", "request"]


class XHRError(OSError):
    """A request that could not be made (no XMLHttpRequest, bad arguments)."""


class XHRNetworkError(XHRError):
    """The request failed before a response came (network, CORS)."""


class XHRResponse:
    """What a request returns: status, headers and the body as text, bytes or JSON."""

    def __init__(self, status_code, reason, url, headers, content):
        self.status_code = status_code
        self.reason = reason
        self.url = url
        self.headers = headers
        self.content = content

    @property
    def text(self):
        return self.content.decode("utf-8", errors="replace")

    @property
    def ok(self):
        return 200 <= self.status_code < 400

    def json(self, **kwargs):
        return _json.loads(self.content, **kwargs)

    def raise_for_status(self):
        if self.status_code >= 400:
            raise HttpStatusError(self.status_code, self.reason, self.url)

    def __repr__(self):
        return f"<XHRResponse [{self.status_code}]>"


# x-user-defined gives bytes 0x80-0xFF as U+F780-U+F7FF (ASCII as itself).
_X_USER_DEFINED = {0xF700 + b: b for b in range(0x80, 0x100)}


def _parse_headers(raw):
    headers = {}
    for line in str(raw).split("\r\n"):
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return headers


def request(method, url, *, params=None, headers=None, data=None, json=None, auth=None):
    """Make a request and wait for its response (blocking the thread)."""
    import js

    if not hasattr(js, "XMLHttpRequest"):
        raise XHRError("pyxhr needs XMLHttpRequest (a browser page or worker); under Node.js use "
                       "`await pyodide.http.pyfetch(url)`")
    if data is not None and json is not None:
        raise XHRError("pass data or json, not both")
    if params:
        url = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"
    xhr = js.XMLHttpRequest.new()
    user, password = auth if auth else (None, None)
    xhr.open(method.upper(), url, False, user, password)
    # Bytes as they came: a synchronous request in a page cannot ask for an
    # ArrayBuffer, but a charset that maps each byte to one code unit works.
    xhr.overrideMimeType("text/plain; charset=x-user-defined")
    body = None
    if json is not None:
        body = _json.dumps(json)
        xhr.setRequestHeader("Content-Type", "application/json")
    elif isinstance(data, dict):
        body = urlencode(data)
        xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded")
    elif isinstance(data, (bytes, bytearray, memoryview)):
        from pyodide.ffi import to_js

        body = to_js(bytes(data))
    elif data is not None:
        body = str(data)
    for name, value in (headers or {}).items():
        xhr.setRequestHeader(name, value)
    from pyodide.ffi import JsException

    try:
        xhr.send(body)
    except JsException as e:
        raise XHRNetworkError(f"{method.upper()} {url} failed: {e}") from None
    content = str(xhr.responseText or "").translate(_X_USER_DEFINED).encode("latin-1")
    return XHRResponse(int(xhr.status), str(xhr.statusText), str(xhr.responseURL or url),
                       _parse_headers(xhr.getAllResponseHeaders()), content)


def get(url, **kwargs):
    return request("GET", url, **kwargs)


def post(url, **kwargs):
    return request("POST", url, **kwargs)


def put(url, **kwargs):
    return request("PUT", url, **kwargs)


def delete(url, **kwargs):
    return request("DELETE", url, **kwargs)


def head(url, **kwargs):
    return request("HEAD", url, **kwargs)


def patch(url, **kwargs):
    return request("PATCH", url, **kwargs)


def options(url, **kwargs):
    return request("OPTIONS", url, **kwargs)
