// setStdout, setStderr and setStdin beside Pyodide's.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { same, differs, restoreStdio, runtimes } from './harness.mjs';

after(() => {
  for (const py of Object.values(runtimes)) restoreStdio(py);
});

/** Run `code` with stdout set by `options(log)`; what the handler saw and the result. */
function withStdout(makeOptions, code, stream = 'Stdout') {
  return (py) => {
    const log = [];
    py[`set${stream}`](makeOptions(log));
    try {
      const value = py.runPython(code);
      return { value: value?.toJs ? value.toJs() : value, log };
    } finally {
      restoreStdio(py);
    }
  };
}

/** Run `code` with stdin set from `options()`. */
function withStdin(makeOptions, code) {
  return (py) => {
    py.setStdin(makeOptions());
    try {
      const value = py.runPython(code);
      return value?.toJs ? value.toJs() : value;
    } finally {
      restoreStdio(py);
    }
  };
}

/** console.error silenced (both runtimes report a callback that threw there). */
function quietly(fn) {
  return async (py) => {
    const saved = console.error;
    console.error = () => {};
    try {
      return await fn(py);
    } finally {
      console.error = saved;
    }
  };
}

const errorName = (fn) => (py) => {
  try {
    fn(py);
    return 'no error';
  } catch (e) {
    return e.constructor.name;
  } finally {
    restoreStdio(py);
  }
};

// ---- stdout and stderr -------------------------------------------------------

same('setStdout batched gets each line without its newline', withStdout(
  (log) => ({ batched: (s) => log.push(s) }), 'print("a"); print("b\\nc"); print("é ü")'));
same('setStdout batched keeps an unfinished line until its newline', withStdout(
  (log) => ({ batched: (s) => log.push(s) }), 'print("a", end=""); print("b", end=""); print("c")'));
same('setStdout raw gets each byte of the UTF-8', withStdout(
  (log) => ({ raw: (c) => log.push(c) }), 'print("é!")'));
differs('setStdout write gets the bytes and may take part of them',
  'Isthmus\'s stdout is unbuffered, each write() of Python reaches the handler at once (print("x", end="") and \\r progress lines show without a newline); Pyodide\'s is line-buffered, so the handler gets a line per call',
  withStdout((log) => ({ write: (b) => { log.push(Array.from(b)); return Math.min(b.length, 2); } }),
    'import sys; print("hello"); sys.stdout.flush()'),
  (isthmus, pyodide) => {
    // Both hand over every byte, in order, a part at a time (the handler takes 2 a call).
    const taken = (log) => log.flatMap((b) => b.slice(0, 2));
    assert.deepEqual(taken(isthmus.value.log), taken(pyodide.value.log));
    assert.deepEqual(pyodide.value.log, [[104, 101, 108, 108, 111, 10], [108, 108, 111, 10], [111, 10]]);
    assert.deepEqual(isthmus.value.log, [[104, 101, 108, 108, 111], [108, 108, 111], [111], [10]]);
  });
same('setStdout isatty makes os.isatty(1) true', withStdout(
  (log) => ({ raw: (c) => log.push(c), isatty: true }), 'import os, sys; [os.isatty(1), sys.stdout.isatty()]'));
same('setStdout isatty with batched is a TypeError', errorName((py) => py.setStdout({ batched: () => {}, isatty: true })));
same('setStdout without isatty: not a terminal', withStdout(
  (log) => ({ batched: (s) => log.push(s) }), 'import os; os.isatty(1)'));
same('setStderr batched gets tracebacks and warnings', withStdout(
  (log) => ({ batched: (s) => log.push(s) }), 'import sys; print("to err", file=sys.stderr); 1', 'Stderr'));
same('setStderr raw isatty', withStdout(
  (log) => ({ raw: (c) => log.push(c), isatty: true }), 'import os, sys; print("x", file=sys.stderr); os.isatty(2)', 'Stderr'));
same('setStdout with two handlers is a TypeError', errorName((py) => py.setStdout({ batched: () => {}, raw: () => {} })));
same('setStdout with a handler that is not a function is a TypeError', errorName((py) => py.setStdout({ batched: 3 })));
same('setStdout with unknown keys only: accepted', errorName((py) => py.setStdout({ colour: 'red' })));

// ---- stdin -------------------------------------------------------------------

same('setStdin stdin feeds input(), a newline added to each string', withStdin(
  () => { const lines = ['one', 'two\nthree', '']; return { stdin: () => lines.shift() }; },
  '[input(), input(), input(), input()]'));
same('stdin returning null or undefined is the end of input: EOFError', withStdin(
  () => ({ stdin: () => null }), 'try:\n    input()\nexcept EOFError:\n    r = "EOF"\nr'));
same('after the end of input, the next read asks again', withStdin(
  () => { const lines = ['a', 'b', null, 'c', null]; return { stdin: () => lines.shift() }; },
  'import sys; [sys.stdin.read(), sys.stdin.read()]'));
same('readline after the last line gives ""', withStdin(
  () => { const lines = ['a', 'b']; return { stdin: () => lines.shift() }; },
  'import sys; [sys.stdin.readline(), sys.stdin.readline(), sys.stdin.readline()]'));
same('stdin returning bytes: a Uint8Array', withStdin(
  () => ({ stdin: () => new Uint8Array([104, 105, 10]) }), 'input()'));
same('stdin returning bytes: an ArrayBuffer, then the end (autoEOF)', withStdin(
  () => { const chunks = [new Uint8Array([1, 2]).buffer, 'more']; return { stdin: () => chunks.shift() }; },
  'import sys; list(sys.stdin.buffer.read())'));
same('setStdin read fills the buffer and returns the count', withStdin(
  () => { let n = 0; return { read: (buf) => { if (n++ > 1) return 0; buf.set([120, 10]); return 2; } }; },
  'import sys; sys.stdin.read()'));
same('setStdin error: reading raises OSError EIO', withStdin(
  () => ({ error: true }), 'try:\n    input()\nexcept OSError as e:\n    r = e.errno\nr'));
same('setStdin isatty makes os.isatty(0) true', withStdin(
  () => ({ stdin: () => 'x', isatty: true }), 'import os, sys; [os.isatty(0), sys.stdin.isatty()]'));
same('a stdin callback that throws is an OSError', quietly(withStdin(
  () => ({ stdin: () => { throw new Error('no input'); } }),
  'try:\n    input()\nexcept OSError as e:\n    r = e.errno\nr')));
same('setStdin with two sources is a TypeError', errorName((py) => py.setStdin({ stdin: () => 'x', read: () => 0 })));
same('setStdin with error and stdin is a TypeError', errorName((py) => py.setStdin({ error: true, stdin: () => 'x' })));

// Last: after it, Pyodide still holds the line the handler refused and hands
// it to the next handler, which would show in the next case's output.
same('a handler that throws is an OSError in Python, and the runtime goes on', quietly(withStdout(
  () => ({ batched: () => { throw new Error('boom'); } }),
  'import sys\ntry:\n    print("x"); sys.stdout.flush()\nexcept OSError as e:\n    r = e.errno\nr')));
