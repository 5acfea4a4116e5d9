// Python's stdout/stderr as Emscripten devices that receive whole chunks
// (Emscripten's default TTY calls JS once per byte).

/**
 * Where a stream's bytes go, as Pyodide's setStdout/setStderr take it: `line`
 * once per complete line without the newline (Pyodide's `batched`), `raw`
 * once per byte, or `write(bytes)` returning how many it took (a number
 * below `bytes.length` is a partial write: Python writes the rest again).
 * `isatty` makes `os.isatty()` of the descriptor true.
 * @typedef {{ line?: (text: string) => void, raw?: (byte: number) => void,
 *   write?: (bytes: Uint8Array) => number | void, isatty?: boolean }} Sink
 */

const decoder = new TextDecoder('utf-8');

/**
 * The count a write(bytes) or read(buffer) handler returned, checked: not a
 * whole number from 0 to `most` is a broken handler, which Pyodide reports in
 * these words; the read or write then fails with EIO (an OSError).
 * @param {string} what @param {unknown} n @param {number} most
 * @returns {number}
 */
export function checkedCount(what, n, most) {
  if (Number.isInteger(n) && /** @type {number} */ (n) >= 0 && /** @type {number} */ (n) <= most) return /** @type {number} */ (n);
  const message = typeof n === 'number'
    ? `${what} returned ${n}; a correct implementation must return a number from 0 to ${most}`
    : `${what} returned ${n === null ? 'null' : typeof n}; a correct implementation must return a number`;
  console.warn(message);
  throw Object.assign(new Error(message), { quiet: true });
}

/**
 * What a stdio device throws for an error of its handler: the errno it names
 * (checkInterrupt() throws EINTR with SIGINT pending: CPython raises the
 * KeyboardInterrupt at the read or write), EPIPE, else EIO.
 * @param {any} FS @param {any} e @param {string} name
 */
function deviceError(FS, e, name) {
  if (Number.isInteger(e?.errno) && e.errno > 0) return new FS.ErrnoError(e.errno);
  // A sink writing to a descriptor (the isthmus command): a closed pipe is
  // Python's BrokenPipeError.
  if (e?.code === 'EPIPE') return new FS.ErrnoError(64 /* EPIPE */);
  if (!e?.quiet) console.error(`isthmus: the ${name} callback threw:`, e);
  return new FS.ErrnoError(29 /* EIO */);
}

const encoder = new TextEncoder();

/** Turns chunks of bytes into calls of the current sink (buffering partial lines). */
export class OutputStream {
  /** @param {Sink} sink */
  constructor(sink) {
    /** @type {Sink} */
    this.sink = sink;
    /** @type {Uint8Array[]} bytes of the current unfinished line */
    this.pending = [];
  }

  /** A new sink; an unfinished line goes to the old one first. @param {Sink} sink */
  setSink(sink) {
    this.flush();
    this.sink = sink;
  }

  /**
   * @param {Uint8Array} bytes a view that is only valid during the call
   * @returns {number} how many bytes were taken
   */
  write(bytes) {
    const { sink } = this;
    if (sink.write) {
      // Offer the rest until all is taken: Python's unbuffered stdout
      // (a TextIOWrapper straight on the file) would drop what a partial
      // write left. A handler that takes nothing ends the loop.
      let done = 0;
      try {
        while (done < bytes.length) {
          const rest = bytes.length - done;
          const took = checkedCount('write', sink.write(bytes.slice(done)), rest);
          if (took === 0) break;
          done += took;
        }
      } catch (e) {
        if (done === 0) throw e;  // (what was taken stays taken: Python must not write it again)
      }
      return done;
    }
    if (sink.raw) {
      for (const b of bytes) sink.raw(b);
      return bytes.length;
    }
    let start = 0;
    for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
      this.pending.push(bytes.subarray(start, nl));
      this.emitLine();
      start = nl + 1;
    }
    if (start < bytes.length) this.pending.push(bytes.slice(start));
    return bytes.length;
  }

  emitLine() {
    const parts = this.pending;
    this.pending = [];
    let text;
    if (parts.length === 1) {
      text = decoder.decode(parts[0]);
    } else {
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) { all.set(p, at); at += p.length; }
      text = decoder.decode(all);
    }
    /** @type {(text: string) => void} */ (this.sink.line)(text);
  }

  /**
   * Emit an unfinished last line, if any. (Pyodide keeps it until a newline
   * comes; we emit it on flush, so `print(prompt, end="", flush=True)` shows.)
   */
  flush() {
    if (this.pending.length > 0 && this.sink.line) this.emitLine();
    this.pending = [];
  }
}

/**
 * Pyodide's setStdout/setStderr options as a Sink; none of batched, raw and
 * write: `fallback` (the default output).
 * @param {string} what the API's name, for errors
 * @param {any} options
 * @param {(text: string) => void} fallback
 * @param {boolean} [fallbackIsatty] whether the default output is a terminal
 * @returns {Sink}
 */
