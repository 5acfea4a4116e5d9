"""Make asyncio's default event loop usable in wasm until the loop that runs
on the JS event loop exists (issue 5).

The selector loop wakes itself through a socketpair, which wasm cannot make
(sockets cannot listen). The patched loop has no self-pipe: nothing outside
Python's own thread can wake it anyway. Applied when asyncio.unix_events is
first imported, so start-up does not pay for importing asyncio.
"""
import sys
from importlib.machinery import PathFinder

_TARGET = "asyncio.unix_events"


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


class _PatchingLoader:
    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        _patch(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class AsyncioPatchFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname != _TARGET:
            return None
        spec = PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _PatchingLoader(spec.loader)
        return spec


def install():
    if AsyncioPatchFinder not in sys.meta_path:
        sys.meta_path.insert(0, AsyncioPatchFinder)
