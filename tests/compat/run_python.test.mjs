// runPython / runPythonAsync and the runtime object, beside Pyodide.
import assert from 'node:assert/strict';
import { same, differs, plain } from './harness.mjs';

// ---- dedent ---------------------------------------------------------------

same('runPython dedents its code (an indented template literal)', (py) => py.runPython(`
    x = 1
    x + 1`));

same('runPython dedents a block with nested indentation and a blank line', (py) => py.runPython(`
    def f(n):
        total = 0
        for i in range(n):

            total += i
        return total
    f(5)
`));

same('runPythonAsync dedents too, with top-level await', (py) => py.runPythonAsync(`
    import asyncio
    await asyncio.sleep(0)
    print("awaited")
    6 * 7
`));

same('dedent: false keeps the indentation (IndentationError)', (py) => py.runPython('\n    1 + 1', { dedent: false }));

same('dedent normalizes whitespace-only lines inside a string literal, as textwrap.dedent', (py) =>
  py.runPython('  s = """a\n   \n  b"""\n  s'));

same('a trailing semicolon still hides the value after dedenting', (py) => py.runPython(`
    y = 3
    y * 2;`));

// ---- options ---------------------------------------------------------------

same('runPython with globals and locals', (py) => {
  const globals = py.toPy({ x: 3 });
  const locals = py.toPy({ y: 4 });
  try {
    const r = py.runPython('z = x + y\nz * 10', { globals, locals });
    return [r, plain(locals.get('z')), globals.has('z')];
  } finally {
    globals.destroy();
    locals.destroy();
  }
});

/** The traceback lines that name the file, and the source lines under them. */
function fileFrames(message, file) {
  const lines = message.split('\n');
  const frames = [];
  lines.forEach((line, i) => {
    if (line.includes(`File "${file}"`)) frames.push(line.trim(), (lines[i + 1] ?? '').trim());
  });
  return frames;
}

same('a traceback names the file given as filename, with its source lines', (py) => {
  try {
    py.runPython('def f():\n    return 1 / 0\nx = 1\nf()', { filename: 'a.py' });
  } catch (e) {
    return [e.type, fileFrames(e.message, 'a.py'), e.message.trim().split('\n').pop()];
  }
  return 'no error';
});

differs('the whole traceback of an indented runPython with a filename',
  'CPython 3.11 against Pyodide 314\'s 3.14: Pyodide shows its own eval_code frames, a blank line after each frame\'s source line and a caret line under the raise; Isthmus prints 3.11\'s traceback of the code run, alone',
  (py) => {
    try {
      py.runPython(`
        def f1():
            f2()

        def f2():
            raise Exception("oops")

        f1()
      `, { filename: 'a.py' });
    } catch (e) {
      return e.message.trimEnd().split('\n');
    }
    return 'no error';
  },
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, ['Traceback (most recent call last):', '  File "a.py", line 8, in <module>', '    f1()',
      '  File "a.py", line 3, in f1', '    f2()', '  File "a.py", line 6, in f2', '    raise Exception("oops")', 'Exception: oops']);
    const [frame, source, carets, last] = pyodide.value.slice(-4);
    assert.deepEqual([frame, source, last], ['  File "a.py", line 6, in f2', '    raise Exception("oops")', 'Exception: oops']);
    assert.match(carets, /^ +\^+$/);
    assert.ok(pyodide.value.some((line) => line.includes('_pyodide/_base.py')));
  });

same('runPythonAsync takes a filename too', async (py) => {
  try {
    await py.runPythonAsync('import asyncio\nawait asyncio.sleep(0)\nraise ValueError("late")', { filename: 'b.py' });
  } catch (e) {
    return [e.type, fileFrames(e.message, 'b.py')];
  }
  return 'no error';
});

same('"<...>" file names get no source lines', (py) => {
  try {
    py.runPython('1 / 0', { filename: '<mine>' });
  } catch (e) {
    return [e.type, fileFrames(e.message, '<mine>')];
  }
  return 'no error';
});

same('a SyntaxError names the file', (py) => {
  try {
    py.runPython('x = (', { filename: 'c.py' });
  } catch (e) {
    return [e.type, /File "c.py", line 1/.test(e.message)];
  }
  return 'no error';
});

// ---- globals ---------------------------------------------------------------

same('globals.get falls back to the builtins', (py) => {
  const open = py.globals.get('open');
  try {
    return [String(open), py.globals.get('no_such_name'), py.globals.has('len'), py.globals.has('no_such_name')];
  } finally {
    open.destroy();
  }
});

same('globals.get prefers __main__ over the builtins; set() and runPython see the dict', (py) => {
  py.globals.set('len', 'shadowed');
  try {
    return [py.globals.get('len'), py.runPython('len'), py.runPython('x = 5\nx', { globals: py.globals })];
  } finally {
    py.globals.delete('len');
  }
});

same('globals passes as the dict itself to Python', (py) => py.runPython('lambda g: type(g).__name__')(py.globals));

// ---- integers --------------------------------------------------------------

differs('2**53 - 1 and -(2**53 - 1) reach JS as Numbers',
  'Isthmus sends every Number.isSafeInteger value as a Number; Pyodide sends these two as BigInts',
  (py) => py.runPython('(2**53 - 1, -(2**53 - 1), 2**53 - 2, 2**53)').toJs(),
  (isthmus, pyodide) => {
    assert.deepEqual(isthmus.value, [2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 - 2, 2n ** 53n]);
    assert.deepEqual(pyodide.value, [2n ** 53n - 1n, -(2n ** 53n - 1n), 2 ** 53 - 2, 2n ** 53n]);
  });

same('integers within 2**53 - 1 are Numbers, beyond it BigInts, both ways', (py) => [
  py.runPython('2**31'), py.runPython('-(2**40)'), py.runPython('2**64'),
  py.runPython('lambda x: (isinstance(x, int), x == 2**70, x)')(2n ** 70n).toJs(),
]);

same('runPython and runPythonAsync go through pyodide.code.eval_code / eval_code_async when a program replaces them', async (py) => {
  py.runPython(`
import pyodide.code
old_eval_code, old_eval_code_async = pyodide.code.eval_code, pyodide.code.eval_code_async
x = 3
def eval_code(code, globals=None, locals=None):
    return [globals["x"], old_eval_code(code, globals, locals)]
async def eval_code_async(code, globals=None, locals=None):
    return ["async", await old_eval_code_async(code, globals, locals)]
pyodide.code.eval_code = eval_code
pyodide.code.eval_code_async = eval_code_async`);
  try {
    return [plain(py.runPython('x = 99; 5')), plain(py.runPython('7')), plain(await py.runPythonAsync('8'))];
  } finally {
    py.runPython('pyodide.code.eval_code, pyodide.code.eval_code_async = old_eval_code, old_eval_code_async');
  }
});

same('a replacement of pyodide.code.eval_code made with functools.wraps is called too', (py) => {
  py.runPython(`
import functools, pyodide.code
original_eval_code = pyodide.code.eval_code
@functools.wraps(original_eval_code)
def eval_code(code, globals=None, locals=None, **kwargs):
    return ["wrapped", original_eval_code(code, globals, locals, **kwargs)]
pyodide.code.eval_code = eval_code`);
  try {
    return plain(py.runPython('6 * 7'));
  } finally {
    py.runPython('pyodide.code.eval_code = original_eval_code');
  }
});
