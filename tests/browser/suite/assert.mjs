// The part of node:assert/strict the JS suites use, for running them in a
// browser page (suite.html maps `node:assert/strict` here). Same semantics
// as Node's strict mode for what the suites do: Object.is equality, deep
// strict equality with prototypes, Maps and Sets, and error validation by
// class, RegExp (against String(error)) or an object of expected properties.

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (v) => {
  try {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'string' || Array.isArray(v) || Object.getPrototypeOf(v ?? 0) === Object.prototype) {
      return JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? `${x}n` : x));
    }
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
};
const fail = (message, fallback) => {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
};

function deepEqualValues(a, b, seen = new Map()) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp) return String(a) === String(b);
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqualValues(v, b.get(k), seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    outer: for (const v of a) {
      if (b.has(v)) continue;
      for (const w of b) if (deepEqualValues(v, w, seen)) continue outer;
      return false;
    }
    return true;
  }
  if (ArrayBuffer.isView(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqualValues(a[k], b[k], seen)) return false;
  }
  return true;
}

/** Does error satisfy expected (undefined, a class, a RegExp, a function or an object)? */
function validate(error, expected, message) {
  if (expected === undefined) return;
  if (expected instanceof RegExp) {
    if (!expected.test(String(error))) fail(message, `The error ${show(error)} does not match ${expected}`);
  } else if (typeof expected === 'function') {
    if (expected.prototype !== undefined && error instanceof expected) return;
    if (Object.prototype.isPrototypeOf.call(Error, expected) || expected === Error) {
      fail(message, `The error is expected to be an instance of ${expected.name}: got ${show(error)}`);
    }
    if (expected.call({}, error) !== true) fail(message, `The validation function rejected ${show(error)}`);
  } else if (typeof expected === 'object' && expected !== null) {
    for (const [k, v] of Object.entries(expected)) {
      const got = error?.[k];
      const ok = v instanceof RegExp && typeof got === 'string' ? v.test(got) : deepEqualValues(got, v);
      if (!ok) fail(message, `error.${k} is ${show(got)}, expected ${show(v)}`);
    }
  }
}

const assert = (value, message) => assert.ok(value, message);
Object.assign(assert, {
  AssertionError,
  ok(value, message) {
    if (!value) fail(message, `Expected a truthy value, got ${show(value)}`);
  },
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) fail(message, `Expected ${show(expected)}, got ${show(actual)}`);
  },
  notEqual(actual, expected, message) {
    if (Object.is(actual, expected)) fail(message, `Expected a value other than ${show(expected)}`);
  },
  deepEqual(actual, expected, message) {
    if (!deepEqualValues(actual, expected)) {
      fail(message, `Expected values to be deeply equal:\n${show(actual)}\n!==\n${show(expected)}`);
    }
  },
  match(string, regexp, message) {
    if (typeof string !== 'string' || !regexp.test(string)) fail(message, `${show(string)} does not match ${regexp}`);
  },
  doesNotMatch(string, regexp, message) {
    if (typeof string !== 'string' || regexp.test(string)) fail(message, `${show(string)} matches ${regexp}`);
  },
  fail(message) {
    fail(message, 'Failed');
  },
  throws(fn, expected, message) {
    if (typeof expected === 'string') [expected, message] = [undefined, expected];
    try {
      fn();
    } catch (e) {
      validate(e, expected, message);
      return;
    }
    fail(message, 'Missing expected exception');
  },
  async rejects(promiseOrFn, expected, message) {
    if (typeof expected === 'string') [expected, message] = [undefined, expected];
    try {
      await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
    } catch (e) {
      validate(e, expected, message);
      return;
    }
    fail(message, 'Missing expected rejection');
  },
});
assert.strict = assert;
export default assert;
