// @ts-check
// Members of Pyodide's API that are bookkeeping around the core runtime: the
// canvas registry, registerComlink, setDebug, and the loadPyodide options
// that shape start-up (args, env, fsInit, stdLibURL, lockFileContents, ...).

import { mapLikeKind, NOT_MAP, MUTABLE_MAP } from './map_like.mjs';
import { isArrayBuffer, isDataView, isError, isJsArrayKind } from './realm.mjs';

/**
 * The loadPyodide options of this file, checked before anything is fetched:
 * a wrong type is a TypeError that says what was expected.
 * @param {Record<string, any>} options
 */
export function checkStartOptions(options) {
  const { args, env, fsInit, stdLibURL } = options;
  if (args !== undefined && !(Array.isArray(args) && args.every((a) => typeof a === 'string'))) {
    throw new TypeError('loadPyodide: args must be an array of strings (the python command line after "python")');
  }
  // (numbers and booleans become their text, as the process environment holds them)
  if (env !== undefined && (env === null || typeof env !== 'object'
      || !Object.values(env).every((v) => ['string', 'number', 'boolean', 'bigint'].includes(typeof v)))) {
    throw new TypeError('loadPyodide: env must be an object whose values are strings (or numbers)');
  }
  if (fsInit !== undefined && typeof fsInit !== 'function') {
    throw new TypeError('loadPyodide: fsInit must be a function (FS, { sitePackages }) => void | Promise<void>');
  }
  if (stdLibURL !== undefined && typeof stdLibURL !== 'string') {
    throw new TypeError('loadPyodide: stdLibURL must be the URL (or path) of the stdlib zip');
  }
  for (const flag of ['fullStdLib', 'checkAPIVersion', 'enableRunUntilComplete', 'convertNullToNone',
    'toJsLiteralMap', 'pyproxyToStringRepr', 'stdlibSources']) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      throw new TypeError(`loadPyodide: ${flag} must be a boolean`);
    }
  }
}

/**
 * The environment Python sees: Emscripten's defaults, then the `env` option;
 * as in Pyodide the working directory is HOME.
 * @param {any} M the Emscripten module (in preRun)
 * @param {Record<string, string> | undefined} env
 */
export function applyEnv(M, env) {
  // Pyodide's home, and the working directory: /home/pyodide unless env.HOME
  // names another (relative paths of a Pyodide program land where they did).
  const home = env?.HOME || '/home/pyodide';
  Object.assign(M.ENV, env, { HOME: home });
  M.FS.mkdirTree(home);
  M.FS.chdir(home);
}

/**
 * Pyodide's `canvas`: where SDL-based packages would find their canvas. The
 * runtime only keeps the elements (no SDL package is built for Isthmus).
 * @param {any} M the Emscripten module
 */
export function makeCanvas(M) {
  /** @param {string} what @param {object} canvas */
  const check = (what, canvas) => {
    if (canvas === null || typeof canvas !== 'object') throw new TypeError(`canvas.${what}: expected a canvas element`);
  };
  /** @type {object | undefined} */
  let canvas3D;
  return {
    /** @param {object} canvas */
    setCanvas2D(canvas) { check('setCanvas2D', canvas); M.canvas = canvas; },
    /** @returns {object | undefined} */
    getCanvas2D() { return M.canvas; },
    /** @param {object} canvas */
    setCanvas3D(canvas) { check('setCanvas3D', canvas); canvas3D = canvas; },
    /** @returns {object | undefined} */
    getCanvas3D() { return canvas3D; },
  };
}

/**
 * unpackArchive's format names as Pyodide accepts them (shutil's names and
 * their file suffixes), mapped to shutil's.
 * @param {unknown} format
 * @returns {string}
 */
export function archiveFormat(format) {
  if (typeof format !== 'string') throw new TypeError('unpackArchive: format must be a string such as "zip", "tar.gz" or "wheel"');
  const f = format.toLowerCase().replace(/^\./, '');
  const names = {
    zip: 'zip', whl: 'wheel', wheel: 'wheel', tar: 'tar',
    gztar: 'gztar', 'tar.gz': 'gztar', tgz: 'gztar',
    bztar: 'bztar', 'tar.bz2': 'bztar', tbz2: 'bztar', tbz: 'bztar',
    xztar: 'xztar', 'tar.xz': 'xztar', txz: 'xztar',
  };
  const name = /** @type {Record<string, string>} */ (names)[f];
  if (!name) throw new Error(`unpackArchive: unknown archive format '${format}' (zip, wheel, tar, tar.gz, tar.bz2, tar.xz)`);
  return name;
}

