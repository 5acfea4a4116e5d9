// Pyodide's Python modules beside Pyodide: pyodide.console, pyodide.code,
// pyodide.webloop, pyodide.ffi.wrappers, pyodide.http's BodyUsedError.
import assert from 'node:assert/strict';
import { same, differs, plain } from './harness.mjs';

/**
 * Run Python (top-level await allowed) that sets `result`; result as JSON
 * data (repr() for what JSON cannot hold).
 */
function py(code) {
  return async (runtime) => JSON.parse(await runtime.runPythonAsync(
    `${code}\nimport json as _json\n_json.dumps(result, default=repr)`));
}

// Push lines to a fresh Console (callbacks collecting stdout / stderr); each
// push's status, outcome, formatted error and the output it made.
const pushLines = (lines, options = '') => py(`
from pyodide.console import Console
out, err = [], []
console = Console(stdout_callback=out.append, stderr_callback=err.append${options})
result = []
for line in ${JSON.stringify(lines)}:
    fut = console.push(line)
    try:
        value = repr(await fut)
    except BaseException as e:
        value = ["raised", type(e).__name__, str(e)]
    result.append([line, fut.syntax_check, value, fut.formatted_error, "".join(out), "".join(err), list(console.buffer)])
    out.clear()
    err.clear()
`);

// ---- pyodide.console -------------------------------------------------------

same('Console: expressions, statements, a trailing semicolon, several statements on a line', pushLines([
  'x = 1', 'x + 1', 'x', 'x + 1;', '1; 2', 'x = 3; x', '[1, 2]', 'None', "print('a'); 4", 'x  # comment;', 'x ;# c',
]));

same('Console: incomplete input stays in the buffer until the block ends', pushLines([
  'def f(n):', '    return n * 2', '', 'f(21)', 'for i in range(2):', '  print(i)', '', 'x = (1,', '2)', 'x',
  's = """a', 'b"""', 's',
]));

same('Console: a traceback shows the code\'s frames only', pushLines([
  'def a():\n  b()\n', 'def b():\n  raise ValueError("v")\n', 'a()', '1 / 0  # c', 'raise KeyError(3)',
  'import nonexistent_module_x', "exec('1/0')",
]));

same('Console: syntax errors the compiler finds ("return" and "yield" outside a function)', pushLines([
  'return 4', '(yield 1)', 'x = 1', 'x',
]));

differs('Console: an invalid line is a syntax error',
  'Isthmus reports what python\'s prompt does ("invalid syntax"); Pyodide on CPython 3.14 reports a private ' +
  '_IncompleteInputError ("incomplete input") for input that is complete',
  pushLines(['1 +', '1 2']),
  (isthmus, pyodide) => {
    for (const [line, status, value, formatted] of isthmus.value) {
      assert.equal(status, 'syntax-error', line);
      assert.equal(value[1], 'SyntaxError');
      assert.match(formatted, /File "<console>", line 1\n.*\nSyntaxError: invalid syntax/s);
    }
    for (const [, status, value] of pyodide.value) {
      assert.equal(status, 'syntax-error');
      assert.equal(value[1], '_IncompleteInputError');
    }
  });

differs('Console: an indented first line', 'Isthmus says IndentationError, as python\'s prompt; Pyodide dedents it',
  pushLines(['x = 1', '  x']),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value[1].slice(1, 3), ['syntax-error', ['raised', 'IndentationError', 'unexpected indent (<console>, line 1)']]);
    assert.deepEqual(pyodide.value[1].slice(1, 3), ['complete', '1']);
  });

same('Console: top-level await, and pushes run one after the other', py(`
from pyodide.console import Console
console = Console()
console.push("import asyncio")
futures = [console.push("await asyncio.sleep(0.01); order = ['first']"), console.push("order.append('second'); order"),
           console.push("async def g():\\n  await asyncio.sleep(0)\\n  return 7\\n"), console.push("await g()")]
result = [[f.syntax_check, await f] for f in futures]
`));

