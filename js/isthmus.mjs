// @ts-check
// Isthmus: CPython in WebAssembly with a Pyodide-compatible JavaScript API.
// loadPyodide() fetches the wasm binary and the Python zips, starts CPython
// and resolves to the runtime object. Its public types are js/isthmus.d.ts
// (tsc checks this file against them: tsconfig.json).
import { HandleTable, DebugHandleTable } from './handles.mjs';
import { PythonError, asExitError } from './errors.mjs';
import {
  OutputStream, installOutputDevices, installInputDevice, callbackSource, nodeStdinSource, sinkFromOptions, sourceFromOptions,
} from './stdio.mjs';
import { SlotCodec } from './slot_codec.mjs';
import * as jsOps from './js_ops.mjs';
import * as deepConvert from './deep_convert.mjs';
import { VERSION, RESULT } from './wire.mjs';
import { readBinary } from './fetch.mjs';
import { PackageManager, fetchLockFile, parseLockFile } from './packages.mjs';
import {
  checkStartOptions, applyEnv, makeCanvas, archiveFormat, archiveBytes, pyProxyTypes, jsTypeFlags, hasDunder,
} from './pyodide_extras.mjs';
import { PyBufferView } from './buffer.mjs';
import { assertNotMountPoint, mountNativeFS } from './native_fs.mjs';
import { layOutStdlib, wasmInflate } from './stdlib_tree.mjs';
import { boundCaller } from './bound_call.mjs';
import { LiteralMap } from './literal_map.mjs';
import { typedArrayName } from './realm.mjs';

export { PythonError };
/** The Isthmus version (the CMake project's, through dist/wire.mjs). */
export const version = VERSION;

/** Where wheels install (Pyodide's fsInit gets it as sitePackages). */
const SITE_PACKAGES = '/lib/python3.11/site-packages';
const onNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/** A macrotask soon: setImmediate under node, a MessageChannel message in browsers. */
const macrotask = typeof setImmediate === 'function' ? setImmediate : (() => {
  const channel = new MessageChannel();
  /** @type {(() => void)[]} */
  const queue = [];
  channel.port1.onmessage = () => /** @type {() => void} */ (queue.shift())();
  return (/** @type {() => void} */ fn) => { queue.push(fn); channel.port2.postMessage(0); };
})();

/**
 * Report an error thrown by a callback the event loop ran (it must not be lost).
 * @param {unknown} e
 */
function report(e) {
  console.error(e);
}

/**
 * The `_isthmus_js` module: what the Python half calls in JS.
 * @param {any} PyProxy the PyProxy class (for instanceof)
 */
