"""Python helpers behind the JavaScript runtime API (js/isthmus.mjs)."""
import importlib
import types
import weakref

from . import js_modules


def pyimport(name):
    """Import a module, or an attribute of one: "pkg.mod" or "pkg.mod.attr"."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        module, _, attr = name.rpartition(".")
        if not module or exc.name != name:
            raise
        return getattr(importlib.import_module(module), attr)


def main_globals():
    import __main__

    return __main__.__dict__


def builtins_dict():
    """What runtime.globals.get() falls back to, as in Pyodide."""
    import builtins

    return builtins.__dict__


def to_py(value, depth=-1, default_converter=None):
    """runtime.toPy: the same conversion as JsProxy.to_py."""
    to_py = getattr(value, "to_py", None)
    if to_py is None:
        return value
    return to_py(depth=depth, default_converter=default_converter)


def python_build():
    """runtime.pyVersionTuple and runtime.abiVersion: [[major, minor, micro],
    the ABI tag C extension wheels must match (emscripten_3_1_6)]."""
    import sys

    from . import _core
    # (_core's to_js: this runs at start-up, before pyodide.ffi can be imported)
    return _core.to_js([list(sys.version_info[:3]), _core.PLATFORM.removesuffix("_wasm32")], -1, None, True, None, None)


register_js_module = js_modules.register_js_module
unregister_js_module = js_modules.unregister_js_module


def to_js(obj, depth=-1, pyproxies=None, create_pyproxies=True, dict_converter=None, default_converter=None,
          eager_converter=None):
    """PyProxy.toJs: the same conversion as pyodide.ffi.to_js."""
    from pyodide.ffi import to_js

    return to_js(obj, depth=depth, pyproxies=pyproxies, create_pyproxies=create_pyproxies,
                 dict_converter=dict_converter, default_converter=default_converter, eager_converter=eager_converter)


def settle(awaitable, resolve, reject):
    """PyProxy.then: settle a JS Promise with the awaitable's outcome. A
    coroutine outcome is adopted as a JS Promise adopts a thenable: started a
    microtask later, its own outcome settling the Promise (as in Pyodide)."""
    import asyncio

    from . import _core

    fut = awaitable
    if type(awaitable) is types.CoroutineType and (task := _returned.get(awaitable, _dead)()) is not None:
        fut = task  # (a coroutine that a started one returned: already running)
    fut = asyncio.ensure_future(fut)

    def done(f):
        if f.cancelled():
            reject(_core.python_error(asyncio.CancelledError()))
        elif f.exception() is not None:
            reject(_core.python_error(f.exception()))
        elif type(result := f.result()) is types.CoroutineType:
            _later(settle, result, resolve, reject)
        else:
            resolve(_core.to_js_owned(result))

    fut.add_done_callback(done)


def start_called_coroutine(fn, coro):
    """A coroutine a call from JS returned: when fn is an async function, a
    Task running it now, as in Pyodide; a plain function's coroutine is left
    to the caller (awaiting its PyProxy runs it)."""
    import asyncio
    import inspect

    if not inspect.iscoroutinefunction(fn):
        return coro
    return asyncio.ensure_future(_started(coro))


async def _started(coro):
    # A coroutine the started one returns runs too, as Pyodide's Promise adopts
    # it: a microtask after the Task's done callbacks, in a Task of its own
    # (the order Pyodide's coroutines run in). The result stays the coroutine:
    # then() follows its Task (settle).
    import asyncio

    box = [coro]
    del coro  # (an error's traceback keeps this frame: it must not keep the coroutine, a _returned key)
    result = await box.pop()
    if type(result) is types.CoroutineType:
        asyncio.get_running_loop().call_soon(_later, _start_returned, result)
    return result


def _start_returned(coro):
    import asyncio

    task = asyncio.ensure_future(_started(coro))
    _returned[coro] = weakref.ref(task)
    task.add_done_callback(lambda task: _keep_outcome(coro, task))


def _keep_outcome(coro, task):
    """Once the Task is done, a Future with its outcome replaces it: a PyProxy
    made later still finds the result, and nothing holds the coroutine."""
    import asyncio

    outcome = asyncio.get_running_loop().create_future()
    if task.cancelled():
        outcome.cancel()
    elif task.exception() is not None:
        outcome.set_exception(task.exception())
        outcome.exception()  # (retrieved: no "never retrieved" log when it goes)
    else:
        outcome.set_result(task.result())
    _returned[coro] = lambda: outcome


# The coroutines started because a started one returned them: a weak
# reference to the Task running each (a Task holds its coroutine, the key),
# then a Future with its outcome.
_returned = weakref.WeakKeyDictionary()


def _dead():
    return None


def _later(fn, *args):
    """fn(*args) in a JS microtask."""
    import _isthmus_js
    from pyodide.ffi import create_once_callable

    _isthmus_js.microtask(create_once_callable(lambda: fn(*args)))


def add_site_dir(path):
    """site.addsitedir: the directory's .pth files add their paths to sys.path."""
    import site

    site.addsitedir(path)