same('Console: stdout and stderr go to the callbacks while the code runs, not after', py(`
import sys
from pyodide.console import Console
out, err = [], []
before = sys.stdout
console = Console(stdout_callback=out.append, stderr_callback=err.append)
await console.push("import sys; print('to out'); print('to err', file=sys.stderr); sys.stdout.write('no newline')")
await console.push("sys.stdout.isatty(), sys.stdout.encoding")
result = ["".join(out), "".join(err), sys.stdout is before, await console.push("1")]
`));

differs('Console: stdin reads from stdin_callback ("" is the end); input() prompts on stdout',
  'Isthmus keeps the text a read got beyond what it returned for the next read; Pyodide drops it, and its ' +
  'input() cuts the last character of a line without a newline',
  py(`
from pyodide.console import Console
chunks = ["line1\\nline2\\n", "rest"]
asked = []
def stdin(n):
    asked.append(n)
    return chunks.pop(0) if chunks else ""
out = []
console = Console(stdin_callback=stdin, stdout_callback=out.append)
result = [await console.push("import sys; sys.stdin.readline()"), await console.push("input('p> ')"),
          await console.push("sys.stdin.read()"), asked, "".join(out)]
try:
    await console.push("input()")
except EOFError as e:
    result.append(["EOFError", str(e)])
`),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, ['line1\n', 'line2', 'rest', [-1, -1, -1, -1], 'p> ', ['EOFError', 'EOF when reading a line']]);
    assert.deepEqual(pyodide.value, ['line1\n', 'res', '', [-1, -1, -1, -1], 'p> ', ['EOFError', 'EOF when reading a line']]);
  });

same('Console: persistent_stream_redirection keeps the streams redirected until restored', py(`
import sys
from pyodide.console import Console
out = []
console = Console(stdout_callback=out.append, persistent_stream_redirection=True)
print("while redirected")
redirected = sys.stdout is not sys.__stdout__
console.persistent_restore_streams()
print("after")
result = [redirected, "".join(out)]
`));

same('Console: a callback assigned later is the one used', py(`
from pyodide.console import Console
first, second = [], []
console = Console(stdout_callback=first.append)
await console.push("print(1)")
console.stdout_callback = second.append
await console.push("print(2)")
result = ["".join(first), "".join(second)]
`));

same('Console: the globals are the dict given', py(`
from pyodide.console import Console
ns = {"y": 41}
console = Console(ns)
result = [await console.push("y + 1"), await console.push("z = 5"), ns["z"], Console().globals]
`));

same('Console.complete: the last word completed in the globals', py(`
from pyodide.console import Console
console = Console({"alpha": 1, "alphabet": 2})
result = [console.complete("str.isa"), console.complete("a = 5 ; str.isa"), console.complete("f(str.up"),
          console.complete("alph"), console.complete("imp"), console.complete("x = 1 + alpha"),
          console.completer_word_break_characters]
`));

same('ConsoleFuture: the statuses, a Future of the running loop', py(`
import asyncio
from pyodide.console import Console, ConsoleFuture
console = Console()
futures = [console.push("if True:"), console.push("1 +* 2"), console.push("1")]
console.buffer.clear()
result = [[type(f).__name__, isinstance(f, asyncio.Future), f.syntax_check, f.formatted_error is None] for f in futures]
result.append(await futures[2])
futures[1].exception()
`));

same('Console: formattraceback and formatsyntaxerror of an exception', py(`
from pyodide.console import Console
console = Console()
try:
    compile("x = = 1", "<console>", "exec")
except SyntaxError as e:
    syntax = console.formatsyntaxerror(e)
result = [syntax, console.formattraceback(ValueError("no traceback"))]
`));

same('PyodideConsole loads the packages of the imports first (none for the standard library)', py(`
from pyodide.console import PyodideConsole, Console
console = PyodideConsole()
result = [issubclass(PyodideConsole, Console), await console.push("import json"), await console.push("json.dumps([1])")]
`));

same('repr_shorten', py(`
from pyodide.console import repr_shorten
result = [repr_shorten("x" * 10), repr_shorten(list(range(1000)), 20), repr_shorten(list(range(1000)), 20, 3),
          repr_shorten("abcdefgh", 4, separator="!!"), repr_shorten(12345, 4, 1), len(repr_shorten("x" * 2000)),
          repr_shorten(list(range(1000)), 20, 30)]
try:
    repr_shorten("abcdef", 3)
except ValueError as e:
    result.append(str(e))
`));