/**
 * The archive's bytes as a Uint8Array (a copy is not needed: Python copies).
 * @param {unknown} buffer
 * @returns {Uint8Array}
 */
export function archiveBytes(buffer) {
  if (isArrayBuffer(buffer)) return new Uint8Array(buffer);
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  throw new TypeError("Expected argument 'buffer' to be an ArrayBuffer or an ArrayBuffer view");  // (Pyodide's words)
}

/** The PyProxy subclasses of Pyodide's `ffi`, in the bit order of
 * python/_isthmus/api.py `proxy_flags`. */
const PROXY_TYPES = [
  'PyProxyWithLength', 'PyProxyWithGet', 'PyProxyWithSet', 'PyProxyWithHas', 'PyDict', 'PyIterable',
  'PyAsyncIterable', 'PyIterator', 'PyAsyncIterator', 'PyGenerator', 'PyAsyncGenerator', 'PyAwaitable',
  'PyCallable', 'PyBuffer', 'PySequence', 'PyMutableSequence',
];

/**
 * Pyodide's PyProxy subclasses for `instanceof` (`p instanceof
 * pyodide.ffi.PyCallable`): each asks Python what the proxied object's type
 * supports. A destroyed proxy is an instance of none of them.
 * @param {any} PyProxy the PyProxy class
 * @param {(proxy: any) => number} flagsOf python/_isthmus/api.py proxy_flags
 * @returns {Record<string, any>}
 */
export function pyProxyTypes(PyProxy, flagsOf) {
  /** @type {Record<string, any>} */
  const types = {};
  PROXY_TYPES.forEach((name, bit) => {
    const C = { [name]: class extends PyProxy {} }[name];
    Object.defineProperty(C, Symbol.hasInstance, {
      value: (/** @type {unknown} */ x) => {
        if (!(x instanceof PyProxy)) return false;
        try {
          return (flagsOf(x) & (1 << bit)) !== 0;
        } catch {
          return false;  // destroyed
        }
      },
    });
    types[name] = C;
  });
  return types;
}

/** A typed array (Uint8Array, Float64Array...), not a DataView: Pyodide's JsTypedArray. */
const isTypedArray = (/** @type {any} */ x) => ArrayBuffer.isView(x) && !isDataView(x);
/** An ArrayBuffer, SharedArrayBuffer or view of one: Pyodide's JsBuffer. */
const isBinary = (/** @type {any} */ x) => isArrayBuffer(x) || ArrayBuffer.isView(x)
  || (typeof SharedArrayBuffer === 'function' && x instanceof SharedArrayBuffer);

/** What python/_isthmus/js_types.py asks of a JS value, a bit each (same order there). */
const JS_TYPE_TESTS = [
  (/** @type {any} */ x) => Array.isArray(x),
  (/** @type {any} */ x) => mapLikeKind(x) !== NOT_MAP,
  (/** @type {any} */ x) => mapLikeKind(x) === MUTABLE_MAP,
  (/** @type {any} */ x) => typeof x.then === 'function',
  (/** @type {any} */ x) => typeof x === 'function',
  isTypedArray,
  isBinary,
  (/** @type {any} */ x) => typeof x[Symbol.iterator] === 'function',
  // An iterator: next(), unless it is an async one.
  (/** @type {any} */ x) => typeof x.next === 'function' && typeof x[Symbol.asyncIterator] !== 'function',
  (/** @type {any} */ x) => typeof x[Symbol.asyncIterator] === 'function',
  // (an object with only next() is both, as in Pyodide)
  (/** @type {any} */ x) => typeof x.next === 'function'
    && (typeof x[Symbol.asyncIterator] === 'function' || typeof x[Symbol.iterator] !== 'function'),
  (/** @type {any} */ x) => Object.prototype.toString.call(x) === '[object Generator]',
  (/** @type {any} */ x) => Object.prototype.toString.call(x) === '[object AsyncGenerator]',
  (/** @type {any} */ x) => typeof Element === 'function' && x instanceof Element,
  (/** @type {any} */ x) => typeof WeakRef === 'function' && x instanceof WeakRef,
  (/** @type {any} */ x) => typeof Response === 'function' && x instanceof Response,
];

