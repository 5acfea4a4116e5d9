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
 * Re-open file descriptors 1 and 2 of an Emscripten module on devices that
 * feed `out` and `err`. Call after the runtime started, before Python does.
 * @param {any} FS Emscripten's FS object
 * @param {OutputStream} out
 * @param {OutputStream} err
 */
export function installOutputDevices(FS, out, err) {
  [[1, 'isthmus_stdout', out], [2, 'isthmus_stderr', err]].forEach(([fd, name, stream], i) => {
    const dev = FS.makedev(64, i);
    FS.registerDevice(dev, {
      open() {},
      close() {},
      fsync() { stream.flush(); },
      read() { throw new FS.ErrnoError(28 /* EINVAL */); },
      write(_s, buffer, offset, length) {
        stream.write(buffer.subarray(offset, offset + length));
        return length;
      },
    });
    FS.mkdev(`/dev/${name}`, dev);
    FS.closeStream(fd);
    FS.open(`/dev/${name}`, 1 /* O_WRONLY */, 0o666, fd, fd);
  });
}
