// Type declarations for the Isthmus runtime (a Pyodide-compatible API).

export interface LoadOptions {
  /** Where isthmus.asm.wasm and the zips are; defaults to this module's directory. */
  indexURL?: string;
  /** Called with each line Python writes to stdout (default: console.log). */
  stdout?: (line: string) => void;
  /** Called with each line Python writes to stderr (default: console.warn). */
  stderr?: (line: string) => void;
  /** The object `import js` exposes to Python (default: globalThis). */
  jsglobals?: object;
}

/** A Python exception seen from JavaScript. */
export declare class PythonError extends Error {
  /** The Python exception class name, e.g. "ZeroDivisionError". */
  type: string;
  /** The formatted Python traceback. */
  message: string;
}

export interface IsthmusRuntime {
  /** The Isthmus version. */
  version: string;
  /**
   * Run Python code in `__main__` and return the value of its last
   * expression (unless the code ends with `;`). int, float, str, bool and
   * None convert to number (or bigint beyond 2^53), string, boolean and
   * undefined; other values come back as their repr() string for now.
   * @throws {PythonError} when the code raises
   */
  runPython(code: string, options?: { globals?: never }): unknown;
  /** Mount a host directory into the wasm filesystem (Node.js only). */
  mountNodeFS(emscriptenPath: string, hostPath: string): void;
  /** Emit unfinished last lines of stdout and stderr to their callbacks. */
  flushStdio(): void;
  /** Emscripten's virtual filesystem. */
  FS: any;
}

export declare function loadPyodide(options?: LoadOptions): Promise<IsthmusRuntime>;
export declare const version: string;