function jsHelpers(PyProxy) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let microtaskDrains = 0;
  /** What create_once_callable made (pyodide.ffi.JsOnceCallable). */
  const onceCallables = new WeakSet();
  return {
    // The realm's builtins for the Python half: `import js` is `jsglobals`, which may lack them.
    Object,
    Array,
    Reflect,
    Set,
    Uint8Array,
    WeakRef,
    jsTypeFlags,
    hasDunder,
    callBound: boundCaller(PyProxy),
    /**
     * A new JS Error of that name: Python's JsException(name, message, stack).
     * @param {string} name @param {string} message @param {string} stack
     */
    makeError(name, message, stack) {
      // JsException("RangeError", ...) is a RangeError, as in Pyodide.
      const ctor = /** @type {any} */ (globalThis)[name];
      const builtin = typeof ctor === 'function' && (ctor === Error || ctor.prototype instanceof Error);
      const e = builtin ? new ctor(message) : new Error(message);
      e.name = name;
      if (stack) e.stack = stack;
      return e;
    },
    /** @param {unknown} x */
    isPyProxy: (x) => x instanceof PyProxy,
    /** target[key] = value: to_js(eager_converter=) fills a dict's Object after caching it. @param {any} target @param {any} key @param {unknown} value */
    setEntry(target, key, value) {
      target[key] = value;
    },
    /**
     * create_proxy(f, capture_this=True): a function passing its `this` to
     * f as the first argument; destroy() destroys the PyProxy.
     * @param {any} proxy
     */
    captureThis(proxy) {
      const f = function captured(/** @type {any[]} */ ...args) {
        // @ts-ignore -- `this` is whatever the caller bound
        return proxy(this, ...args);
      };
      f.destroy = () => proxy.destroy();
      return f;
    },
    /** @param {object} f */
    markOnce: (f) => { onceCallables.add(f); },
    /** @param {unknown} x */
    isOnceCallable: (x) => typeof x === 'function' && onceCallables.has(x),
    /** @param {Iterable<any>} array */
    destroyProxies(array) {
      for (const p of array) if (p instanceof PyProxy) p.destroy();
    },
    /**
     * obj[Symbol.asyncIterator](), or undefined (`async for` in Python).
     * @param {any} obj
     */
    asyncIteratorOf(obj) {
      const f = obj?.[Symbol.asyncIterator];
      return typeof f === 'function' ? f.call(obj) : undefined;
    },
    /**
     * Run fn (the WebLoop's drain) soon: as a microtask (an await of a
     * settled Promise then costs no event-loop turn), but after 1000 drains
     * in a row without a macrotask, in a macrotask, so a busy Python loop
     * cannot starve JS timers and I/O.
     * @param {() => void} fn
     */
    schedule(fn) {
      const run = () => { try { fn(); } catch (e) { report(e); } };
      if (microtaskDrains < 1000) {
        if (microtaskDrains++ === 0) macrotask(() => { microtaskDrains = 0; });
        queueMicrotask(run);
      } else {
        macrotask(run);
      }
    },
    /**
     * queueMicrotask for the Python half (its `js` module is `jsglobals`,
     * which may lack it).
     * @param {() => void} fn a once-callable PyProxy
     */
    microtask(fn) {
      queueMicrotask(() => { try { fn(); } catch (e) { report(e); } });
    },
    /**
     * `await thenable` from Python: thenable.then() calls settle(true, value)
     * or settle(false, reason), then destroys it (settle is an owned PyProxy:
     * one per await instead of a proxy per outcome). False, and settle
     * destroyed, when the value has no then().
     * @param {any} thenable
     * @param {any} settle a callable PyProxy
     */
    awaitThen(thenable, settle) {
      const then = thenable?.then;
      if (typeof then !== 'function') {
        settle.destroy();
        return false;
      }
      const once = (/** @type {boolean} */ ok) => (/** @type {unknown} */ value) => { try { settle(ok, value); } finally { settle.destroy(); } };
      try {
        then.call(thenable, once(true), once(false));
      } catch (e) {
        settle.destroy();
        throw e;
      }
      return true;
    },
    /**
     * Run fn after ms; replaces the previous pending timeout.
     * @param {() => void} fn
     * @param {number} ms
     */
    scheduleAt(fn, ms) {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => { timer = undefined; try { fn(); } catch (e) { report(e); } }, ms);
    },
  };
}

/**
 * runtime.globals: __main__'s dict whose get() and has() fall back to the
 * builtins, as Pyodide's (`globals.get("open")` is the built-in function).
 * Everything else (set, toJs, passing it to runPython...) is the dict's.
 * @param {any} main PyProxy of __main__.__dict__
 * @param {any} builtins PyProxy of builtins.__dict__
 */
function wrapGlobals(main, builtins) {
  /** @param {unknown} key */
  const get = (key) => {
    const value = main.get(key);
    return value === undefined ? builtins.get(key) : value;
  };
  /** @param {unknown} key */
  const has = (key) => main.has(key) || builtins.has(key);
  return new Proxy(main, {
    get(target, key) {
      if (key === 'get') return get;
      if (key === 'has') return has;
      return Reflect.get(target, key);
    },
  });
}

/** Where the module itself was loaded from, with a trailing slash. */
function defaultIndexURL() {
  return new URL('.', import.meta.url).href;
}

/**
 * The progress reporter: sums the bytes of the parallel downloads and calls
 * the user's callback with {phase, loaded, total}. Errors thrown by the
 * callback are reported, not allowed to break loading.
 * @param {((event: import('./isthmus').LoadProgress) => void) | undefined} callback
 * @param {number} files
 */
function progressReporter(callback, files) {
  if (callback === undefined) return { bytes: () => () => {}, phase() {} };
  if (typeof callback !== 'function') throw new TypeError('isthmus: onProgress must be a function taking {phase, loaded, total}');
  const totals = new Array(files).fill(0);
  let loaded = 0;
  const emit = (/** @type {import('./isthmus').LoadProgress['phase']} */ phase) => {
    const total = totals.every((t) => t > 0) ? totals.reduce((a, b) => a + b, 0) : 0;
    try { callback({ phase, loaded, total }); } catch (e) { report(e); }
  };
  return {
    /** A per-file onBytes for readBinary. */
    bytes: (/** @type {number} */ i) => (/** @type {number} */ delta, /** @type {number} */ total) => { totals[i] = total; loaded += delta; emit('download'); },
    phase: emit,
  };
}

