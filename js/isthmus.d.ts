// Type declarations for the Isthmus runtime (a Pyodide-compatible API).

export interface LoadOptions {
  /** Where isthmus.asm.wasm and the zips are; defaults to this module's directory. */
  indexURL?: string;
  /** Called with each line Python writes to stdout (default: console.log). */
  stdout?: (line: string) => void;
  /** Called with each line Python writes to stderr (default: console.warn). */
  stderr?: (line: string) => void;
  /** Called when Python reads stdin: return text, or null/undefined at end of
   * input (default under Node.js: the process's standard input; else empty). */
  stdin?: () => string | null | undefined;
  /** The object `import js` exposes to Python (default: globalThis). */
  jsglobals?: object;
  /** Handle ids carry generations so a stale id throws (slower; for debugging). */
  debugHandles?: boolean;
  /** Called while loading: 'download' events as bytes arrive (total is 0
   * until every file's size is known), then 'compile' (wasm), 'start'
   * (CPython initialising) and 'ready'. */
  onProgress?: (event: LoadProgress) => void;
  /** Packages to load (as loadPackage) before loadPyodide resolves. */
  packages?: string[];
  /** The lock file (default: indexURL + "pyodide-lock.json"). A missing one
   * is not an error: loadPackage by name then says why it knows no package. */
  lockFileURL?: string;
  /** Where the lock file's wheels are fetched from (default: the lock file's directory). */
  packageBaseUrl?: string;
  /**
   * Also load the stdlib's .py sources (dist/python311-src.zip, ~3 MB): the
   * stdlib is then a directory of files, /lib/python3.11 (each module's .py
   * and its precompiled bytecode in __pycache__, inflated on first read)
   * instead of the zip, so tracebacks, linecache, inspect.getsource and code
   * that opens a module's __file__ work. The isthmus command always loads them.
   */
  stdlibSources?: boolean;
  /** Where the stdlib zip is (default: indexURL + "python311.zip"). */
  stdLibURL?: string;
  /** The lock file itself (an object, its JSON text, or a promise of either) instead of lockFileURL. */
  lockFileContents?: object | string | Promise<object | string>;
  /** Python's command line after "python" (-X dev, -W error, -O, a script name and its arguments for sys.argv). */
  args?: string[];
  /** Environment variables for os.environ; HOME also becomes the working directory. */
  env?: Record<string, string>;
  /** Called with the filesystem before Python starts (awaited). */
  fsInit?: (FS: any, info: { sitePackages: string }) => void | Promise<void>;
  /** JS null crosses to Python as None instead of jsnull. */
  convertNullToNone?: boolean;
  /** String(pyproxy) gives repr() instead of str(). */
  pyproxyToStringRepr?: boolean;
  /** Accepted for Pyodide programs: the whole stdlib is always there. */
  fullStdLib?: boolean;
  /** Accepted for Pyodide programs: dist/ holds one version. */
  checkAPIVersion?: boolean;
  /** Accepted for Pyodide programs. Without stack switching (this Emscripten has none, as node 20 lacks JSPI for Pyodide) run_until_complete on the WebLoop raises RuntimeError in both: await instead. */
  enableRunUntilComplete?: boolean;
  /** Dicts convert (toJs, to_js) to a LiteralMap: a Map whose string keys are also properties. */
  toJsLiteralMap?: boolean;
  /** Accepted for Pyodide programs: wheels are read where they are (no download cache). */
  packageCacheDir?: string;
}

/** pyodide-lock.json, Pyodide's shape. */
export interface Lockfile {
  info: { arch: string; platform: string; version: string; python: string; abi_version: string };
  packages: Record<string, LockfilePackage>;
}

export interface LockfilePackage {
  name: string;
  version: string;
  file_name: string;
  install_dir: 'site';
  sha256: string;
  package_type: 'package' | 'shared_library' | 'cpython_module';
  imports: string[];
  depends: string[];
  unvendored_tests: boolean;
  shared_library: boolean;
}

/** What loadPackage resolves to: one entry per package it installed. */
export interface PackageData {
  name: string;
  version: string | undefined;
  fileName: string;
  packageType: string;
}

export interface LoadPackageOptions {
  /** Progress messages: "Loading a, b", "Loaded a, b" (default: console.log). */
  messageCallback?: (message: string) => void;
  /** Error messages, one per failed package (default: console.error). */
  errorCallback?: (message: string) => void;
  /** Check each lock-file package's sha256 (default: true). */
  checkIntegrity?: boolean;
}

