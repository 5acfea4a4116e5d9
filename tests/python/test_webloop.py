"""The event loop on the JS event loop, as far as synchronous code can see it
(the asynchronous behaviour is tested from JS: tests/js/async.test.mjs)."""
import asyncio
import inspect

import pytest

import js
from _isthmus.webloop import WebLoop


def test_get_event_loop_is_the_webloop_and_never_blocks():
    loop = asyncio.get_event_loop()
    assert isinstance(loop, WebLoop) and loop.is_running()
    assert asyncio.get_event_loop() is loop
    with pytest.raises(RuntimeError, match="cannot block"):
        loop.run_until_complete(loop.create_future())


def test_futures_and_tasks_have_then_catch_finally():
    loop = asyncio.get_event_loop()
    fut = loop.create_future()
    assert all(hasattr(fut, m) for m in ("then", "catch", "finally_"))

    async def nothing():
        return 1

    task = loop.create_task(nothing())
    assert hasattr(task, "then")
    task.cancel()


def test_js_values_are_awaitable_and_async_iterable():
    assert inspect.isawaitable(js.Promise.resolve(1))
    assert hasattr(type(js.Object.new()), "__aiter__")


def test_asyncio_run_still_blocks_with_its_own_loop():
    async def main():
        await asyncio.sleep(0.001)
        return asyncio.get_running_loop()

    inner = asyncio.run(main())
    assert not isinstance(inner, WebLoop)
    assert isinstance(asyncio.get_event_loop(), WebLoop)
