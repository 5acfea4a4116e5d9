// Differential cases: the same snippet runs on Isthmus and on the npm
// `pyodide` package (the reference) in one test, and the outcomes (value or
// thrown error, and what Python printed) are compared. A case where Isthmus
// differs on purpose says why and asserts each runtime's own outcome.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPyodide as loadIsthmus } from '../js/dist.mjs';

const { loadPyodide: loadReference } = await import('pyodide');

const printed = { isthmus: [], pyodide: [] };
/** @type {{ isthmus?: any, pyodide?: any }} */
export const runtimes = {};

const sink = (who) => (line) => printed[who].push(line);

before(async () => {
  runtimes.isthmus = await loadIsthmus({ stdout: sink('isthmus'), stderr: sink('isthmus') });
  runtimes.pyodide = await loadReference({ stdout: sink('pyodide'), stderr: sink('pyodide') });
});

/** Give a runtime's stdout, stderr and stdin back to the harness (after setStdout and co.). */
export function restoreStdio(py) {
  const who = py === runtimes.isthmus ? 'isthmus' : 'pyodide';
  py.setStdout({ batched: sink(who) });
  py.setStderr({ batched: sink(who) });
  py.setStdin({ stdin: () => null });
}

/**
 * What a thrown value says: its class, Python type (PythonError) and message.
 * A PythonError's message is a traceback whose frames differ between the
 * runtimes (their own modules, CPython 3.11 and 3.13): its last line is
 * compared, the line Python prints last ("ZeroDivisionError: division by zero").
 */
export function describeError(e) {
  if (!(e instanceof Error)) return { thrown: e };
  const message = String(e.message);
  if (e.constructor.name === 'PythonError') {
    return { name: 'PythonError', type: e.type, last: message.trim().split('\n').pop() };
  }
  return { name: e.constructor.name, message };
}

/**
 * Run fn(runtime) (sync or async) on one runtime: { value } or { error },
 * and the lines Python printed meanwhile.
 */
export async function outcome(who, fn) {
  printed[who].length = 0;
  let result;
  try {
    result = { value: await fn(runtimes[who], who) };
  } catch (e) {
    result = { error: describeError(e) };
  }
  return { ...result, printed: [...printed[who]] };
}

/** Both outcomes: [isthmus, pyodide]. */
export async function both(fn) {
  return [await outcome('isthmus', fn), await outcome('pyodide', fn)];
}

/** COMPAT_SHOW=text prints the outcome of the cases whose names contain text (to see what a case compares). */
function show(name, outcome) {
  const want = process.env.COMPAT_SHOW;
  if (want && name.includes(want)) console.log(name, JSON.stringify(outcome, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
}

/** A case whose outcome must be the same on both runtimes. */
export function same(name, fn) {
  test(name, async () => {
    const [isthmus, pyodide] = await both(fn);
    show(name, isthmus);
    assert.deepEqual(isthmus, pyodide);
  });
}

/**
 * A case where Isthmus differs on purpose: `why` is said in the test name,
 * `check(isthmus, pyodide)` asserts both outcomes.
 */
export function differs(name, why, fn, check) {
  test(`${name} (differs on purpose: ${why})`, async () => {
    const [isthmus, pyodide] = await both(fn);
    check(isthmus, pyodide);
  });
}

/** A PyProxy (or anything) as plain data: toJs() of a PyProxy, destroying it. */
export function plain(value) {
  if (value && typeof value.toJs === 'function' && typeof value.destroy === 'function') {
    try {
      return value.toJs();
    } finally {
      value.destroy();
    }
  }
  return value;
}

/** Python for a snippet: attempt(f) is f()'s repr, or "Type: message" of what it raised. */
export const PY_ATTEMPT = `
def attempt(f):
    try:
        return repr(f())
    except BaseException as e:
        return f"{type(e).__name__}: {e}"
`;