export interface LoadProgress {
  phase: 'download' | 'compile' | 'start' | 'ready';
  /** Bytes downloaded so far, over all files. */
  loaded: number;
  /** Bytes to download in all, or 0 while unknown. */
  total: number;
}

/** A Python exception seen from JavaScript. */
export declare class PythonError extends Error {
  /** Made by the runtime; `message` is the formatted traceback, `type` the class name. */
  constructor(message: string, type: string);
  /** The Python exception class name, e.g. "ZeroDivisionError". */
  type: string;
  /** The formatted Python traceback. */
  message: string;
}

/**
 * A Python object seen from JavaScript. Property access reaches Python
 * attributes; calling a callable PyProxy calls the Python object (positional
 * arguments; use callKwargs for keywords). A PyProxy returned to JS owns one
 * Python reference: call destroy() when done (a FinalizationRegistry frees
 * forgotten ones eventually). Proxies passed as arguments of a Python -> JS
 * call are borrowed and destroyed when the call returns (unless it returns a
 * Promise: then when it settles); keep one with `create_proxy` in Python.
 */
export interface PyProxy {
  /** The Python type's name as CPython keeps it (tp_name): "list", "A" for a class defined in Python, "datetime.datetime" for a C type. */
  readonly type: string;
  /** len(obj); for an object without a length, its Python attribute `length` (undefined if none). */
  readonly length: number;
  /** str(obj). */
  toString(): string;
  /** obj[key], or undefined when the key is missing. */
  get(key: unknown): any;
  /** obj[key] = value */
  set(key: unknown, value: unknown): void;
  /** key in obj */
  has(key: unknown): boolean;
  /** del obj[key] */
  delete(key: unknown): void;
  /** Call with keyword arguments: the last argument is an object of them. */
  callKwargs(...args: any[]): any;
  /** Of a callable: Function's apply/call/bind (`this` is not passed to Python). */
  apply(thisArg: unknown, args?: ArrayLike<unknown> | null): any;
  call(thisArg: unknown, ...args: any[]): any;
  bind(thisArg: unknown, ...args: any[]): (...args: any[]) => any;
  /** Of a callable: a JS function that passes its `this` as the first argument. */
  captureThis(): (...args: any[]) => any;
  /** Of a callable: call, dropping the arguments the function cannot take (pyodide.code.relaxed_call). */
  callRelaxed(...args: any[]): any;
  /** callRelaxed with keyword arguments: the last argument is an object of them. */
  callKwargsRelaxed(...args: any[]): any;
  /**
   * A call with Pyodide's options: `relaxed` (extra arguments dropped), `kwargs`
   * (the last argument holds the keyword arguments), `promising` (a Promise of the result).
   */
  callWithOptions(options: { relaxed?: boolean; kwargs?: boolean; promising?: boolean }, ...args: any[]): any;
  /**
   * A Promise of the call's result. Without JSPI (this Emscripten has none) the
   * call runs at once and settles the Promise; Pyodide's needs JSPI and rejects without it.
   */
  callPromising(...args: any[]): Promise<any>;
  /** A new PyProxy of the same object (its own reference). */
  copy(): PyProxy;
  /** Release the Python reference; later use throws an Error saying what it was. */
  destroy(options?: string | { message?: string }): void;
  /**
   * Deep conversion to JS: list/tuple -> Array, dict -> Object (or
   * dict_converter(Array of [key, value])), set -> Set, buffers -> copied
   * TypedArrays. Shared objects stay shared, cycles are kept; other objects
   * become PyProxies (pushed to `pyproxies` if given).
   */
  /**
   * Python JSON-like data (dicts, lists, tuples) used as parsed JSON: dict
   * keys are properties (`view.a.b`, `Object.keys`, `JSON.stringify`;
   * assignment and `delete` write through), lists index and iterate, nested
   * containers are views too. Other objects: the proxy itself.
   */
  asJsJson(): any;
  toJs(options?: {
    depth?: number;
    pyproxies?: PyProxy[];
    create_pyproxies?: boolean;
    dict_converter?: (entries: Iterable<[any, any]>) => any;
    default_converter?: (value: PyProxy, convert: (v: any) => any, cacheConversion: (v: any, js: any) => void) => any;
    /** Asked about every value first (containers too); `convert` is the default conversion. */
    eager_converter?: (value: PyProxy, convert: (v: any) => any, cacheConversion: (v: any, js: any) => void) => any;
  }): any;
  /**
   * A zero-copy view of the object's buffer (bytes, bytearray, memoryview,
   * array.array, NumPy arrays...). `type` forces the element type; big-endian
   * formats need 'dataview'. JS has no float16 or complex arrays: NumPy's
   * float16 ('e') comes as its bits in a Uint16Array, complex64/complex128
   * ('Zf'/'Zd') as interleaved real and imaginary parts in a Float32Array /
   * Float64Array (`format` and `itemsize` say which). long double and
   * structured dtypes throw unless a `type` is forced.
   */
  getBuffer(type?: 'i8' | 'u8' | 'u8clamped' | 'i16' | 'u16' | 'i32' | 'u32' | 'i64' | 'u64' | 'f32' | 'f64' | 'dataview'): PyBufferView;
  /** Generators: send a value / throw an error / close. */
  next(value?: unknown): IteratorResult<any>;
  throw(error?: unknown): IteratorResult<any>;
  return(value?: unknown): IteratorResult<any>;
  [Symbol.iterator](): Iterator<any>;
  /** Async generators and other async iterators: `for await`. */
  [Symbol.asyncIterator](): AsyncIterator<any>;
  [Symbol.dispose](): void;
  /**
   * Awaitables only (coroutines, Futures, Tasks): a PyProxy of one is a
   * thenable, so `await proxy` gives its converted result. Calling an async
   * Python function from JS already schedules it as a Task.
   */
  then?: Promise<any>['then'];
  /**
   * Python attributes; and for sequences (list, tuple, range, any
   * collections.abc.Sequence), as in Pyodide, items at index keys
   * (`proxy[0]`) and the Array methods that read (map, filter, forEach,
   * reduce, join, slice, indexOf, at, concat, includes, find, entries,
   * toJSON...); mutable ones (list, MutableSequence) also push, pop, shift,
   * unshift, splice, sort, reverse, fill and copyWithin, in place.
   * `proxy.$name` is the Python attribute `name` where a JS member shadows it.
   */
  [key: string]: any;
}