/**
 * @param {string | undefined} indexURL
 * @returns {string}
 */
function normalizeIndexURL(indexURL) {
  let url = indexURL ?? defaultIndexURL();
  if (onNode && !/^[a-z]+:/i.test(url)) {
    // A filesystem path: resolve it against the current directory.
    url = new URL(url, `file://${process.cwd()}/`).href;
  } else if (!onNode && globalThis.location) {
    // A page's (or worker's) relative URL: resolve it against its location.
    url = new URL(url, globalThis.location.href).href;
  }
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * A Python recursion limit the JS stack can hold. Recursion that goes through
 * C (__getattr__, key functions, __init__...) puts large wasm frames on the
 * JS engine's stack, whose overflow is an uncatchable RangeError; measured on
 * node 20 the worst pattern needs ~36 JS-probe frames per Python level, so
 * the limit is the probe depth / 45, clamped to [100, 1000] (CPython's default).
 */
function probeStack() {
  let depth = 0;
  const probe = () => { depth++; probe(); };
  try { probe(); } catch { /* RangeError: the depth is what we wanted */ }
  return depth;
}
const stackDepth = probeStack();
function recursionLimit() {
  return Math.max(100, Math.min(1000, Math.floor(stackDepth / 45)));
}
/** Nested JS -> Python -> JS levels: ~35-70 probe frames each on node 20. */
function callDepthLimit() {
  return Math.max(50, Math.floor(stackDepth / 100));
}

/**
 * What CPython's signal check reads (Module.Py_EmscriptenSignalBuffer): it
 * reads element 0, then writes 0 (Python/emscripten_signal.c), so a signal
 * another thread wrote in between was lost (a worker's `while True` ran on).
 * Through this view the read takes the signal atomically and the write of 0
 * does nothing.
 * @param {Int32Array | Uint32Array | Int8Array | Uint8Array} buffer
 */
function atomicSignalView(buffer) {
  return {
    get 0() { return Atomics.exchange(buffer, 0, 0); },
    set 0(/** @type {number} */ value) { if (value) Atomics.store(buffer, 0, value); },
  };
}

/**
 * @param {((line: string) => void) | undefined} callback
 * @param {(line: string) => void} fallback
 * @param {boolean} fallbackIsatty whether the default output is a terminal
 */
function makeSink(callback, fallback, fallbackIsatty) {
  if (callback === undefined) return sinkFromOptions('loadPyodide', undefined, fallback, fallbackIsatty);  // (the default sink)
  if (typeof callback !== 'function') throw new TypeError('isthmus: stdout/stderr must be functions taking a line');
  return { line: callback };
}

/**
 * The `isthmus` command's set-up (js/cli.mjs), before CPython starts: the
 * host's environment replaces Emscripten's made-up one (USER=web_user...),
 * host directories are mounted at their paths, and the current directory set.
 * @param {any} M the Emscripten module
 * @param {{ env: Record<string, string>, mounts: [string, string][], cwd: string }} cli
 */
function prepareCommand(M, cli) {
  for (const name of ['USER', 'LOGNAME', 'PATH', 'PWD', 'HOME', 'LANG', '_']) M.ENV[name] = undefined;
  Object.assign(M.ENV, cli.env);
  for (const [at, host] of cli.mounts) {
    M.FS.mkdirTree(at);
    M.FS.mount(M.FS.filesystems.NODEFS, { root: host }, at);
  }
  M.FS.chdir(cli.cwd);
}

/**
 * Hand the command line to CPython (isthmus_set_cli_argv): NUL-terminated UTF-8.
 * @param {any} M the Emscripten module
 * @param {string[]} argv
 */
function passArgv(M, argv) {
  const bytes = new TextEncoder().encode(argv.map((a) => `${a}\0`).join(''));
  const ptr = M._malloc(bytes.length);
  new Uint8Array(M.isthmusMemory().buffer).set(bytes, ptr);
  M._isthmus_set_cli_argv(ptr, bytes.length);
  M._free(ptr);
}

/**
 * What js/cli.mjs (the `isthmus` command) passes besides the public options.
 * @typedef {object} CommandOptions
 * @property {(bytes: Uint8Array) => void} [_stdoutRaw] stdout's bytes, unsplit
 * @property {(bytes: Uint8Array) => void} [_stderrRaw] stderr's bytes, unsplit
 * @property {(buffer: Uint8Array) => number} [_stdinRaw] fills buffer, returns the count (0: end)
 * @property {{ argv: string[], env: Record<string, string>, mounts: [string, string][], cwd: string }} [_cli]
 */

/**
 * What the runtime object has besides its public API (tests and tools use it).
 * @typedef {object} RuntimeInternals
 * @property {any} _module the Emscripten module
 * @property {import('./handles.mjs').HandleTable} _handles
 * @property {SlotCodec} _bridge
 * @property {object} [_api] what Pyodide's micropip reaches through pyodide_js._api
 */
/** @typedef {import('./isthmus').IsthmusRuntime & RuntimeInternals} Runtime */
/** @typedef {Omit<Runtime, 'loadPackage' | 'loadPackagesFromImports' | 'loadedPackages' | 'lockfile' | 'lockfileBaseUrl'>} RuntimeBeforePackages */

/**
 * Load the runtime.
 * @param {import('./isthmus').LoadOptions & CommandOptions} [options]
 * @returns {Promise<import('./isthmus').IsthmusRuntime>}
 */
export async function loadPyodide(options = {}) {
  checkStartOptions(options);
  const indexURL = normalizeIndexURL(options.indexURL);
  const debug = options.debugHandles ?? (onNode && process.env.ISTHMUS_DEBUG_HANDLES === '1');
  const handles = new (debug ? DebugHandleTable : HandleTable)(options.jsglobals ?? globalThis);
  // Under node the default streams are the process's: a terminal is a tty for Python too.
  const tty = (/** @type {'stdin' | 'stdout' | 'stderr'} */ name) => onNode && !options._cli && Boolean(process[name]?.isTTY);
  /** @param {(bytes: Uint8Array) => void} write the isthmus command's writer, which takes all */
  const takesAll = (write) => ({ write: (/** @type {Uint8Array} */ b) => { write(b); return b.length; } });
  const out = new OutputStream(options._stdoutRaw ? takesAll(options._stdoutRaw)
    : makeSink(options.stdout, (l) => console.log(l), tty('stdout')));
  const err = new OutputStream(options._stderrRaw ? takesAll(options._stderrRaw)
    : makeSink(options.stderr, (l) => console.warn(l), tty('stderr')));

  const progress = progressReporter(options.onProgress, 3);
  const lockFileURL = options.lockFileURL === undefined ? `${indexURL}pyodide-lock.json`
    : new URL(options.lockFileURL, onNode ? indexURL : globalThis.location?.href ?? indexURL).href;
  const lockFile = options.lockFileContents !== undefined ? parseLockFile(options.lockFileContents) : fetchLockFile(lockFileURL);

  // The stdlib's .py sources, only when asked for: the stdlib is then a directory
  // of files (js/stdlib_tree.mjs) instead of the zip.
  // Asked for: a missing file is an error; for the isthmus command they are a nicety.
  const sourcesZip = options.stdlibSources || options._cli
    ? readBinary(`${indexURL}python311-src.zip`, undefined, 'stdlibSources needs dist/python311-src.zip')
      .catch((e) => { if (options.stdlibSources) throw e; return null; })
    : null;
  sourcesZip?.catch(() => {});  // awaited below; not "unhandled" if another download fails first
  const [wasmBinary, stdlibZip, bridgeZip, { default: createIsthmusModule }] = await Promise.all([
    readBinary(indexURL + 'isthmus.asm.wasm', progress.bytes(0)),
    readBinary(options.stdLibURL === undefined ? `${indexURL}python311.zip`
      : new URL(options.stdLibURL, onNode ? indexURL : globalThis.location?.href ?? indexURL).href, progress.bytes(1),
      // (the default zip failing is indexURL's fault, whichever download fails first)
      options.stdLibURL === undefined ? undefined : 'check stdLibURL'),
    readBinary(indexURL + 'isthmus.zip', progress.bytes(2)),
    import(indexURL + 'isthmus.asm.mjs').catch((e) => {
      throw new Error(`isthmus: could not load ${indexURL}isthmus.asm.mjs (${e.message}); is indexURL right?`);
    }),
  ]);
  const stdlibSources = await sourcesZip;
  progress.phase('compile');

  const bridge = new SlotCodec(handles);
  const Module = await createIsthmusModule({
    isthmusHandles: handles,
    isthmusBridge: bridge,
    isthmusOps: jsOps,
    isthmusDeep: deepConvert,
    wasmBinary,
    locateFile: (/** @type {string} */ path) => indexURL + path,
    print: (/** @type {string} */ line) => console.log(line),
    printErr: (/** @type {string} */ line) => console.warn(line),
    // (Emscripten's own quit would also set node's process.exitCode)
    quit: (/** @type {number} */ status, /** @type {any} */ exitStatus) => { throw asExitError(exitStatus, status); },
    preRun: [(/** @type {any} */ M) => {
      progress.phase('start');
      M.FS.mkdirTree(SITE_PACKAGES);
      M.FS.writeFile('/lib/python311.zip', stdlibZip);
      M.FS.writeFile('/lib/isthmus.zip', bridgeZip);
      if (stdlibSources) layOutStdlib(M.FS, '/lib/python3.11', stdlibZip, stdlibSources, wasmInflate(M));
      if (options._cli) prepareCommand(M, options._cli);
      else applyEnv(M, options.env);
    }],
  });
  const FS = Module.FS;
  installOutputDevices(FS, out, err);
  if (options.stdin !== undefined && typeof options.stdin !== 'function') {
    throw new TypeError('isthmus: stdin must be a function returning text, or null at end of input');
  }
  /** @type {import('./stdio.mjs').ByteSource} what setStdin() without options restores */
  const defaultStdin = options._stdinRaw ?? (onNode ? await nodeStdinSource() : () => 0);
  const input = { source: options.stdin ? callbackSource(options.stdin) : defaultStdin, isatty: !options.stdin && tty('stdin') };
  installInputDevice(FS, input);
  bridge.attach(Module);
  if (options.convertNullToNone) bridge.nullAsNone = true;
  if (options.fsInit) await options.fsInit(FS, { sitePackages: SITE_PACKAGES });

  /** The buffer setInterruptBuffer was given (checkInterrupt peeks at it). @type {Int32Array | Uint32Array | Int8Array | Uint8Array | undefined} */
  let interruptBuffer;
  /** What CPython polls for it (atomicSignalView), made once per buffer. @type {object | undefined} */
  let interruptView;
  const check = (/** @type {number} */ rc) => {
    if (rc === RESULT.THREW) throw handles.take(Module._isthmus_take_error());
    return rc;
  };
  if (options._cli) passArgv(Module, options._cli.argv);
  // Pyodide's args: python's command line (-X dev, -W error, -O, a script
  // name and its arguments for sys.argv...), parsed by CPython.
  else if (options.args?.length) passArgv(Module, ['python', ...options.args]);
  check(Module._isthmus_init(recursionLimit()));
  bridge.maxDepth = callDepthLimit();

  /**
   * Call a C++ API export taking (string id, out slot).
   * @param {(id: any, out: any) => number} fn a wasm export (ids and addresses as slot_codec.mjs infers them)
   * @param {string} text
   */
  const withString = (fn, text) => {
    const id = handles.put(text);
    const out = bridge.pushSlots(1);
    try {
      check(fn(id, out));
      return bridge.decode(out, null);
    } finally {
      bridge.popSlots(out);
      handles.release(id);
    }
  };
  const api = (/** @type {string} */ name) => {
    const fn = withString(Module._isthmus_api, name);
    fn[/** @type {any} */ (bridge.proxies).STATE].internal = true;  // its PyProxy arguments cross as their Python objects
    return fn;
  };
  /** @type {any} */ (bridge).api = api;
  const pyToPy = api('to_py');
  const proxies = /** @type {NonNullable<typeof bridge.proxies>} */ (bridge.proxies);
  proxies.sequenceHelpers = { splice: api('seq_splice'), pop: api('seq_pop'), sort: api('seq_sort') };
  {
    /** @type {any} */
    let jsonKeys;
    proxies.keysOf = (/** @type {any} */ p) => (jsonKeys ??= api('json_keys'))(p);
    /** @type {any} */
    let relaxedCall;
    proxies.relaxedCall = () => (relaxedCall ??= api('relaxed_call'));
    // (made now: a helper made on first use would count as a live PyProxy from then on)
    const genReturn = api('gen_return');
    proxies.genReturn = (/** @type {any} */ gen, /** @type {unknown} */ value) => genReturn(gen, value);
    const agenReturn = api('agen_return');
    proxies.agenReturn = async (/** @type {any} */ gen, /** @type {unknown} */ value) => {
      const step = agenReturn(gen, value);
      try {
        return await step;
      } finally {
        step.destroy();
      }
    };
  }
  // .pth files (fsInit may write some): Python's site module reads them at
  // start-up, but Isthmus starts without it (start-up time).
  if (FS.readdir(SITE_PACKAGES).some((/** @type {string} */ n) => n.endsWith('.pth'))) {
    const addSiteDir = api('add_site_dir');
    try {
      addSiteDir(SITE_PACKAGES);
    } finally {
      addSiteDir.destroy();
    }
  }
  const pyRegister = api('register_js_module');
  const pyUnregister = api('unregister_js_module');
  const globals = wrapGlobals(api('main_globals')(), api('builtins_dict')());
  const { PyProxy } = /** @type {NonNullable<typeof bridge.proxies>} */ (bridge.proxies);
  if (options.pyproxyToStringRepr) proxies.toStringRepr = true;
  let debugFlag = false;
  /** @type {any} */
  let pyodidePy;
  /** @type {any} */
  let runAsync;
  /** @type {any} */
  let unpack;
  /** @type {any} */
  let proxyFlags;
  /** python/_isthmus/api.py proxy_flags, looked up on the first instanceof (not at start-up). */
  const flagsOf = (/** @type {any} */ p) => (proxyFlags ??= api('proxy_flags'))(p);
  /** @type {any} */
  let runWithOptions;
  /** @param {string} what @param {{ globals?: unknown, locals?: unknown, filename?: unknown }} opts */
  const checkRunOptions = (what, opts) => {
    for (const name of /** @type {const} */ (['globals', 'locals'])) {
      if (opts[name] !== undefined && !(opts[name] instanceof PyProxy)) {
        throw new TypeError(`${what}: ${name} must be a PyProxy of a dict`);
      }
    }
    if (opts.filename !== undefined && typeof opts.filename !== 'string') {
      throw new TypeError(`${what}: filename must be a string`);
    }
  };
  /** The options runPython(Async) hands to Python (undefined: the default). */
  const runKwargs = (/** @type {import('./isthmus').RunPythonOptions} */ opts) => ({
    globals: opts.globals, locals: opts.locals, filename: opts.filename, dedent: opts.dedent,
  });

  const [pyVersionTuple, abiVersion] = api('python_build')();
  /** @type {RuntimeBeforePackages} the package members are added once the lock file is read */
  const runtime = {
    version,
    /** The Python version, [major, minor, micro]. */
    pyVersionTuple,
    /** The ABI tag that wheels with C extensions must be built for. */
    abiVersion,
    FS,
    /** Emscripten's path helpers (dirname, basename, join, normalize...). */
    PATH: Module.PATH,
    /** Errno names to numbers (Emscripten's, as Python's errno module has them). */
    ERRNO_CODES: Module.ERRNO_CODES,
    canvas: makeCanvas(Module),
    /** The Python package `pyodide` (a PyProxy of the module). */
    get pyodide_py() {
      pyodidePy ??= runtime.pyimport('pyodide');
      return pyodidePy;
    },
    /**
     * Pyodide's debug flag; returns the old value. Isthmus's error messages
     * need no debug mode (they are as detailed either way): it is kept only.
     */
    setDebug(flag) {
      const old = debugFlag;
      debugFlag = Boolean(flag);
      proxies.debug = debugFlag;  // destroyed proxies' messages give the repr
      return old;
    },
    /** Comlink, for code that asks for it (kept on the runtime; Isthmus's JsProxy needs no help with Comlink proxies). */
    registerComlink(Comlink) {
      /** @type {any} */ (runtime)._comlink = Comlink;
    },
    /**
     * Unpack an archive (zip, wheel, tar, tar.gz, tar.bz2, tar.xz) into
     * `extractDir` (default: the working directory), as Pyodide's unpackArchive.
     */
    unpackArchive(buffer, format, opts = {}) {
      const name = archiveFormat(format);
      const bytes = archiveBytes(buffer);
      if (opts.extractDir !== undefined && typeof opts.extractDir !== 'string') {
        throw new TypeError('unpackArchive: extractDir must be a path');
      }
      unpack ??= api('unpack_archive');
      unpack(bytes, name, opts.extractDir ?? null);
    },
    globals,
    ffi: { PyProxy, PythonError, PyBufferView, .../** @type {any} */ (pyProxyTypes(PyProxy, flagsOf)) },
    runPython(code, opts = {}) {
      if (typeof code !== 'string') throw new TypeError('runPython: code must be a string');
      checkRunOptions('runPython', opts);
      if (opts.locals !== undefined || opts.filename !== undefined || opts.dedent !== undefined) {
        if (!runWithOptions) runWithOptions = api('run_python');
        return runWithOptions.callKwargs(code, runKwargs(opts));
      }
      let globalsPtr = 0;
      if (opts.globals !== undefined) {
        globalsPtr = /** @type {NonNullable<typeof bridge.proxies>} */ (bridge.proxies).ptrOf(opts.globals);
      }
      const id = handles.put(code);
      const out = bridge.pushSlots(1);
      try {
        check(Module._isthmus_run_python(id, globalsPtr, out));
        return bridge.decode(out, null);
      } finally {
        bridge.popSlots(out);
        handles.release(id);
      }
    },
    /**
     * Run code with top-level `await` allowed; resolves to the last
     * expression's value (rejects with PythonError).
     */
    async runPythonAsync(code, opts = {}) {
      if (typeof code !== 'string') throw new TypeError('runPythonAsync: code must be a string');
      checkRunOptions('runPythonAsync', opts);
      if (!runAsync) runAsync = api('run_python_async');
      const task = runAsync.callKwargs(code, runKwargs(opts));
      // then() now, not at the await's microtask: the outcome follows the
      // task from its start, as Pyodide's (which orders what runs after it).
      const outcome = task.then();
      try {
        return await outcome;
      } finally {
        task.destroy();
      }
    },
    pyimport(name) {
      if (typeof name !== 'string') throw new TypeError('pyimport: name must be a string');
      return withString(Module._isthmus_pyimport, name);
    },
    registerJsModule(name, module) {
      pyRegister(name, module);
    },
    unregisterJsModule(name) {
      pyUnregister(name);
    },
    /** @param {{ default_converter?: Function } & Parameters<import('./isthmus').IsthmusRuntime['toPy']>[1]} options */
    toPy(obj, options = {}) {
      if (obj === null || typeof obj !== 'object' && typeof obj !== 'function') return obj;
      if (obj instanceof PyProxy) return obj;
      return pyToPy(obj, options.depth ?? -1, options.defaultConverter ?? options.default_converter);
    },
    /**
     * Mount a browser directory (a FileSystemDirectoryHandle) at `path`:
     * its files are read in now; `(await ...).syncfs()` writes Python's
     * changes back (js/native_fs.mjs).
     */
    mountNativeFS(path, fileSystemHandle) {
      return mountNativeFS(FS, path, fileSystemHandle);
    },
    mountNodeFS(emscriptenPath, hostPath) {
      if (!onNode) throw new Error('mountNodeFS only works under Node.js');
      // Pyodide's Errors, not an ErrnoError from the mount
      const stat = process.getBuiltinModule('node:fs').statSync(hostPath, { throwIfNoEntry: false });
      if (!stat) throw new Error(`hostPath '${hostPath}' does not exist`);
      if (!stat.isDirectory()) throw new Error(`hostPath '${hostPath}' is not a directory`);
      FS.mkdirTree(emscriptenPath);
      assertNotMountPoint(FS, emscriptenPath);
      FS.mount(FS.filesystems.NODEFS, { root: hostPath }, emscriptenPath);
    },
    /**
     * Pyodide's interrupt buffer: an Int32Array/Uint8Array (on a
     * SharedArrayBuffer, to be written from another thread) whose element 0
     * is set to a signal number (2: SIGINT) to interrupt Python, which reads
     * it every few bytecodes and resets it to 0. undefined turns it off.
     */
    setInterruptBuffer(buffer) {
      // (by the TypedArray's type name, which names it in any realm)
      if (buffer !== undefined
          && !['Int32Array', 'Uint8Array', 'Int8Array', 'Uint32Array'].includes(/** @type {string} */ (typedArrayName(buffer)))) {
        throw new TypeError('setInterruptBuffer: buffer must be an Int32Array or Uint8Array (on a SharedArrayBuffer), or undefined');
      }
      interruptBuffer = buffer;
      interruptView = buffer === undefined ? undefined : atomicSignalView(buffer);
      Module.Py_EmscriptenSignalBuffer = interruptView;
      check(Module._isthmus_set_signal_handling(buffer === undefined ? 0 : 1));
    },
    /** Throw KeyboardInterrupt (a PythonError) if the interrupt buffer asks for it. */
    checkInterrupt() {
      if (interruptBuffer === undefined || !Atomics.load(interruptBuffer, 0)) return;
      if (check(Module._isthmus_check_interrupt()) === RESULT.ABSENT) {
        // Under a read or write (a setStdin/setStdout handler), with SIGINT
        // pending: that syscall fails with EINTR, and CPython raises the
        // KeyboardInterrupt there (an ErrnoError, not a JS error through C).
        throw Object.assign(new FS.ErrnoError(27 /* EINTR */), { type: 'KeyboardInterrupt' });
      }
    },
    /**
     * The isthmus command's REPL: whether CPython polls the interrupt buffer
     * (only while a statement runs; js/cli.mjs).
     * @param {boolean} on
     */
    _pollInterrupts(on) {
      Module.Py_EmscriptenSignalBuffer = on ? interruptView : undefined;
    },
    /**
     * Where Python's stdout goes from now on (Pyodide's setStdout): one of
     * `batched(line)`, `raw(byte)`, `write(bytes) => count`, and `isatty`;
     * no options: the default (console.log).
     */
    setStdout(opts) {
      out.setSink(sinkFromOptions('setStdout', opts, (l) => console.log(l), tty('stdout')));
    },
    /** As setStdout, for stderr (default: console.warn). */
    setStderr(opts) {
      err.setSink(sinkFromOptions('setStderr', opts, (l) => console.warn(l), tty('stderr')));
    },
    /**
     * Where Python's stdin comes from (Pyodide's setStdin): one of
     * `stdin()` (text, bytes or a byte per call; null at end of input),
     * `read(buffer) => count`, `error: true` (reads fail), and `isatty`,
     * `autoEOF`; no options: the default (the process's stdin under node).
     */
    setStdin(opts) {
      Object.assign(input, sourceFromOptions(opts, defaultStdin, tty('stdin')));
    },
    /** Emit unfinished last lines of stdout and stderr. */
    flushStdio() {
      out.flush();
      err.flush();
    },
    _module: Module,
    _handles: handles,
    _bridge: bridge,
    /**
     * The public leak check: JS handles C++ holds, live PyProxies and buffer
     * views (destroyed, released or finalized ones are not counted) and the
     * wasm heap's in-use bytes. Each is back at its start once what was made
     * is destroyed (or collected: `gc()`, then a turn of the event loop).
     */
    _liveCounts() {
      bridge.dropCaches();  // what the bridge caches (names, short strings) is no leak
      Module._isthmus_flush_releases();
      return {
        handles: handles.liveCount(),
        pyproxies: /** @type {NonNullable<typeof bridge.proxies>} */ (bridge.proxies).live,
        bufferViews: /** @type {NonNullable<typeof bridge.buffers>} */ (bridge.buffers).live,
        heapBytes: Module._isthmus_heap_in_use(),
      };
    },
  };
  const { lockfile, error: lockError } = await lockFile;
  const packages = new PackageManager({
    api, Module, lockfile, lockFileURL, lockError,
    packageBaseUrl: normalizeIndexURL(options.packageBaseUrl ?? new URL('.', lockFileURL).href),
  });
  Object.assign(runtime, {
    /**
     * Packages (wheels) by name from the lock file, or by URL: see js/packages.mjs.
     * @type {import('./isthmus').IsthmusRuntime['loadPackage']}
     */
    loadPackage: (names, opts) => packages.loadPackage(names, opts),
    /** @type {import('./isthmus').IsthmusRuntime['loadPackagesFromImports']} */
    loadPackagesFromImports: (code, opts) => packages.loadPackagesFromImports(code, opts),
    loadedPackages: packages.loadedPackages,
    lockfile,
    lockfileBaseUrl: packages.packageBaseUrl,
    // What Pyodide's micropip reaches through pyodide_js._api.
    _api: {
      lockfile, lockfile_info: lockfile.info, lockfile_packages: lockfile.packages,
      repodata_info: lockfile.info, repodata_packages: lockfile.packages,
      loadBinaryFile: (/** @type {string} */ path) => readBinary(new URL(path, packages.packageBaseUrl).href),
      loadDynlibsFromPackage: (/** @type {unknown} */ pkg, /** @type {any} */ dynlibs) => packages.loadDynlibs(
        typeof dynlibs?.toJs === 'function' ? dynlibs.toJs() : dynlibs),
    },
  });
  pyRegister('pyodide_js', runtime);
  // JS helpers of the Python half (python/pyodide/ffi/__init__.py, python/_isthmus/webloop.py).
  pyRegister('_isthmus_js', {
    ...jsHelpers(PyProxy),
    literalMap: options.toJsLiteralMap ? LiteralMap.fromEntries : undefined,
    /** unwrap() of a JsDoubleProxy: the PyProxy, which then crosses as its Python object. @param {any} p */
    unwrapPyProxy: (p) => {
      bridge.unwrapNext = p;
      return p;
    },
  });
  if (options.packages !== undefined) {
    const names = typeof options.packages === 'string' ? [options.packages] : options.packages;
    if (names.length) await /** @type {Runtime} */ (runtime).loadPackage(names, { messageCallback: () => {} });
  }
  progress.phase('ready');
  return /** @type {Runtime} */ (runtime);  // with the package members now
}
