"""An asyncio event loop that runs on the JavaScript event loop.

Nothing blocks: ready callbacks run from one JS macrotask (setImmediate /
MessageChannel, see js/isthmus.mjs `schedule`), timers are JS setTimeouts,
and JS Promises resolve Python futures. `asyncio.get_event_loop()` gives this
loop; `asyncio.run()` still makes a (blocking) selector loop of its own.
"""
import asyncio
import collections
import heapq
import inspect
import sys
import time
import traceback
import warnings
import weakref

import _isthmus_js
from _isthmus import _core


class _ThenMixin:
    """then / catch / finally_ on futures, for JS-style chaining from Python
    (Pyodide's PyodideFuture). Each returns a new future of the loop.

    As with a JS Promise, a callback's awaitable result is awaited, and its
    result again, until a value that is not awaitable settles the new future.
    Cancellation is not a rejection: a cancelled future cancels the chained
    one without calling onfulfilled/onrejected (finally_'s callback runs).
    Cancelling the chained future itself just detaches it (Pyodide then
    fails with InvalidStateError in the loop's exception handler).
    """

    def then(self, onfulfilled=None, onrejected=None):
        result = self.get_loop().create_future()

        def done(f):
            if result.done():
                return
            if f.cancelled():
                result.cancel()
                return
            exc = f.exception()
            if exc is not None and onrejected is None:
                result.set_exception(exc)
                return
            handler = onfulfilled if exc is None else onrejected
            value = f.result() if exc is None else exc
            if handler is None:
                result.set_result(value)
                return
            try:
                value = handler(value)
            except BaseException as e:  # the handler itself failed
                result.set_exception(e)
                return
            _settle_with(result, value)

        self.add_done_callback(done)
        return result

    def catch(self, onrejected):
        return self.then(None, onrejected)

    def finally_(self, onfinally):
        """onfinally() once this future is done, however; the new future gets this
        one's outcome unless onfinally raises (or its awaitable result fails)."""
        result = self.get_loop().create_future()

        def done(f):
            if result.done():
                return
            try:
                value = onfinally()
            except BaseException as e:
                result.set_exception(e)
                return
            if not _is_awaitable(value):
                _copy_outcome(f, result)
                return

            def awaited(g):
                if result.done():
                    return
                if g.cancelled() or g.exception() is not None:
                    _copy_outcome(g, result)
                else:
                    _copy_outcome(f, result)

            asyncio.ensure_future(value).add_done_callback(awaited)

        self.add_done_callback(done)
        return result


def _is_awaitable(value):
    """inspect.isawaitable, except that a JsProxy is awaitable only when its
    JS value is thenable (its native type has the slot for every value)."""
    if isinstance(value, _core.JsProxy):
        return hasattr(value, "__await__")
    return inspect.isawaitable(value)


def _settle_with(result, value):
    """Resolve result with value, awaiting it (and what it gives) while it is awaitable."""
    if not _is_awaitable(value):
        result.set_result(value)
        return

    def awaited(inner):
        if result.done():
            return
        if inner.cancelled() or inner.exception() is not None:
            _copy_outcome(inner, result)
        else:
            _settle_with(result, inner.result())

    try:
        asyncio.ensure_future(value).add_done_callback(awaited)
    except BaseException as e:
        result.set_exception(e)


def _owned_by_task(handle, exc):
    """Did exc come out of a Task's step, which recorded it as its exception?"""
    task = getattr(handle._callback, "__self__", None)
    return isinstance(task, asyncio.Task) and task.done() and not task.cancelled() and task.exception() is exc


def _copy_outcome(source, target):
    if target.done():
        return
    if source.cancelled():
        target.cancel()
    elif source.exception() is not None:
        target.set_exception(source.exception())
    else:
        target.set_result(source.result())


# Named as Pyodide's (their repr shows it): pyodide.webloop exports them.
class PyodideFuture(_ThenMixin, asyncio.Future):
    pass


class PyodideTask(asyncio.Task, PyodideFuture):
    """A Task is a PyodideFuture too, as in Pyodide. It counts its done
    callbacks: a task that fails while only the loop watches it is reported
    at once (WebLoop._report_unobserved), not when it is garbage collected."""

    _num_done_callbacks = 0

    def add_done_callback(self, fn, *, context=None):
        self._num_done_callbacks += 1
        super().add_done_callback(fn, context=context)

    def remove_done_callback(self, fn):
        removed = super().remove_done_callback(fn)
        self._num_done_callbacks -= removed
        return removed