/**
 * What PyProxy.getBuffer() returns. It holds the Python buffer (and a
 * reference to its exporter) until release(); forgotten views are released
 * by a FinalizationRegistry.
 *
 * Memory growth: wasm memory can grow during any call into Python, and
 * growth detaches every TypedArray made over the old memory (length 0).
 * `data` is re-created on access whenever the memory changed, so read
 * `view.data` again after calling into Python; do not keep the array itself
 * across such calls.
 */
export interface PyBufferView {
  /** The elements over wasm memory (no copy); element [i, j, ...] is
   * data[offset + i * strides[0] + j * strides[1] + ...]. */
  readonly data: Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array |
    Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array | DataView;
  offset: number;
  shape: number[];
  /** In elements of `data` (negative for reversed axes). */
  strides: number[];
  ndim: number;
  nbytes: number;
  /** Bytes per item (16 for complex128: two elements of `data`). */
  itemsize: number;
  /** The PEP 3118 format: 'd', '<i', 'e', 'Zd', '?', ... */
  format: string;
  readonly: boolean;
  c_contiguous: boolean;
  f_contiguous: boolean;
  release(): void;
  [Symbol.dispose](): void;
}

/** Options of runPython and runPythonAsync (Pyodide's). */
export interface RunPythonOptions {
  /** The globals dict (default: runtime.globals, __main__'s). */
  globals?: PyProxy;
  /** The locals mapping (default: the globals). */
  locals?: PyProxy;
  /** The file name tracebacks show (default "<exec>"); unless it is "<...>",
   * tracebacks also show the source lines. */
  filename?: string;
  /** Pass the code through textwrap.dedent first (default true), so code in
   * an indented template literal runs. */
  dedent?: boolean;
}

/** Options of setStdout and setStderr (Pyodide's). */
export interface StdoutOptions {
  batched?: (line: string) => void;
  raw?: (byte: number) => void;
  write?: (bytes: Uint8Array) => number;
  isatty?: boolean;
}

/** Options of setStdin (Pyodide's). */
export interface StdinOptions {
  stdin?: () => string | ArrayBuffer | ArrayBufferView | number | null | undefined;
  read?: (buffer: Uint8Array) => number;
  error?: boolean;
  isatty?: boolean;
  autoEOF?: boolean;
}

