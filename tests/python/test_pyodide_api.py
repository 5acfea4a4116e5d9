"""Pyodide's Python modules as far as synchronous code sees them:
pyodide.code, pyodide.console (what push decides before running),
pyodide.webloop, pyodide.ffi.wrappers (proxies freed), pyodide.http.
What runs on the event loop is compared with Pyodide in
tests/compat/python_api.test.mjs."""
import ast
import asyncio
import sys

import pytest

import js
from pyodide.code import CodeRunner, eval_code, relaxed_call, run_js, should_quiet
from pyodide.console import BANNER, Console, ConsoleFuture, PyodideConsole, repr_shorten


def test_eval_code_return_modes():
    assert eval_code("x = 3\nx") == 3
    assert eval_code("x = 3") is None
    assert eval_code("x = y = 4", return_mode="last_expr_or_assign") == 4
    assert eval_code("x: int = 5", return_mode="last_expr_or_assign") == 5
    assert eval_code("x = 1\nx += 2", return_mode="last_expr_or_assign") == 3
    assert eval_code("x: int", return_mode="last_expr_or_assign") is None  # Pyodide: NameError
    assert eval_code("a, b = 1, 2", return_mode="last_expr_or_assign") is None
    assert eval_code("1 + 1", return_mode="none") is None
    with pytest.raises(ValueError, match="return_mode"):
        eval_code("1", return_mode="last")


def test_eval_code_semicolon_and_namespaces():
    assert eval_code("1 + 1;") is None
    assert eval_code("1 + 1;", quiet_trailing_semicolon=False) == 2
    assert eval_code("'a;'") == "a;"
    ns, loc = {"y": 2}, {}
    assert eval_code("z = y * 2\nz", ns, loc) == 4
    assert loc == {"z": 4} and "z" not in ns


def test_eval_code_filename_shows_source_lines():
    import traceback

    with pytest.raises(ZeroDivisionError) as info:
        eval_code("def f():\n    return 1 / 0\nf()", {}, filename="api_case.py")
    text = "".join(traceback.format_exception(info.value))
    assert 'File "api_case.py", line 2, in f' in text and "return 1 / 0" in text


def test_code_runner_keeps_the_last_expression_apart():
    runner = CodeRunner("x = 5\nx * 2")
    assert isinstance(runner.ast, ast.Module) and runner.code is None
    with pytest.raises(RuntimeError, match="Not yet compiled"):
        runner.run()
    runner.compile()
    ns = {}
    assert runner.run(ns) == 10 and ns["x"] == 5
    assert CodeRunner("1 + 2", mode="eval").compile().run() == 3


def test_code_runner_single_mode_displays_the_other_expressions(capsys):
    assert CodeRunner("1; 2", mode="single").compile().run({}) == 2
    assert capsys.readouterr().out == "1\n"


def test_run_refuses_top_level_await():
    runner = CodeRunner("await x", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT).compile()
    with pytest.raises(RuntimeError, match="run_async"):
        runner.run({"x": None})


def test_should_quiet():
    assert should_quiet("1;") and should_quiet("x = 1;  # c\n\n")
    assert not should_quiet("1") and not should_quiet("'a;'") and not should_quiet("1 # ;")
    assert not should_quiet("s = '''unfinished;")


def test_relaxed_call():
    def f(a, b=2):
        return a, b

    assert relaxed_call(f, 1, 2, 3, c=4) == (1, 2)
    assert relaxed_call(print, "x", file=sys.stdout) is None  # no signature: called as it is
    with pytest.raises(TypeError):
        relaxed_call(f)


def test_run_js():
    assert run_js("6 * 7") == 42
    with pytest.raises(TypeError):
        run_js(42)