differs('repr_shorten with split=0', 'Pyodide keeps the whole text (its tail is text[-0:]); Isthmus keeps the separator only',
  py(`
from pyodide.console import repr_shorten
result = repr_shorten(list(range(30)), 20, 0)
`),
  (isthmus, pyodide) => {
    assert.equal(isthmus.value, '...');
    assert.ok(pyodide.value.startsWith('...[0, 1, 2'));
  });

differs('BANNER', 'each says its own Python version', py(`
from pyodide.console import BANNER
result = BANNER.split("\\n")
`), (isthmus, pyodide) => {
  for (const { value } of [isthmus, pyodide]) {
    assert.match(value[0], /^Python 3\.\d+\.\d+ \(.*\) on WebAssembly\/Emscripten$/);
    assert.equal(value[1], 'Type "help", "copyright", "credits" or "license" for more information.');
  }
});

// ---- pyodide.code -----------------------------------------------------------

const evalCases = [
  ['x = 3\nx', {}], ['x = 3', { return_mode: 'last_expr_or_assign' }], ['x = y = 4', { return_mode: 'last_expr_or_assign' }],
  ['x: int = 5', { return_mode: 'last_expr_or_assign' }], ['x = 1\nx += 1', { return_mode: 'last_expr_or_assign' }],
  ['a, b = 1, 2', { return_mode: 'last_expr_or_assign' }], ["d = {}\nd['k'] = 7", { return_mode: 'last_expr_or_assign' }],
  ['(w := 4)', { return_mode: 'last_expr_or_assign' }], ['x = 1\n\n', { return_mode: 'last_expr_or_assign' }],
  ['1 + 1', { return_mode: 'none' }], ['1 + 1;', {}], ['1 + 1;', { quiet_trailing_semicolon: false }],
  ['1 + 1 # x;', {}], ['2 ;  ', {}], ["'a;'", {}], ['1; 2', {}], ['if 1:\n  5', {}], ['  1 + 2', {}],
  ['  1 + 2', { dedent: false }], ['x = 1\n;', {}], ['1 / 0', { filename: 'foo.py' }],
  ['from __future__ import annotations\ndef f(x: int): pass\nf.__annotations__', {}],
  ['__name__', {}], ['undefined_name', {}],
];

same('eval_code: return modes, quiet semicolons, dedent, errors', py(`
import json
from pyodide.code import eval_code
result = []
for source, options in json.loads(${JSON.stringify(JSON.stringify(evalCases))}):
    try:
        result.append(repr(eval_code(source, {}, **options)))
    except Exception as e:
        result.append([type(e).__name__, str(e)])
`));

differs('eval_code of a bare annotation with last_expr_or_assign',
  'it assigns nothing: Isthmus returns None, Pyodide evaluates the name (NameError)',
  py(`
from pyodide.code import eval_code
try:
    result = repr(eval_code("x: int", {}, return_mode="last_expr_or_assign"))
except NameError as e:
    result = ["NameError", str(e)]
`),
  (isthmus, pyodide) => {
    assert.equal(isthmus.value, 'None');
    assert.deepEqual(pyodide.value, ['NameError', "name 'x' is not defined"]);
  });

same('eval_code: globals None is a new dict; locals', py(`
from pyodide.code import eval_code
loc = {}
result = [eval_code("1 + 1", None), eval_code("__name__", None), eval_code("y = 1\\nz = y", None, loc, return_mode="last_expr_or_assign"),
          loc, eval_code("t = 1", None) is None]
`));

same('eval_code_async: top-level await', py(`
from pyodide.code import eval_code_async
ns = {}
result = [await eval_code_async("import asyncio\\nawait asyncio.sleep(0)\\n7", ns),
          await eval_code_async("z = await asyncio.sleep(0, 9)", ns, return_mode="last_expr_or_assign"), ns["z"],
          await eval_code_async("await asyncio.sleep(0, 1);", ns)]
try:
    from pyodide.code import eval_code
    eval_code("await asyncio.sleep(0)", ns)
except SyntaxError as e:
    result.append(["SyntaxError", e.msg])
`));

