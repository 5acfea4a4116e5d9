"""Standard library modules adapted to the runtime, patched when they are
first imported (start-up does not pay for importing them):

- asyncio.unix_events: the selector loop (what asyncio.run() uses) wakes
  itself through a socketpair, which wasm cannot make (sockets cannot
  listen); the patched loop has no self-pipe, since nothing outside Python's
  own thread can wake it anyway.
- asyncio: the event loop policy becomes webloop.WebLoopPolicy, whose
  get_event_loop() runs on the JavaScript event loop.
- json.encoder: jsnull encodes as null, as in Pyodide (whose CPython is
  patched for it; here JSONEncoder.default answers it, and a `default=`
  function is wrapped, so the C encoder keeps its speed). As a dict key it
  is "null": that is patches/cpython/json-jsnull-keys.patch (the encoders
  ask default() about values only).
"""
import sys
from importlib.machinery import PathFinder


def _patch(module):
    base = module._UnixSelectorEventLoop

    class _WasmSelectorEventLoop(base):
        def _make_self_pipe(self):
            self._ssock = self._csock = None

        def _close_self_pipe(self):
            pass

        def _write_to_self(self):
            pass

    module._UnixSelectorEventLoop = _WasmSelectorEventLoop
    module.SelectorEventLoop = _WasmSelectorEventLoop
    module._UnixDefaultEventLoopPolicy._loop_factory = _WasmSelectorEventLoop


def _install_policy(module):
    from . import webloop

    webloop.install()


def _patch_json(module):
    from ._core import jsnull

    encoder = module.JSONEncoder
    base_default = encoder.default
    base_init = encoder.__init__

    def default(self, o):
        if o is jsnull:
            return None
        return base_default(self, o)

    def __init__(self, *, default=None, **kwargs):
        if default is not None:  # json.dumps(..., default=f): f never sees jsnull
            user_default = default

            def wrapped(o):
                return None if o is jsnull else user_default(o)

            default = wrapped
        base_init(self, default=default, **kwargs)

    default.__doc__ = base_default.__doc__
    __init__.__doc__ = base_init.__doc__
    encoder.default = default
    encoder.__init__ = __init__


_PATCHES = {"asyncio": _install_policy, "asyncio.unix_events": _patch, "json.encoder": _patch_json}


class _PatchingLoader:
    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._patch(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class StdlibPatchFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        patch = _PATCHES.get(fullname)
        if patch is None:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _PatchingLoader(spec.loader, patch)
        return spec


def install():
    if StdlibPatchFinder not in sys.meta_path:
        sys.meta_path.insert(0, StdlibPatchFinder)
    encoder = sys.modules.get("json.encoder")
    if encoder is not None:  # imported before the finder was installed
        _patch_json(encoder)