export interface IsthmusRuntime {
  /** The Isthmus version. */
  version: string;
  /** The Python version, [major, minor, micro]. */
  pyVersionTuple: [number, number, number];
  /** The ABI tag that wheels with C extensions must be built for (`emscripten_3_1_6`). */
  abiVersion: string;
  /** __main__'s namespace; get() and has() fall back to the builtins, as in Pyodide. */
  globals: PyProxy;
  /** runtime.ffi.PyProxy works with instanceof; PythonError is the error class. */
  ffi: {
    PyProxy: { [Symbol.hasInstance](x: unknown): boolean };
    PythonError: typeof PythonError;
    /** The class of getBuffer()'s results. */
    PyBufferView: Function;
  } & {
    /** Pyodide's PyProxy subclasses: `p instanceof ffi.PyCallable` asks what the Python object supports. */
    [K in 'PyProxyWithLength' | 'PyProxyWithGet' | 'PyProxyWithSet' | 'PyProxyWithHas' | 'PyDict' | 'PyIterable' |
      'PyAsyncIterable' | 'PyIterator' | 'PyAsyncIterator' | 'PyGenerator' | 'PyAsyncGenerator' | 'PyAwaitable' |
      'PyCallable' | 'PyBuffer' | 'PySequence' | 'PyMutableSequence']: { [Symbol.hasInstance](x: unknown): boolean };
  };
  /**
   * Run Python code and return the value of its last expression (unless the
   * code ends with `;`), converted: int -> number (bigint beyond 2^53), float,
   * str, bool, None -> undefined, jsnull -> null, a JsProxy -> its JS value,
   * anything else -> a PyProxy.
   * @throws {PythonError} when the code raises
   */
  runPython(code: string, options?: RunPythonOptions): any;
  /**
   * Run code with top-level `await` (on the event loop that runs on the JS
   * event loop); resolves to the last expression's value.
   * @throws {PythonError} (rejects) when the code raises
   */
  runPythonAsync(code: string, options?: RunPythonOptions): Promise<any>;
  /** Import "pkg.mod" (or "pkg.mod.attr") and return it. */
  pyimport(name: string): any;
  /** Make `import name` in Python give `module` (nested objects act as submodules). */
  registerJsModule(name: string, module: object): void;
  unregisterJsModule(name: string): void;
  /** Deep JS -> Python conversion: Array -> list, plain Object/Map -> dict, Set -> set,
   * binary data -> memoryview copy; other objects stay JsProxy unless defaultConverter decides. */
  toPy(obj: unknown, options?: { depth?: number; defaultConverter?: (value: any, convert: (v: any) => any, cacheConversion: (v: any, py: any) => void) => any }): any;
  /**
   * Mount a browser directory (File System Access API, or the Origin Private
   * File System: navigator.storage.getDirectory()) at `path`, which must be
   * empty. Its files are read in when mounted; `syncfs()` writes what Python
   * changed (new, modified and removed files and directories) back.
   */
  mountNativeFS(path: string, fileSystemHandle: FileSystemDirectoryHandle): Promise<{ syncfs(): Promise<void> }>;
  /**
   * Mount a host directory into the wasm filesystem (Node.js only). Throws an
   * Error when `emscriptenPath` is already a mount point or `hostPath` is
   * missing or not a directory, as Pyodide.
   */
  mountNodeFS(emscriptenPath: string, hostPath: string): void;
  /** Emit unfinished last lines of stdout and stderr to their callbacks. */
  flushStdio(): void;
  /**
   * Where Python's stdout goes from now on (Pyodide's setStdout): at most one
   * of `batched` (each line, without its newline), `raw` (each byte) and
   * `write` (the bytes; returns how many it took), and `isatty` (what
   * `os.isatty(1)` says). No options: the default, console.log.
   */
  setStdout(options?: StdoutOptions): void;
  /** As setStdout, for stderr (default console.warn). */
  setStderr(options?: StdoutOptions): void;
  /**
   * Where Python's stdin comes from (Pyodide's setStdin): at most one of
   * `stdin` (called for more input: a line of text, bytes, one byte as a
   * number, or null/undefined at end of input), `read` (fills the buffer,
   * returns the count, 0 at the end) and `error: true` (reading raises
   * OSError), and `isatty`; `autoEOF` (default true) ends the input after
   * bytes returned by `stdin`. No options: the default (under Node.js the
   * process's stdin, in a browser an empty input).
   */
  setStdin(options?: StdinOptions): void;
  /**
   * Pyodide's interrupt buffer: element 0 set to a signal number (2, SIGINT),
   * typically from another thread through a SharedArrayBuffer, makes Python
   * raise KeyboardInterrupt at its next check and resets it to 0.
   * `undefined` stops the checks.
   */
  setInterruptBuffer(buffer: Int32Array | Uint32Array | Int8Array | Uint8Array | undefined): void;
  /** @internal The isthmus command's REPL: whether CPython polls the interrupt buffer. */
  _pollInterrupts(on: boolean): void;
  /** Throw KeyboardInterrupt (a PythonError) now if the interrupt buffer asks for it. */
  checkInterrupt(): void;
  /**
   * Emscripten's virtual filesystem. `FS.trackingDelegate` takes Pyodide's hooks
   * (onOpenFile, onReadFile, onWriteToFile, onSeekFile, onCloseFile,
   * onMakeDirectory, onMakeSymlink, willMovePath, onMovePath, willDeletePath,
   * onDeletePath), called with the path(s) after each operation.
   */
  FS: any;
  /** Emscripten's path helpers (dirname, basename, join, normalize, ...). */
  PATH: any;
  /** Errno names to numbers. */
  ERRNO_CODES: Record<string, number>;
  /** Where SDL-based packages would find their canvas (kept only). */
  canvas: {
    setCanvas2D(canvas: object): void; getCanvas2D(): object | undefined;
    setCanvas3D(canvas: object): void; getCanvas3D(): object | undefined;
  };
  /** The Python package `pyodide`. */
  readonly pyodide_py: PyProxy;
  /** Pyodide's debug flag (kept only: errors are as detailed either way); returns the old value. */
  setDebug(debug: boolean): boolean;
  /** Keep Comlink for code that registers it. */
  registerComlink(Comlink: any): void;
  /** Unpack a zip, wheel, tar, tar.gz, tar.bz2 or tar.xz archive into extractDir (default: the working directory). */
  unpackArchive(buffer: ArrayBuffer | ArrayBufferView, format: string, options?: { extractDir?: string }): void;
  /** Where wheel file names of the lock file are resolved. */
  readonly lockfileBaseUrl: string;
  /**
   * Install packages: names from the lock file (with their dependencies) or
   * wheel URLs. Downloads run in parallel; each wheel's sha256 is checked,
   * it is extracted into site-packages and its C extensions (wasm side
   * modules) are compiled before it resolves. Rejects with an Error naming
   * each package that failed (Pyodide only reports to errorCallback); a
   * failed package is rolled back, what succeeded stays installed.
   */
  loadPackage(names: string | string[], options?: LoadPackageOptions): Promise<PackageData[]>;
  /** loadPackage of the lock-file packages whose import names `code` imports. */
  loadPackagesFromImports(code: string, options?: LoadPackageOptions): Promise<PackageData[]>;
  /** Installed packages: name -> "default channel" (the lock file) or the URL. */
  readonly loadedPackages: Record<string, string>;
  /** The lock file in use. */
  readonly lockfile: Lockfile;
  /**
   * The leak check (Pyodide has no such API). Every count is exact: a
   * PyProxy or buffer view stops counting when it is destroyed/released or
   * when the garbage collector finalizes it. After destroying what you made
   * (or dropping it, then `gc()` and one turn of the event loop) each count
   * is back at its earlier value; compare `heapBytes` after a warm-up, since
   * Python fills caches on first use. The bridge's caches of attribute names
   * and short strings are emptied first (they hold handles but are no leak).
   */
  _liveCounts(): LiveCounts;
}

/** What `_liveCounts()` reports. */
export interface LiveCounts {
  /** JS values Python/C++ holds through handles (JsProxy, JsException, keep-alives). */
  handles: number;
  /** PyProxies that own a Python reference and are neither destroyed nor finalized. */
  pyproxies: number;
  /** getBuffer() views neither released nor finalized. */
  bufferViews: number;
  /** Bytes of the wasm heap in use (malloc'd, not freed; includes Python's objects). */
  heapBytes: number;
}

export declare function loadPyodide(options?: LoadOptions): Promise<IsthmusRuntime>;
export declare const version: string;