def run_python(source, globals=None, locals=None, filename=None, dedent=None):
    """runPython with options other than globals (without them, C++ calls code_runner.run)."""
    from .code_runner import run

    return run(source, globals if globals is not None else main_globals(), filename or "<exec>", locals,
               dedent is not False)


def run_python_async(source, globals=None, locals=None, filename=None, dedent=None):
    """runPythonAsync: top-level await allowed; a Task for the last expression's value."""
    import asyncio

    from .code_runner import run_async

    return asyncio.ensure_future(run_async(source, globals if globals is not None else main_globals(),
                                           filename or "<exec>", locals, dedent is not False))


# The Array methods of a PyProxy of a mutable sequence (js/pyproxy.mjs) that
# are more than Python calls.

def seq_splice(seq, start, stop, items):
    """splice(): replace seq[start:stop] (JS-normalized bounds) by the JS
    array items; the removed items as a JS Array (depth 1, as Pyodide)."""
    from pyodide.ffi import to_js

    removed = seq[start:stop]
    seq[start:stop] = items
    return to_js(removed, depth=1)


def relaxed_call(func, *args, **kwargs):
    """PyProxy.callRelaxed / callKwargsRelaxed: the arguments func cannot take are dropped."""
    from pyodide.code import relaxed_call as call

    return call(func, *args, **kwargs)


def gen_return(gen, value):
    """return(value) of a Python generator seen from JS, as JS's: the
    generator is closed (GeneratorExit at its yield); a `finally` that yields
    again gives that value, not done (as in Pyodide); a `return x` there gives x."""
    import _isthmus_js

    step = _isthmus_js.Object.new()
    try:
        step.value = gen.throw(GeneratorExit)
        step.done = False
    except GeneratorExit:
        step.done, step.value = True, value
    except StopIteration as e:
        step.done, step.value = True, value if e.value is None else e.value
    return step


async def agen_return(gen, value):
    """return(value) of a Python async generator seen from JS: gen_return's
    async twin. A `return` in its `finally` ends it with value undefined (as
    in Pyodide: an async generator's return carries no value)."""
    import _isthmus_js

    step = _isthmus_js.Object.new()
    try:
        step.value = await gen.athrow(GeneratorExit)
        step.done = False
    except GeneratorExit:
        step.done, step.value = True, value
    except StopAsyncIteration:
        step.done, step.value = True, None
    return step


def seq_pop(seq, first):
    """pop() / shift(): undefined (None) for an empty sequence, as JS's."""
    try:
        return seq.pop(0) if first else seq.pop()
    except IndexError:
        return None


def seq_sort(seq, compare):
    """sort(compare): list.sort with a JS comparison function."""
    import functools

    seq.sort(key=functools.cmp_to_key(compare))


