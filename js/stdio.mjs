// Python's stdout/stderr as Emscripten devices that receive whole chunks
// (Emscripten's default TTY calls JS once per byte).

/**
 * A byte sink: either `write(bytes)` for raw output, or `line(text)` called
 * once per complete line (without the newline).
 * @typedef {{ write?: (bytes: Uint8Array) => void, line?: (text: string) => void }} Sink
 */

const decoder = new TextDecoder('utf-8');

/** Turns chunks of bytes into calls of `sink` (buffering partial lines). */
export class OutputStream {
  /** @param {Sink} sink */
  constructor(sink) {
    this.sink = sink;
    /** @type {Uint8Array[]} bytes of the current unfinished line */
    this.pending = [];
  }

  /** @param {Uint8Array} bytes a view that is only valid during the call */
  write(bytes) {
    if (this.sink.write) {
      this.sink.write(bytes.slice());
      return;
    }
    let start = 0;
    for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
      this.pending.push(bytes.subarray(start, nl));
      this.emitLine();
      start = nl + 1;
    }
    if (start < bytes.length) this.pending.push(bytes.slice(start));
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
    this.sink.line(text);
  }

  /** Emit an unfinished last line, if any. */
  flush() {
    if (this.pending.length > 0) this.emitLine();
  }
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
      open() {},
      close() {},
      fsync() { stream.flush(); },
      read() { throw new FS.ErrnoError(28 /* EINVAL */); },
      write(_s, buffer, offset, length) {
        try {
          stream.write(buffer.subarray(offset, offset + length));
        } catch (e) {
          // A sink writing to a descriptor (the isthmus command): a closed
          // pipe is Python's BrokenPipeError, anything else an OSError.
          throw new FS.ErrnoError(e?.code === 'EPIPE' ? 64 /* EPIPE */ : 29 /* EIO */);
        }
        return length;
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

/** Pyodide's `stdin` option: a function returning text (a line or more), or
 * null/undefined at end of input. With `reopen`, a read after the end asks
 * again (a terminal: input goes on after Ctrl-D); otherwise the end is final. */
export function textSource(next, { reopen = false } = {}) {
  const encoder = new TextEncoder();
  let pending = new Uint8Array(0);
  let ended = false;
  return (buffer) => {
    if (reopen) ended = false;
    while (pending.length === 0 && !ended) {
      const text = next();
      if (text === null || text === undefined) ended = true;
      else pending = encoder.encode(String(text));
    }
    const n = Math.min(buffer.length, pending.length);
    buffer.set(pending.subarray(0, n));
    pending = pending.subarray(n);
    return n;
  };
}

/** Block the thread for `ms` (a descriptor that said EAGAIN, say). */
export function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Under node: read the process's standard input synchronously. */
export async function nodeStdinSource() {
  const fs = await import('node:fs');
  return (buffer) => {
    for (;;) {
      try {
        return fs.readSync(0, buffer, 0, buffer.length, null);
      } catch (e) {
        if (e.code === 'EOF') return 0;
        if (e.code !== 'EAGAIN') throw e;
        // A non-blocking terminal: wait a little, synchronously.
        sleepSync(10);
      }
    }
  };
}

/** Re-open file descriptor 0 on a device reading from `source`. */
export function installInputDevice(FS, source) {
  const dev = FS.makedev(newDeviceMajor(FS), 0);
  FS.registerDevice(dev, {
    open() {},
    close() {},
    read(_s, buffer, offset, length) {
      try {
        return source(buffer.subarray(offset, offset + length));
      } catch (e) {
        // A source may name the errno (27, EINTR: an interrupted read).
        throw new FS.ErrnoError(Number.isInteger(e?.errno) && e.errno > 0 ? e.errno : 29 /* EIO */);
      }
    },
    write() { throw new FS.ErrnoError(28 /* EINVAL */); },
  });
  FS.mkdev('/dev/isthmus_stdin', dev);
  FS.closeStream(0);
  FS.open('/dev/isthmus_stdin', 0 /* O_RDONLY */, 0o666, 0, 0);
}