class WebLoop(asyncio.AbstractEventLoop):
    def __init__(self):
        self._ready = collections.deque()
        self._timers = []  # heap of (when, seq, handle)
        self._seq = 0
        self._scheduled = False
        self._timer_at = None  # when the pending JS timeout fires
        self._closed = False
        self._debug = False
        self._exception_handler = None
        self._task_factory = None
        # Futures and tasks made by this loop and not done, as Pyodide's
        # WebLoop counts them: a runner (a CLI waiting for a program's async
        # work) sets these handlers to learn when none is left, and when one
        # ended in KeyboardInterrupt or SystemExit.
        self._in_progress = 0
        self._no_in_progress_handler = None
        self._keyboard_interrupt_handler = None
        self._system_exit_handler = None
        # Called instead of raising into JS when a KeyboardInterrupt lands in
        # the loop's own code (the isthmus REPL hands it to the statement).
        self.interrupt_handler = None
        # Looked up once: each lookup through the JS module costs a JS call.
        self._schedule = _isthmus_js.schedule
        self._schedule_at = _isthmus_js.scheduleAt
        self._drain_proxy = _core.create_proxy(self._drain)
        self._timer_proxy = _core.create_proxy(self._on_timer)
        # Async generators, as asyncio's own loops track them while they run
        # (this loop always runs): one dropped before its end is aclose()d by
        # the loop (its `finally` runs), and shutdown_asyncgens() closes the rest.
        # (the attribute names are asyncio's BaseEventLoop's, which Pyodide's WebLoop keeps)
        self._asyncgens = weakref.WeakSet()
        self._asyncgens_shutdown_called = False
        self._old_agen_hooks = sys.get_asyncgen_hooks()  # back in place at close()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter, finalizer=self._asyncgen_finalizer)

    # -- scheduling --------------------------------------------------------
    def time(self):
        return time.monotonic()

    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        handle = asyncio.Handle(callback, args, self, context)
        self._ready.append(handle)
        self._wake()
        return handle

    call_soon_threadsafe = call_soon

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + max(0.0, delay), callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        handle = asyncio.TimerHandle(when, callback, args, self, context)
        self._seq += 1
        heapq.heappush(self._timers, (when, self._seq, handle))
        handle._scheduled = True
        self._arm_timer()
        return handle

    def _timer_handle_cancelled(self, handle):
        pass  # dropped when it comes due

    def _wake(self):
        if not self._scheduled:
            self._scheduled = True
            self._schedule(self._drain_proxy)

    def _arm_timer(self):
        while self._timers and self._timers[0][2]._cancelled:
            heapq.heappop(self._timers)
        if not self._timers:
            return
        when = self._timers[0][0]
        if self._timer_at is not None and self._timer_at <= when:
            return
        self._timer_at = when
        self._schedule_at(self._timer_proxy, max(0.0, when - self.time()) * 1000)

    def _on_timer(self):
        self._timer_at = None  # the one JS timeout has fired (maybe a little early)
        self._drain()

    def _drain(self):
        """Run everything ready now (one JS macrotask)."""
        try:
            self._run_ready()
        except KeyboardInterrupt:
            if self.interrupt_handler is None:
                raise
            self.interrupt_handler()

    def _run_ready(self):
        self._scheduled = False
        now = self.time() + 0.001  # JS timers may fire up to ~1 ms early
        while self._timers and self._timers[0][0] <= now:
            _, _, handle = heapq.heappop(self._timers)
            if not handle._cancelled:
                self._ready.append(handle)
        try:
            for _ in range(len(self._ready)):  # new callbacks wait for the next turn
                handle = self._ready.popleft()
                if not handle._cancelled:
                    asyncio.events._set_running_loop(self)
                    try:
                        handle._run()
                    except (KeyboardInterrupt, SystemExit) as exc:
                        # asyncio lets these out of run_forever(); a Task whose
                        # step raised one also keeps it as its outcome, and
                        # whoever awaits the Task gets it there: no need to
                        # throw it into JS as well.
                        if not _owned_by_task(handle, exc):
                            raise
                    finally:
                        asyncio.events._set_running_loop(None)
        finally:
            # Even when an exception escapes (Ctrl-C): the loop must go on.
            if self._ready:
                self._wake()
            self._arm_timer()

    # -- futures and tasks ---------------------------------------------------
    def create_future(self):
        return self._track(PyodideFuture(loop=self))

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is not None:
            return self._track(self._task_factory(self, coro))
        task = PyodideTask(coro, loop=self, name=name, context=context)
        self._in_progress += 1
        task.add_done_callback(self._task_done)  # the only callback: _report_unobserved counts them
        return task

    def _task_done(self, task):
        self._report_unobserved(task)
        self._done_in_progress(task)

    def _track(self, future):
        self._in_progress += 1
        future.add_done_callback(self._done_in_progress)
        return future

    def _done_in_progress(self, future):
        self._in_progress -= 1
        # (A task's step lets KeyboardInterrupt and SystemExit out: those are reported, once.)
        exc = None if future.cancelled() or not isinstance(future, asyncio.Task) else future.exception()
        if isinstance(exc, KeyboardInterrupt) and self._keyboard_interrupt_handler:
            self._keyboard_interrupt_handler()
        elif isinstance(exc, SystemExit) and self._system_exit_handler:
            self._system_exit_handler(exc.code)
        if self._in_progress == 0 and self._no_in_progress_handler:
            self._no_in_progress_handler()

    def _report_unobserved(self, task):
        """A task failed and nothing but this callback waited for it: report
        its exception now, as Pyodide does (a page may never collect it)."""
        if task._num_done_callbacks == 1 and not task.cancelled() and task.exception() is not None:
            self.call_exception_handler({"exception": task.exception()})

    def set_task_factory(self, factory):
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    # -- running -------------------------------------------------------------
    def is_running(self):
        return True  # the JS event loop always is

    def is_closed(self):
        return self._closed

    def run_until_complete(self, future):
        raise RuntimeError(
            "WebLoop cannot block: await the future (top-level await works in runPythonAsync), "
            "or use asyncio.run() for a blocking loop of its own"
        )

    def run_forever(self):
        raise RuntimeError("WebLoop runs on the JavaScript event loop and cannot be run_forever()")

    def stop(self):
        pass

    def close(self):
        self._closed = True
        self._ready.clear()
        self._timers.clear()
        if sys.get_asyncgen_hooks().firstiter == self._asyncgen_firstiter:
            sys.set_asyncgen_hooks(*self._old_agen_hooks)

    def _check_closed(self):
        if self._closed:
            raise RuntimeError("Event loop is closed")

    def _asyncgen_firstiter(self, agen):
        if self._asyncgens_shutdown_called:
            warnings.warn(f"asynchronous generator {agen!r} was scheduled after loop.shutdown_asyncgens() call",
                          ResourceWarning, stacklevel=2, source=self)
        self._asyncgens.add(agen)

    def _asyncgen_finalizer(self, agen):
        self._asyncgens.discard(agen)
        if not self._closed:
            self.call_soon(self.create_task, agen.aclose())

    async def shutdown_asyncgens(self):
        """Close every async generator still open (asyncio's contract)."""
        self._asyncgens_shutdown_called = True
        gens = list(self._asyncgens)
        self._asyncgens.clear()
        if not gens:
            return
        results = await asyncio.gather(*(agen.aclose() for agen in gens), return_exceptions=True)
        for result, agen in zip(results, gens, strict=True):
            if isinstance(result, Exception):
                self.call_exception_handler({
                    "message": f"an error occurred during closing of asynchronous generator {agen!r}",
                    "exception": result,
                    "asyncgen": agen,
                })

    async def shutdown_default_executor(self):
        pass

    def run_in_executor(self, executor, func, *args):
        """There are no threads: func runs now, and the result is a done
        future (as Pyodide's WebLoop does), so asyncio.to_thread works too."""
        future = self.create_future()
        try:
            future.set_result(func(*args))
        except BaseException as e:  # (the future carries it, as an executor's would)
            future.set_exception(e)
        return future

    def set_default_executor(self, executor):
        pass  # (run_in_executor runs everything at once)

    # -- errors ----------------------------------------------------------------
    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = enabled

    def set_exception_handler(self, handler):
        self._exception_handler = handler

    def get_exception_handler(self):
        return self._exception_handler

    def default_exception_handler(self, context):
        message = context.get("message") or "Unhandled exception in event loop"
        exc = context.get("exception")
        lines = [message]
        for key in ("task", "future", "handle"):
            if key in context:
                lines.append(f"{key}: {context[key]!r}")
        text = "\n".join(lines) + "\n"
        if exc is not None:
            text += "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        sys.stderr.write(text)

    def call_exception_handler(self, context):
        handler = self._exception_handler
        try:
            if handler is None:
                self.default_exception_handler(context)
            else:
                handler(self, context)
        except Exception as exc:  # a failing handler must not stop the loop
            sys.stderr.write(f"Exception in the event loop's exception handler: {exc!r}\n")


class WebLoopPolicy(asyncio.DefaultEventLoopPolicy):
    """get_event_loop(): the WebLoop. new_event_loop(): a selector loop (asyncio.run)."""

    def __init__(self):
        super().__init__()
        self._webloop = None

    def get_event_loop(self):
        if self._webloop is None or self._webloop.is_closed():
            self._webloop = WebLoop()
        return self._webloop

    def set_event_loop(self, loop):
        if isinstance(loop, WebLoop):
            self._webloop = loop
        else:
            super().set_event_loop(loop)


def install():
    asyncio.set_event_loop_policy(WebLoopPolicy())
