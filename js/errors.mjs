// Errors crossing the boundary, the JS half (the C++ half is
// typeconv/errors.cpp). A JS exception never unwinds through wasm: the body
// of every import in js/abi.lib.js catches it and parks it here (`park`),
// returning RESULT.THREW; C++ then takes it (isthmus_js_take_error) and asks
// OP.ERROR_KIND which Python exception it becomes. Python exceptions come
// the other way as PythonError, which keeps the exception for a round trip.
import { ERROR_KIND } from './wire.mjs';
import { isError } from './realm.mjs';

/** A Python exception seen from JS. `message` is the formatted traceback. */
export class PythonError extends Error {
  /**
   * @param {string} message formatted Python traceback
   * @param {string} type the exception class name, e.g. "ZeroDivisionError"
   */
  constructor(message, type) {
    super(message);
    this.type = type;
  }
}
Object.defineProperty(PythonError.prototype, 'name', { value: 'PythonError' });

/** A KeyError/IndexError/AttributeError-shaped failure: C++ raises that Python exception. */
export class LookupFailure extends Error {
  /** @param {'key'|'index'|'attribute'} kind @param {unknown} key */
  constructor(kind, key) {
    super(String(key));
    this.kind = kind;
    this.key = key;
    /** @type {number|undefined} the PyObject* of a Python key (see keepLookupKey) */
    this.keyPtr = undefined;
  }
}

/** A JS iterator done with a value: StopIteration(value), as a generator's `return value`. */
export class IteratorReturned extends Error {
  /** @param {unknown} value */
  constructor(value) {
    super('iterator returned');
    this.value = value;
  }
}

/** A failure C++ raises as the Python exception `pyType` (not JsException). */
export class PyError extends Error {
  /** @param {'TypeError'|'ValueError'|'OverflowError'} pyType @param {string} message */
  constructor(pyType, message) {
    super(message);
    this.pyType = pyType;
  }
}

/** PyError for TypeError. */
export class PyTypeError extends PyError {
  /** @param {string} message */
  constructor(message) { super('TypeError', message); }
}

const LOOKUP_KINDS = { key: ERROR_KIND.KEY_ERROR, index: ERROR_KIND.INDEX_ERROR, attribute: ERROR_KIND.ATTRIBUTE_ERROR };
const PY_ERROR_KINDS = { TypeError: ERROR_KIND.TYPE_ERROR, ValueError: ERROR_KIND.VALUE_ERROR, OverflowError: ERROR_KIND.OVERFLOW_ERROR };

/**
 * String(o) that never throws (objects with a null prototype, throwing toString).
 * @param {unknown} o @returns {string}
 */
export function safeString(o) {
  try {
    return String(o);
  } catch {
    try {
      return Object.prototype.toString.call(o);
    } catch {
      return '[object]';
    }
  }
}

/**
 * A thrown value as the Error Python sees (a JsException with a name and a
 * message), as Pyodide makes it: a string is the message; another value
 * without a string `message` and `stack` is described in the message.
 * @param {unknown} e @returns {unknown}
 */
function asError(e) {
  if (typeof e === 'string') return new Error(e);
  try {
    if (e !== null && typeof e === 'object' && typeof (/** @type {any} */ (e).stack) === 'string'
        && typeof (/** @type {any} */ (e).message) === 'string') {
      return e;
    }
  } catch {
    // A revoked Proxy or a throwing getter: described below.
  }
  let text = `A value of type ${typeof e} with tag ${safeTag(e)} was thrown as an error!`;
  try {
    text += `\nString interpolation of the thrown value gives """${e}""".`;
  } catch {
    text += '\nString interpolation of the thrown value fails.';
  }
  try {
    text += `\nThe thrown value's toString method returns """${/** @type {any} */ (e).toString()}""".`;
  } catch {
    text += "\nThe thrown value's toString method fails.";
  }
  return new Error(text);
}

/** @param {unknown} e @returns {string} */
function safeTag(e) {
  try {
    return Object.prototype.toString.call(e);
  } catch {
    return '[object Unknown]';
  }
}

/** One runtime's errors in transit (the codec is js/slot_codec.mjs's). */
export class ErrorCrossing {
  /** @param {import('./slot_codec.mjs').SlotCodec} codec */
  constructor(codec) {
    this.codec = codec;
    this.pending = undefined;
    this.isPending = false;
    /** Python exceptions held by PythonError objects, released when GC'd. */
    this.registry = null;
  }

