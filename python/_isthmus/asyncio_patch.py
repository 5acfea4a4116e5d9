"""asyncio in wasm, set up when asyncio is first imported (start-up does not
pay for importing it):

- asyncio.unix_events: the selector loop (what asyncio.run() uses) wakes
  itself through a socketpair, which wasm cannot make (sockets cannot
  listen); the patched loop has no self-pipe, since nothing outside Python's
  own thread can wake it anyway.
- asyncio: the event loop policy becomes webloop.WebLoopPolicy, whose
  get_event_loop() runs on the JavaScript event loop.
"""
import sys
from importlib.machinery import PathFinder

_TARGETS = ("asyncio", "asyncio.unix_events")


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


class AsyncioPatchFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname not in _TARGETS:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _PatchingLoader(spec.loader, _patch if fullname != "asyncio" else _install_policy)
        return spec


def install():
    if AsyncioPatchFinder not in sys.meta_path:
        sys.meta_path.insert(0, AsyncioPatchFinder)