/**
 * The bits of JS_TYPE_TESTS that hold for `x` (a JsProxy's value): what
 * `isinstance(obj, pyodide.ffi.JsMap)` and its siblings ask. A test that
 * throws (a revoked Proxy, a throwing getter) counts as false.
 * @param {unknown} x
 * @returns {number}
 */
export function jsTypeFlags(x) {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return 0;
  let flags = 0;
  JS_TYPE_TESTS.forEach((t, bit) => {
    try {
      if (t(x)) flags |= 1 << bit;
    } catch { /* not of that kind */ }
  });
  return flags;
}

const method = (/** @type {any} */ x, /** @type {PropertyKey} */ name) => typeof x[name] === 'function';

/** A JS object Pyodide offers mapping views of (as_py_json, as_object_map). @param {any} x */
const isObjectLike = (x) => typeof x !== 'function' && !isBinary(x) && !isError(x) && !method(x, 'next');

/** Whether x has a [Symbol.dispose] (or asyncDispose) method, where the symbol exists. @param {any} x @param {string} which */
const disposes = (x, which) => {
  const symbol = /** @type {any} */ (Symbol)[which];
  return typeof symbol === 'symbol' && method(x, symbol);
};

/** Per feature dunder or method, whether a JS value has it (Pyodide's rules for its JsProxy classes). */
const DUNDER_TESTS = /** @type {Record<string, (x: any) => boolean>} */ ({
  __len__: (x) => typeof x.size === 'number' || (typeof x.length === 'number' && typeof x !== 'function'),
  __iter__: (x) => method(x, Symbol.iterator) || (method(x, 'next') && !method(x, Symbol.asyncIterator)),
  __next__: (x) => method(x, 'next') && !method(x, Symbol.asyncIterator),
  __aiter__: (x) => method(x, Symbol.asyncIterator),
  __anext__: (x) => method(x, 'next') && method(x, Symbol.asyncIterator),
  __await__: (x) => method(x, 'then'),
  // (also an iterable with a length: a String object, `arguments`)
  __getitem__: (x) => method(x, 'get') || isJsArrayKind(x) || (typeof x.length === 'number' && method(x, Symbol.iterator)),
  __setitem__: (x) => method(x, 'set') || isJsArrayKind(x),
  __delitem__: (x) => method(x, 'delete') || Array.isArray(x),
  __contains__: (x) => method(x, 'has') || method(x, 'includes') || isJsArrayKind(x),
  // `with` / `async with`: a value with Symbol.dispose / Symbol.asyncDispose
  __enter__: (x) => disposes(x, 'dispose'), __exit__: (x) => disposes(x, 'dispose'),
  __aenter__: (x) => disposes(x, 'asyncDispose'), __aexit__: (x) => disposes(x, 'asyncDispose'),
  // JsBuffer's methods: binary data only.
  to_bytes: isBinary, to_memoryview: isBinary, to_string: isBinary, to_file: isBinary, from_file: isBinary,
  _into_file: isBinary,
  // Views of objects as mappings: not of functions, binary data, errors or
  // iterators; a JsArray is a sequence already (as_py_json only), as in Pyodide.
  as_object_map: (x) => isObjectLike(x) && !isJsArrayKind(x),
  as_py_json: isObjectLike,
});

/**
 * Whether a JS value has a feature dunder (`hasattr(obj, "__len__")`): the
 * native JsProxy type has every slot, Pyodide's class of the value only those
 * the value supports, and feature-detecting code asks. A test that throws (a
 * revoked Proxy) counts as false; a name not tested here is there.
 * @param {unknown} x
 * @param {string} name
 */
export function hasDunder(x, name) {
  const t = DUNDER_TESTS[name];
  if (t === undefined) return true;
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return false;
  try {
    return t(x);
  } catch {
    return false;
  }
}