  /**
   * Once the wasm instance exists.
   * @param {any} Module
   */
  attach(Module) {
    this.registry = new FinalizationRegistry((ptr) => Module._isthmus_py_decref(ptr));
  }

  /**
   * Park `e` (anything thrown) for C++.
   * @param {unknown} e @returns {number} RESULT.THREW
   */
  park(e) {
    return this.parkAsIs(asError(e));
  }

  /**
   * Park `e` as it is (a value Python gave for its JsException).
   * @param {unknown} e @returns {number} RESULT.THREW
   */
  parkAsIs(e) {
    this.pending = e;
    this.isPending = true;
    return -1;
  }

  /**
   * The parked error. An Error (never a bare undefined) if C++ asks when nothing failed.
   * @returns {unknown}
   */
  take() {
    if (!this.isPending) return new Error('isthmus: internal error: a JS operation reported a failure without an error');
    const e = this.pending;
    this.pending = undefined;
    this.isPending = false;
    return e;
  }

  /**
   * The text of a thrown value, for JsException: String(e), as Pyodide (an
   * Error's own toString() included). Never throws: it runs inside C++
   * (isthmus_js_error_text), and a toString or a Proxy trap may throw.
   * @param {unknown} e @returns {string}
   */
  text(e) {
    return safeString(e);
  }

  /**
   * A PythonError that keeps the Python exception for a round trip.
   * @param {string} message @param {string} type @param {number} excPtr a new reference, or 0
   * @returns {PythonError}
   */
  pythonError(message, type, excPtr) {
    const err = new PythonError(message, type);
    if (excPtr) {
      Object.defineProperty(err, '__pyexc', { value: excPtr });
      this.registry.register(err, excPtr);
    }
    return err;
  }

  /**
   * OP.ERROR_KIND: which Python exception a parked error becomes, with what
   * it needs written into the slot at `out` (the key, name or message; for
   * a PythonError its PyObject* in `num`).
   * @param {unknown} e @param {number} out slot address @returns {number} an ERROR_KIND
   */
  kindOf(e, out) {
    const b = this.codec;
    // (`instanceof` throws for a revoked Proxy: that is a JsException like any other value.)
    if (!isError(e)) return ERROR_KIND.JS_EXCEPTION;
    if (e instanceof LookupFailure) {
      if (e.keyPtr) b.writePyObject(out, e.keyPtr);
      else b.encode(e.key, out);
      return LOOKUP_KINDS[e.kind];
    }
    if (e instanceof IteratorReturned) {
      b.encode(e.value, out);
      return ERROR_KIND.STOP_ITERATION;
    }
    if (e instanceof PyError) {
      b.encode(e.message, out);
      return PY_ERROR_KINDS[e.pyType];
    }
    if (e instanceof PythonError && e.__pyexc) {
      b.writeNumber(out, e.__pyexc);
      return ERROR_KIND.PYTHON_ERROR;
    }
    return ERROR_KIND.JS_EXCEPTION;
  }

  /**
   * A LookupFailure whose key is a borrowed PyProxy (a Python key): keep its
   * object, since the proxy is destroyed when the operation ends and C++
   * reads the key after that (the caller still holds the object).
   * @param {unknown} e
   */
  keepLookupKey(e) {
    const proxies = this.codec.proxies;
    if (isError(e) && e instanceof LookupFailure && proxies.isProxy(e.key)) {
      try { e.keyPtr = proxies.ptrOf(e.key); } catch { /* already destroyed */ }
    }
  }
}

/**
 * os._exit(n): Emscripten throws its ExitStatus, which is no Error (its
 * String() is "[object Object]"). Made Pyodide's Exit error ("Exit: Program
 * terminated with exit(n)", `.status` n), still an ExitStatus for
 * Emscripten's own checks. The runtime stays usable afterwards.
 * @param {any} exitStatus @param {number} status
 */
export function asExitError(exitStatus, status) {
  // (Emscripten's quit also rethrows other errors, which stay as they are.)
  if (exitStatus?.name !== 'ExitStatus') return exitStatus;
  const proto = Object.getPrototypeOf(exitStatus);
  if (!(exitStatus instanceof Error) && proto !== Object.prototype) Object.setPrototypeOf(proto, Error.prototype);
  exitStatus.name = 'Exit';
  exitStatus.status = status;
  exitStatus.message = `Program terminated with exit(${status})`;
  Error.captureStackTrace?.(exitStatus, asExitError);
  return exitStatus;
}