def test_push_sorts_incomplete_input_and_syntax_errors():
    console = Console()
    fut = console.push("def f():")
    assert isinstance(fut, ConsoleFuture) and fut.syntax_check == "incomplete" and fut.result() is None
    assert console.buffer == ["def f():"]
    fut = console.push("  return )")
    assert fut.syntax_check == "syntax-error" and console.buffer == []
    assert isinstance(fut.exception(), SyntaxError)
    assert fut.formatted_error.startswith('  File "<console>", line 2')
    fut = console.push("1")
    assert fut.syntax_check == "complete"
    fut.cancel()


def test_complete():
    console = Console({"value": 1})
    assert console.complete("a = 5 ; str.isa") == (["str.isalnum(", "str.isalpha(", "str.isascii("], 8)
    assert console.complete("print(val") == (["value"], 6)


def test_stream_redirection_is_undone():
    out = []
    saved = sys.stdout
    console = Console(stdout_callback=out.append, persistent_stream_redirection=True)
    try:
        assert sys.stdout is not saved
        print("captured")
    finally:
        console.persistent_restore_streams()
    assert "".join(out) == "captured\n"
    with console.redirect_streams():
        print("again")
    assert "".join(out) == "captured\nagain\n"


def test_repr_shorten_and_banner():
    assert repr_shorten(list(range(1000)), 20) == "[0, 1, 2, ... 998, 999]"
    assert repr_shorten("x" * 10) == repr("x" * 10)
    assert repr_shorten(list(range(30)), 20, 0) == "..."
    with pytest.raises(ValueError):
        repr_shorten("abc", 3)
    assert BANNER.startswith(f"Python {sys.version.split()[0]} (") and "WebAssembly/Emscripten" in BANNER
    assert issubclass(PyodideConsole, Console)


def test_webloop_names():
    from _isthmus import webloop
    from pyodide.webloop import PyodideFuture, PyodideTask, WebLoop, WebLoopPolicy

    loop = asyncio.get_event_loop()
    assert isinstance(loop, WebLoop) and isinstance(asyncio.get_event_loop_policy(), WebLoopPolicy)
    assert PyodideFuture is webloop.PyodideFuture and PyodideTask is webloop.PyodideTask
    assert issubclass(PyodideTask, PyodideFuture) and issubclass(PyodideTask, asyncio.Task)
    fut = loop.create_future()
    chained = fut.then(lambda v: v)
    chained.cancel()
    fut.set_result(1)  # the chained future was cancelled: nothing to settle, no error


def test_event_listener_proxies_are_freed():
    from pyodide.ffi import wrappers

    target = js.EventTarget.new()
    got = []

    def handler(event):
        got.append(event.type)

    wrappers.add_event_listener(target, "ping", handler)
    wrappers.add_event_listener(target, "ping", handler)  # the same listener twice: one, as in JS
    assert len(wrappers._listeners) == 1
    target.dispatchEvent(js.Event.new("ping"))
    proxy = next(iter(wrappers._listeners.values()))
    wrappers.remove_event_listener(target, "ping", handler)
    target.dispatchEvent(js.Event.new("ping"))
    assert got == ["ping"] and wrappers._listeners == {}
    with pytest.raises(Exception, match="destroyed"):
        proxy()
    with pytest.raises(KeyError):
        wrappers.remove_event_listener(target, "ping", handler)


def test_cleared_timers_free_their_proxies():
    from pyodide.ffi import wrappers

    timeout = wrappers.set_timeout(lambda: None, 10_000)
    interval = wrappers.set_interval(lambda: None, 10_000)
    proxies = [wrappers._timeouts[timeout], wrappers._intervals[interval]]
    wrappers.clear_timeout(timeout)
    wrappers.clear_interval(interval)
    assert wrappers._timeouts == {} and wrappers._intervals == {}
    for proxy in proxies:
        with pytest.raises(Exception, match="destroyed"):
            proxy()


def test_body_used_error():
    from pyodide.http import BodyUsedError

    e = BodyUsedError()
    assert isinstance(e, OSError) and str(e) == "Response body is already used"