same('CodeRunner: parse, transform the ast, compile, run', py(`
import ast
from pyodide.code import CodeRunner
runner = CodeRunner("x = 5\\nx * 2")
result = [isinstance(runner.ast, ast.Module), len(runner.ast.body)]
try:
    runner.run({})
except RuntimeError as e:
    result.append(["RuntimeError", str(e)])
runner.ast.body[0].value = ast.Constant(6)
result += [runner.compile() is runner, runner.code is not None, runner.run({}), CodeRunner("1;2", mode="single").compile().run({})]
try:
    CodeRunner("x = 1\\nx", mode="single")
except SyntaxError as e:
    result.append(["SyntaxError", e.msg])
`));

same('CodeRunner.run_async', py(`
import ast
from pyodide.code import CodeRunner
runner = CodeRunner("import asyncio\\nawait asyncio.sleep(0)\\n3", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT).compile()
result = [await runner.run_async({}), await CodeRunner("x = 1", return_mode="last_expr_or_assign").compile().run_async({})]
`));

same('should_quiet', py(`
from pyodide.code import should_quiet
result = [[s, should_quiet(s)] for s in ["1;", "1", "1 # ;", "1;  # c", "'a;'", "x = 1; ", "1;\\n\\n", "1;\\n# c\\n", "", "a;b"]]
`));

same('relaxed_call drops the arguments the function does not take', py(`
from pyodide.code import relaxed_call, relaxed_wrap
def f(a, b=2):
    return [a, b]
def g(a, /, *, k=0):
    return [a, k]
result = [relaxed_call(f, 1), relaxed_call(f, 1, 3, 4, 5), relaxed_call(f, 1, b=5, c=6),
          relaxed_call(lambda *a, **k: [a, k], 1, x=2), relaxed_call(g, 1, 2, a=3, k=4), relaxed_wrap(f)(7, 8, 9, z=1)]
try:
    relaxed_call(f)
except TypeError as e:
    result.append(["TypeError", str(e)])
`));

same('run_js evaluates JavaScript in the global scope', py(`
from pyodide.code import run_js
from pyodide.ffi import JsException
result = [run_js("1 + 2"), run_js("'abc'"), run_js("[1, 2]").to_py(), run_js("var isthmusRunJsVar = 5; isthmusRunJsVar"),
          run_js("globalThis.isthmusRunJsVar")]
try:
    run_js("throw new Error('boom')")
except JsException as e:
    result.append(str(e))
`));

same('find_imports: the modules and their packages', py(`
from pyodide.code import find_imports
result = [find_imports("import numpy as np\\nfrom scipy.linalg import eig\\nfrom . import x\\nimport a.b.c"), find_imports("x = ("),
          find_imports("  import os")]
`));

differs('find_imports of a relative import', 'Pyodide lists the module of `from .a import b` as "a", a top-level module',
  py(`
from pyodide.code import find_imports
result = find_imports("from .a import b\\nimport x.y as z")
`),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, ['x', 'x.y']);
    assert.deepEqual(pyodide.value, ['a', 'x', 'x.y']);
  });

// ---- pyodide.webloop ----------------------------------------------------------

same('webloop: the names, and the futures and tasks of the loop', py(`
import asyncio
import warnings
import pyodide.webloop as w
loop = asyncio.get_event_loop()
async def co():
    return 1
task = asyncio.ensure_future(co())
result = [sorted(w.__all__), isinstance(loop, w.WebLoop), type(loop.create_future()) is w.PyodideFuture,
          isinstance(task, w.PyodideTask), isinstance(task, w.PyodideFuture), issubclass(w.PyodideTask, asyncio.Task),
          await task]
with warnings.catch_warnings():  # deprecated in 3.14
    warnings.simplefilter("ignore")
    result.append(isinstance(asyncio.get_event_loop_policy(), w.WebLoopPolicy))
`));

