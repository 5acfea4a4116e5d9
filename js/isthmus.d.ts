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
}

/** A Python exception seen from JavaScript. */
export declare class PythonError extends Error {
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
  /** "module.Name" of the Python type ("list" for builtins). */
  readonly type: string;
  /** len(obj). */
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
  /** A new PyProxy of the same object (its own reference). */
  copy(): PyProxy;
  /** Release the Python reference; later use throws an Error saying what it was. */
  destroy(options?: string | { message?: string }): void;
  /** Convert to JS: list/tuple -> Array, dict -> Object, set -> Set (one level for now). */
  toJs(options?: object): any;
  /** Generators: send a value / throw an error / close. */
  next(value?: unknown): IteratorResult<any>;
  throw(error?: unknown): IteratorResult<any>;
  return(value?: unknown): IteratorResult<any>;
  [Symbol.iterator](): Iterator<any>;
  [Symbol.dispose](): void;
  [key: string]: any;
}

export interface IsthmusRuntime {
  /** The Isthmus version. */
  version: string;
  /** __main__'s namespace. */
  globals: PyProxy;
  /** runtime.ffi.PyProxy works with instanceof; PythonError is the error class. */
  ffi: { PyProxy: { [Symbol.hasInstance](x: unknown): boolean }; PythonError: typeof PythonError };
  /**
   * Run Python code and return the value of its last expression (unless the
   * code ends with `;`), converted: int -> number (bigint beyond 2^53), float,
   * str, bool, None -> undefined, jsnull -> null, a JsProxy -> its JS value,
   * anything else -> a PyProxy.
   * @throws {PythonError} when the code raises
   */
  runPython(code: string, options?: { globals?: PyProxy }): any;
  /** Import "pkg.mod" (or "pkg.mod.attr") and return it. */
  pyimport(name: string): any;
  /** Make `import name` in Python give `module` (nested objects act as submodules). */
  registerJsModule(name: string, module: object): void;
  unregisterJsModule(name: string): void;
  /** JS -> Python conversion (one level for now): Array -> list, Object/Map -> dict, Set -> set. */
  toPy(obj: unknown, options?: { depth?: number }): any;
  /** Mount a host directory into the wasm filesystem (Node.js only). */
  mountNodeFS(emscriptenPath: string, hostPath: string): void;
  /** Emit unfinished last lines of stdout and stderr to their callbacks. */
  flushStdio(): void;
  /** Emscripten's virtual filesystem. */
  FS: any;
}

export declare function loadPyodide(options?: LoadOptions): Promise<IsthmusRuntime>;
export declare const version: string;