def wheel_install(data, filename, sha256, source):
    """loadPackage: check and extract one wheel; JSON {name, version, files, dynlibs} or {error}."""
    import hashlib
    import json

    from . import wheels

    data = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
    if sha256 is not None:
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            return json.dumps({"error": f"{filename}: sha256 is {actual}, the lock file says {sha256}: the file "
                                        "is not the one the lock file names (a stale or tampered copy); rebuild "
                                        "or re-download it, or pass checkIntegrity: false"})
    try:
        return json.dumps(wheels.install(data, filename, installer="isthmus", source=source))
    except wheels.WheelError as e:
        return json.dumps({"error": str(e)})


def wheel_remove(files_json):
    """Undo wheel_install (its side modules failed to load)."""
    import json

    from . import wheels

    wheels.remove_files(json.loads(files_json))


def find_imports(code):
    """loadPackagesFromImports: JSON list of the top-level modules code imports."""
    import json

    from pyodide.code import find_imports

    return json.dumps([name for name in find_imports(code) if "." not in name])


def unpack_archive(data, format, extract_dir):
    """unpackArchive: `data` (a JS typed array) unpacked into extract_dir
    (default: the working directory) with shutil; "wheel" is a zip."""
    import os
    import shutil
    import tempfile

    suffix = {"wheel": ".whl"}.get(format, "")
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.to_bytes())
        shutil.unpack_archive(path, extract_dir or os.getcwd(), "zip" if format == "wheel" else format)
    finally:
        os.unlink(path)


def proxy_flags(obj):
    """What `proxy instanceof ffi.PyCallable` and its siblings ask: a bit per
    class, in the order of PROXY_TYPES in js/pyodide_extras.mjs, from the
    type's slots as Pyodide decides them (an iterator is iterable, an async
    iterator async-iterable: Symbol.iterator of its proxy returns itself)."""
    import collections.abc as abc
    import types

    t = type(obj)
    try:
        memoryview(obj).release()
        buffer = True
    except TypeError:
        buffer = False
    tests = (
        hasattr(t, "__len__"), hasattr(t, "__getitem__"), hasattr(t, "__setitem__"), hasattr(t, "__contains__"),
        isinstance(obj, dict), hasattr(t, "__iter__") or hasattr(t, "__next__"),
        hasattr(t, "__aiter__") or hasattr(t, "__anext__"), hasattr(t, "__next__"),
        hasattr(t, "__anext__"), isinstance(obj, types.GeneratorType), isinstance(obj, types.AsyncGeneratorType),
        hasattr(t, "__await__"), callable(obj), buffer, isinstance(obj, abc.Sequence),
        isinstance(obj, abc.MutableSequence),
    )
    return sum(1 << i for i, ok in enumerate(tests) if ok)


def create_proxy(obj, *, capture_this=False, roundtrip=True):
    """create_proxy with keyword arguments (the native create_proxy sends
    them here). capture_this: the JS `this` of a call comes as the first
    argument. roundtrip (as in Pyodide): back in Python the PyProxy is a
    JsDoubleProxy (destroy(), unwrap()); roundtrip=False: the object itself."""
    from . import _core

    proxy = _core.create_proxy(obj) if roundtrip else _core.create_proxy_unwrapping(obj)
    if capture_this:
        import _isthmus_js

        return _isthmus_js.captureThis(proxy)
    return proxy


def json_keys(mapping):
    """PyProxy.asJsJson(): the keys of a mapping as JS property names (str
    keys, and int keys as their decimal text), as a JS array."""
    from pyodide.ffi import to_js

    return to_js([k if isinstance(k, str) else str(k) for k in mapping.keys()
                  if isinstance(k, str) or (isinstance(k, int) and not isinstance(k, bool))])


def install_sigint_handler():
    """setInterruptBuffer: SIGINT raises KeyboardInterrupt, as in python.
    The embedded interpreter starts without signal handlers, and CPython
    ignores a requested interrupt whose signal has none."""
    import signal

    if signal.getsignal(signal.SIGINT) in (signal.SIG_DFL, None):
        signal.signal(signal.SIGINT, signal.default_int_handler)