same('PyodideFuture.then / catch / finally_', py(`
import asyncio
from pyodide.webloop import PyodideFuture
log = []
def resolved(v):
    f = PyodideFuture()
    f.set_result(v)
    return f
def rejected(e):
    f = PyodideFuture()
    f.set_exception(e)
    return f
async def plus_ten(v):
    return v + 10
async def nested(v):
    return plus_ten(v)
async def outcome(f):
    try:
        return ["ok", await f]
    except BaseException as e:
        return ["raised", type(e).__name__, str(e)]
calls = []
async def async_finally():
    calls.append("async")
def raising(v):
    raise TypeError("in callback")
def raising_finally():
    raise RuntimeError("in finally")
cancelled = PyodideFuture()
cancelled.cancel()
result = [
    await outcome(resolved(5).then(lambda v: v * 2)),
    await outcome(rejected(ValueError("bad")).catch(repr)),
    await outcome(rejected(ValueError("bad")).then(lambda v: v)),
    await outcome(resolved(1).then(plus_ten)),
    await outcome(resolved(1).then(nested)),
    await outcome(resolved(1).then(raising)),
    await outcome(resolved(1).then(None)),
    await outcome(resolved(1).then(None, lambda e: 0)),
    await outcome(resolved(3).finally_(lambda: calls.append(1))),
    await outcome(rejected(KeyError("k")).finally_(lambda: calls.append(2))),
    await outcome(resolved(3).finally_(raising_finally)),
    await outcome(resolved(4).finally_(async_finally)),
    await outcome(cancelled.then(lambda v: v)),
    await outcome(cancelled.catch(lambda e: "caught")),
    await outcome(cancelled.finally_(lambda: calls.append("cancelled"))),
    await outcome(asyncio.ensure_future(plus_ten(1)).then(lambda v: v + 1)),
    type(resolved(0).then(lambda v: v)).__name__,
    calls,
]
`));

// ---- pyodide.ffi.wrappers --------------------------------------------------------

same('wrappers: set_timeout fires once, clear_timeout cancels, set_interval until clear_interval', py(`
import asyncio
from pyodide.ffi.wrappers import set_timeout, clear_timeout, set_interval, clear_interval
hits = []
set_timeout(lambda: hits.append("t1"), 5)
cleared = set_timeout(lambda: hits.append("t2"), 5)
clear_timeout(cleared)
ticks = 0
def tick():
    global ticks
    ticks += 1
    hits.append("i")
    if ticks == 3:
        clear_interval(interval)
interval = set_interval(tick, 1)
await asyncio.sleep(0.1)
clear_timeout(cleared)
clear_timeout(12345)
result = [sorted(hits), ticks]
`));

same('wrappers: add_event_listener / remove_event_listener', py(`
import js
from pyodide.ffi.wrappers import add_event_listener, remove_event_listener
target = js.EventTarget.new()
got = []
def handler(event):
    got.append(event.type)
add_event_listener(target, "ping", handler)
target.dispatchEvent(js.Event.new("ping"))
remove_event_listener(target, "ping", handler)
target.dispatchEvent(js.Event.new("ping"))
result = [got]
try:
    remove_event_listener(target, "ping", handler)
except KeyError:
    result.append("KeyError")
`));

// ---- pyodide.http ------------------------------------------------------------------

same('http: BodyUsedError after the body was read', py(`
from pyodide.http import pyfetch, BodyUsedError
response = await pyfetch("data:text/plain,hello")
result = [await response.string(), issubclass(BodyUsedError, OSError)]
for attempt in (response.string, response.bytes, response.clone):
    try:
        r = attempt()
        if hasattr(r, "__await__"):
            await r
    except BodyUsedError as e:
        result.append(["BodyUsedError", str(e)])
`));

same('http: pyfetch takes fetcher=, abort() makes the next body read an AbortError, a failed fetch is an AbortError', py(`
from pyodide.http import pyfetch, AbortError
import js
calls = []
def fetcher(request, options):
    calls.append(str(request.url))
    return js.fetch(request, options)
r = await pyfetch("data:text/plain,hi", fetcher=fetcher)
result = [calls, await r.text()]
r2 = await pyfetch("data:text/plain,bye")
r2.abort("why")
try:
    await r2.text()
except AbortError as e:
    result.append(["AbortError", str(e)])
try:
    await pyfetch("http://127.0.0.1:1/")
except AbortError as e:
    result.append(["AbortError", isinstance(e, OSError)])
`));