export function sinkFromOptions(what, options, fallback, fallbackIsatty = false) {
  if (options === undefined) return { line: fallback, isatty: fallbackIsatty };
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${what}: options must be an object with one of batched, raw or write`);
  }
  const given = ['batched', 'raw', 'write'].filter((k) => options[k] !== undefined);
  if (given.length > 1) throw new TypeError(`${what}: pass at most one of batched, raw and write (got ${given.join(', ')})`);
  for (const k of given) {
    if (typeof options[k] !== 'function') throw new TypeError(`${what}: ${k} must be a function`);
  }
  const isatty = Boolean(options.isatty);
  // As Pyodide: a terminal is written to byte by byte, not a line at a time.
  if (isatty && !options.raw && !options.write) {
    throw new TypeError(`${what}: isatty: true needs raw or write (a terminal gets bytes, not lines)`);
  }
  // (called as methods of `options`, as Pyodide calls them: `this` is it)
  if (options.raw) return { raw: (b) => options.raw(b), isatty };
  if (options.write) return { write: (bytes) => options.write(bytes), isatty };
  return { line: options.batched ? (text) => options.batched(text) : fallback, isatty };
}

/**
 * A device major number nobody uses. Emscripten's FS.createDevice counts
 * them from 64 (/dev/random has 64, /dev/urandom 65): our devices took
 * makedev(64, 0), /dev/random's, whose reads then went to stdout's device
 * (EINVAL). They take the next ones from the same counter.
 * @param {any} FS Emscripten's FS object
 * @returns {number}
 */
function newDeviceMajor(FS) {
  if (!FS.createDevice.major) FS.createDevice.major = 64;
  return FS.createDevice.major++;
}

/**
 * os.isatty() of a descriptor on our devices: Emscripten's ioctl answers
 * ENOTTY unless the stream has a `tty`; ours follows the current option.
 * @param {any} stream an Emscripten FS stream
 * @param {() => boolean | undefined} isatty
 */
function markTTY(stream, isatty) {
  Object.defineProperty(stream, 'tty', { get: () => (isatty() ? {} : undefined), configurable: true, enumerable: true });
}

/**
 * Re-open file descriptors 1 and 2 of an Emscripten module on devices that
 * feed `out` and `err`. Call after the runtime started, before Python does.
 * @param {any} FS Emscripten's FS object
 * @param {OutputStream} out
 * @param {OutputStream} err
 */
export function installOutputDevices(FS, out, err) {
  const major = newDeviceMajor(FS);
  [[1, 'isthmus_stdout', out], [2, 'isthmus_stderr', err]].forEach(([fd, name, stream], i) => {
    const dev = FS.makedev(major, i);
    FS.registerDevice(dev, {
      open(s) { markTTY(s, () => stream.sink.isatty); },
      close() {},
      fsync() { stream.flush(); },
      read() { throw new FS.ErrnoError(28 /* EINVAL */); },
      write(_s, buffer, offset, length) {
        try {
          // Emscripten hands over HEAP8 (signed): the sinks get bytes.
          return retryingEAGAIN(() => stream.write(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length)));
        } catch (e) {
          throw deviceError(FS, e, name.slice(8));
        }
      },
    });
    FS.mkdev(`/dev/${name}`, dev);
    FS.closeStream(fd);
    FS.open(`/dev/${name}`, 1 /* O_WRONLY */, 0o666, fd, fd);
  });
}

/**
 * A byte source for stdin: `read(buffer)` fills it and returns the count,
 * 0 at end of input.
 * @typedef {(buffer: Uint8Array) => number} ByteSource
 */

/**
 * Pyodide's `stdin` callback as a ByteSource. It returns a string (a line:
 * the newline is added if missing; "" is an empty line), bytes (an
 * ArrayBuffer or a typed array, followed by an end of input when `autoEOF`),
 * a number (one byte), or null/undefined: end of input; a read after that
 * calls it again (a terminal: input goes on after Ctrl-D).
 * @param {() => unknown} next
 * @param {{ autoEOF?: boolean }} [options]
 * @returns {ByteSource}
 */
export function callbackSource(next, { autoEOF = true } = {}) {
  let pending = new Uint8Array(0);
  let eofNext = false;
  /** The next chunk's bytes; null at end of input. */
  const nextBytes = () => {
    const chunk = next();
    if (chunk === null || chunk === undefined) return null;
    if (typeof chunk === 'string') return encoder.encode(chunk.endsWith('\n') ? chunk : `${chunk}\n`);
    if (chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk)) {
      eofNext = autoEOF;
      return ArrayBuffer.isView(chunk)
        ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice()
        : new Uint8Array(chunk.slice(0));
    }
    if (Number.isInteger(chunk) && /** @type {number} */ (chunk) >= 0 && /** @type {number} */ (chunk) < 256) {
      return Uint8Array.of(/** @type {number} */ (chunk));
    }
    throw new TypeError(`stdin callback returned ${typeof chunk}: expected a string, bytes, a byte (0-255), or null at end of input`);
  };
  const take = (buffer, at) => {
    const n = Math.min(buffer.length - at, pending.length);
    buffer.set(pending.subarray(0, n), at);
    pending = pending.subarray(n);
    return n;
  };
  if (!autoEOF) {
    // Without autoEOF (as Pyodide): a read takes chunks until the buffer is
    // full or the callback says end of input (which that read consumes).
    return (buffer) => {
      let n = take(buffer, 0);
      while (n < buffer.length) {
        let bytes;
        try {
          bytes = nextBytes();
        } catch (e) {
          if (n === 0) throw e;
          break;  // (the bytes read so far are kept; the next read asks again)
        }
        if (bytes === null || bytes.length === 0) break;
        pending = bytes;
        n += take(buffer, n);
      }
      return n;
    };
  }
  return (buffer) => {
    if (pending.length === 0) {
      if (eofNext) {
        eofNext = false;
        return 0;
      }
      const bytes = nextBytes();
      if (bytes === null || bytes.length === 0) return 0;
      pending = bytes;
    }
    return take(buffer, 0);
  };
}

/**
 * Pyodide's setStdin options as a ByteSource and a tty flag; none of stdin,
 * read and error: `fallback` (the default input).
 * @param {any} options
 * @param {ByteSource} fallback
 * @param {boolean} [fallbackIsatty] whether the default input is a terminal
 * @returns {{ source: ByteSource, isatty: boolean }}
 */
export function sourceFromOptions(options, fallback, fallbackIsatty = false) {
  if (options === undefined) return { source: fallback, isatty: fallbackIsatty };
  if (options === null || typeof options !== 'object') {
    throw new TypeError('setStdin: options must be an object with one of stdin, read or error');
  }
  const given = ['stdin', 'read', 'error'].filter((k) => options[k] !== undefined && options[k] !== false);
  if (given.length > 1) throw new TypeError(`setStdin: pass at most one of stdin, read and error (got ${given.join(', ')})`);
  for (const k of ['stdin', 'read']) {
    if (options[k] !== undefined && typeof options[k] !== 'function') throw new TypeError(`setStdin: ${k} must be a function`);
  }
  const isatty = Boolean(options.isatty);
  if (options.error) {
    return { source: () => { throw Object.assign(new Error('stdin is set to fail (setStdin({ error: true }))'), { quiet: true }); }, isatty };
  }
  // (called as methods of `options`, as Pyodide calls them: `this` is it)
  if (options.read) return { source: (buffer) => checkedCount('read', options.read(buffer), buffer.length), isatty };
  if (options.stdin) return { source: callbackSource(() => options.stdin(), { autoEOF: options.autoEOF ?? true }), isatty };
  return { source: fallback, isatty };
}

/** Block the thread for `ms` (a descriptor that said EAGAIN, say). */
export function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * fn(), again after a short synchronous wait while it throws EAGAIN (a
 * handler on a non-blocking descriptor under node, as Pyodide retries it;
 * where the thread may not wait, a browser's main thread, EAGAIN stays).
 * @template T @param {() => T} fn @returns {T}
 */
function retryingEAGAIN(fn) {
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (/** @type {any} */ (e)?.code !== 'EAGAIN') throw e;
      try {
        sleepSync(10);
      } catch {
        throw Object.assign(new Error('EAGAIN'), { errno: 6 /* EAGAIN */ });
      }
    }
  }
}

/** Under node: read the process's standard input synchronously. */
export async function nodeStdinSource() {
  const fs = await import('node:fs');
  return (buffer) => {
    try {
      return fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      if (e.code === 'EOF') return 0;
      throw e;  // (EAGAIN, a non-blocking terminal: the device waits and asks again)
    }
  };
}

/**
 * Re-open file descriptor 0 on a device reading from `input.source` (which
 * setStdin replaces).
 * @param {any} FS Emscripten's FS object
 * @param {{ source: ByteSource, isatty: boolean }} input
 */
export function installInputDevice(FS, input) {
  const dev = FS.makedev(newDeviceMajor(FS), 0);
  FS.registerDevice(dev, {
    open(s) { markTTY(s, () => input.isatty); },
    close() {},
    read(_s, buffer, offset, length) {
      try {
        return retryingEAGAIN(() => input.source(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length)));
      } catch (e) {
        throw deviceError(FS, e, 'stdin');
      }
    },
    write() { throw new FS.ErrnoError(28 /* EINVAL */); },
  });
  FS.mkdev('/dev/isthmus_stdin', dev);
  FS.closeStream(0);
  FS.open('/dev/isthmus_stdin', 0 /* O_RDONLY */, 0o666, 0, 0);
}
