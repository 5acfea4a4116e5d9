// setStdout, setStderr and setStdin beside Pyodide's.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { same, differs, both, restoreStdio, runtimes } from './harness.mjs';

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

same('handlers are called as methods of the options object (a class instance works)', (py) => {
  class Writer {
    constructor() { this.chunks = []; }
    write(bytes) { this.chunks.push(new TextDecoder().decode(bytes)); return bytes.length; }
  }
  const writer = new Writer();
  const lines = [];
  try {
    py.setStdout(writer);
    py.runPython('print("hi\\nthere!!")\nprint("This\\nis a message\\n")');
    py.setStdout({ lines, batched(line) { this.lines.push(line); } });
    py.runPython('print("batched")');
    py.setStdin({ i: 0, stdin() { this.i += 1; return this.i < 3 ? `line${this.i}` : null; } });
    const fromStdin = py.runPython('[input(), input()]').toJs();
    py.setStdin({ data: [120, 10], read(buffer) { const n = this.data.length; buffer.set(this.data); this.data = []; return n; } });
    const fromRead = py.runPython('input()');
    return [writer.chunks, lines, fromStdin, fromRead];
  } finally {
    restoreStdio(py);
  }
});

same('a write or read handler that returns no number fails the write or read with EIO', (py) => {
  const saved = console.warn;
  const warned = [];
  console.warn = (line) => warned.push(String(line));
  try {
    py.setStdout({ write() {} });
    // (os.write: print() would leave "x" in Pyodide's line buffer, for the next handler)
    const write = py.runPython('import os\ntry:\n    os.write(1, b"x")\n    r = "no error"\nexcept OSError as e:\n    r = str(e)\nr');
    restoreStdio(py);
    py.setStdin({ read() {} });
    const read = py.runPython('try:\n    input()\n    r = "no error"\nexcept OSError as e:\n    r = str(e)\nr');
    return [write, read, warned.filter((w) => /correct implementation/.test(w))];
  } finally {
    console.warn = saved;
    restoreStdio(py);
  }
});

same('autoEOF: an end of input after each chunk of bytes; without it a read takes chunks until null', (py) => {
  try {
    return py.runPython(`
import sys
from pyodide.code import run_js
from pyodide_js import setStdin
out = []
for auto_eof in (True, False):
    for kind in ("buffer", "string"):
        stdin = run_js("""(kind) => {
            const enc = (s) => kind === "buffer" ? new TextEncoder().encode(s) : s;
            const sg = [enc("ab\\x00"), enc("cd"), null, enc("efg")][Symbol.iterator]();
            return () => sg.next().value;
        }""")(kind)
        setStdin(stdin=stdin, autoEOF=auto_eof)
        out.append([auto_eof, kind, [sys.stdin.read(n) for n in (5, 5, 2, 2, 2, 2)]])
        sys.stdin.read()
out`).toJs();
  } finally {
    restoreStdio(py);
  }
});

same('checkInterrupt() in a stdio handler raises KeyboardInterrupt at the read or write', (py) => {
  const ib = new Int32Array(1);
  py.setInterruptBuffer(ib);
  const out = [];
  try {
    for (const method of ['read', 'stdin', 'batched', 'raw', 'write']) {
      const options = { [method]() { ib[0] = 2; py.checkInterrupt(); } };
      if (method === 'read' || method === 'stdin') py.setStdin(options);
      else py.setStdout(options);
      out.push(py.runPython(`
try:
    ${method === 'read' || method === 'stdin' ? 'input()' : 'print()'}
    r = "no error"
except KeyboardInterrupt:
    r = "KeyboardInterrupt"
r`));
      restoreStdio(py);
    }
    out.push(py.runPython('1 + 1'));
    return out;
  } finally {
    py.setInterruptBuffer(undefined);
    restoreStdio(py);
  }
});

test('a stdin handler that throws {code: "EAGAIN"} is asked again (node; Pyodide also prints an empty line per retry)', async () => {
  const [isthmus, pyodide] = await both((py) => {
    try {
      py.setStdin({
        i: 0,
        stdin() {
          this.i += 1;
          if (this.i < 3) throw { code: 'EAGAIN' };
          this.i = 0;
          return 'abcdefg';
        },
      });
      return py.runPython('input()');
    } finally {
      restoreStdio(py);
    }
  });
  assert.deepEqual(isthmus.value, pyodide.value);
  assert.equal(isthmus.value, 'abcdefg');
});

// Last: after it, Pyodide still holds the line the handler refused and hands
// it to the next handler, which would show in the next case's output.
same('a handler that throws is an OSError in Python, and the runtime goes on', quietly(withStdout(
  () => ({ batched: () => { throw new Error('boom'); } }),
  'import sys\ntry:\n    print("x"); sys.stdout.flush()\nexcept OSError as e:\n    r = e.errno\nr')));