same('Console.push of an empty, blank or comment-only line is complete and gives None (Enter at the prompt)', async (py) => plain(await py.runPythonAsync(`
from pyodide.console import Console
c = Console()
out = []
for line in ["", "# hi", "   ", "x = 1", "", "if x:", "    y = 2", "", "y", "  # c", "\\t"]:
    f = c.push(line)
    out.append((line, f.syntax_check, await f))
out`)));

same('CodeRunner: nodes added to its ast without line numbers compile; compile() twice is a RuntimeError', (py) => py.runPython(`
from pyodide.code import CodeRunner
import ast
r = CodeRunner("x = 1\\nx + 1")
r.ast.body[-1] = ast.Expr(ast.BinOp(ast.Constant(5), ast.Add(), ast.Constant(1)))
out = [r.compile().run()]
try:
    r.compile()
except RuntimeError as e:
    out.append(str(e))
out`).toJs());

same('a JS call that returns a Promise (or any thenable) gives a PyodideFuture; a Promise read as a property or made with new stays a JsProxy', async (py) => (await py.runPythonAsync(`
from pyodide.code import run_js
import js, asyncio
o = run_js("({p: Promise.resolve(3), f() { return Promise.resolve(4) }, t() { return {then(r) { r(5) }} }})")
a = js.Promise.resolve(1)
b = o.f()
c = o.p
d = js.Promise.new(lambda res, rej: res(2))
e = o.t()
f = run_js("Promise.resolve(6)")
g = js.eval("Promise.reject(new Error('bad'))")
out = [type(x).__name__ for x in (a, b, c, d, e, f, g)]
out += [await a, await b, await c, await d, await e, await f]
try:
    await g
except Exception as ex:
    out.append(type(ex).__name__)
out + [a.done(), isinstance(a, asyncio.Future), b.result()]`)).toJs());

same('chaining a JS Promise (then, catch, finally_) gives a JS Promise (a JsProxy), whose rejection value reaches catch as it is', async (py) => (await py.runPythonAsync(`
from pyodide.code import run_js
errs = []
o = run_js("({q: Promise.resolve(1), p: (() => { const p = Promise.reject(10); p.catch(() => {}); return p })()})")
q = o.q
chain = [type(x).__name__ for x in (q, q.then(lambda v: v), q.catch(lambda e: e), q.finally_(lambda: None))]
await o.p.finally_(lambda: None).catch(lambda e: errs.append(e))
chain + errs`)).toJs());

same('PyodideFuture.then with callbacks that return plain JS objects and awaitables', (py) => py.runPythonAsync(`
from pyodide.code import run_js
p = run_js("() => Promise.resolve({info: {name: 'pytest'}})")()
async def passthrough(x):
    return x
def name_of(x):
    return x.info.name
first = await p.then(passthrough).then(name_of)
second = await p.then(lambda x: run_js("(o) => ({ wrapped: o.info.name })")(x)).then(lambda o: o.wrapped)
[first, second]`).then((r) => plain(r)));

same('a pickled JsException refers to pyodide.ffi.JsException and comes back with name and message', (py) => plain(py.runPython(`
import pickle
from pyodide.code import run_js
from pyodide.ffi import JsException
try:
    run_js("throw new TypeError('hi')")
except JsException as e:
    err = e
data = pickle.dumps(err)
back = pickle.loads(data)
[type(back) is JsException, str(back), back.name, back.message, b"pyodide.ffi" in data]`)));

same('an exception that escapes runPython is sys.last_exc / last_value / last_type, also one caught after crossing JS', (py) => {
  try {
    py.runPython('x = ValueError(77); raise x');
  } catch { /* the PythonError */ }
  globalThis.isthmusRaiseInPython = () => py.runPython("err = Exception('hi')\nraise err");
  try {
    return plain(py.runPython(`
import sys
r = [sys.last_exc is x, sys.last_value is x, sys.last_type is ValueError]
from js import isthmusRaiseInPython
try:
    isthmusRaiseInPython()
except Exception as e:
    r += [e is err, e is sys.last_exc, e is sys.last_value]
r`));
  } finally {
    delete globalThis.isthmusRaiseInPython;
  }
});
