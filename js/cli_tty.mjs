// Lines from a terminal, for Python running in a worker thread. Node's
// readline (line editing, history) needs the main thread's event loop, so the
// worker asks the main thread for a line and waits on a SharedArrayBuffer for
// the answer: synchronously (Atomics.wait: input(), sys.stdin) or
// asynchronously (Atomics.waitAsync: the REPL, whose top-level `await` needs
// the worker's event loop free). Once open, readline keeps the terminal in
// raw mode: Ctrl-C is then its 'SIGINT' event, not the process's signal.
import readline from 'node:readline';

const HEADER = 8;                 // Int32 state, Int32 byte length
const CAPACITY = 1 << 20;         // the longest line handed over in one piece
/** States of the channel (Int32 0). */
export const WAITING = 0;
export const LINE = 1;
export const EOF = 2;
export const INTERRUPT = 3;

export function newChannelBuffer() {
  return new SharedArrayBuffer(HEADER + CAPACITY);
}

/** The main thread's side: answers the worker's requests with readline. */
export class LineServer {
  /**
   * @param {SharedArrayBuffer} sab
   * @param {Int32Array} interrupt the interrupt flag (js/cli.mjs): a Ctrl-C
   *   that Python has not taken yet when it asks for a line interrupts the read
   * @param {() => void} onInterrupt Ctrl-C while no line is asked for (the
   *   terminal is in raw mode once readline is open: no SIGINT then)
   */
  constructor(sab, interrupt, onInterrupt) {
    this.interrupt = interrupt;
    this.onInterrupt = onInterrupt;
    this.ctrl = new Int32Array(sab, 0, 2);
    this.data = new Uint8Array(sab, HEADER);
    /** @type {string[]} most recent first, as readline keeps it */
    this.history = [];
    this.rl = undefined;
    this.waiting = false;   // the worker waits for a line
    /** @type {[number, string][]} lines typed (or pasted) ahead of the request */
    this.typedAhead = [];
    this.encoder = new TextEncoder();
  }

  /**
   * Readline, opened at the first request and kept open: lines typed or
   * pasted while Python runs are kept for the next requests, in order.
   */
  open() {
    if (this.rl) return this.rl;
    const output = process.stdout.isTTY ? process.stdout : process.stderr;
    const rl = readline.createInterface({
      input: process.stdin, output, terminal: Boolean(output.isTTY),
      history: this.history, historySize: 1000, removeHistoryDuplicates: true,
    });
    rl.on('line', (line) => this.deliver(LINE, line));
    rl.on('SIGINT', () => {
      if (!this.waiting) {
        this.onInterrupt();
        return;
      }
      // The half-typed line is dropped (it stays on the screen, as in python).
      rl.line = '';
      rl.cursor = 0;
      this.deliver(INTERRUPT);
    });
    rl.on('close', () => {  // Ctrl-D on an empty line, or stdin ended
      this.history = rl.history ?? this.history;
      this.rl = undefined;
      this.deliver(EOF);
    });
    this.rl = rl;
    return rl;
  }

  deliver(state, text = '') {
    if (this.waiting) {
      this.waiting = false;
      this.reply(state, text);
    } else if (state !== INTERRUPT) {
      this.typedAhead.push([state, text]);
    }
  }

  /** Read one line after `prompt` and hand it to the worker. */
  serve(prompt) {
    if (Atomics.exchange(this.interrupt, 0, 0) !== 0) {
      this.reply(INTERRUPT, '');
    } else if (this.typedAhead.length > 0) {
      this.reply(...this.typedAhead.shift());
    } else {
      const rl = this.open();
      this.waiting = true;
      rl.setPrompt(prompt);
      rl.prompt();
    }
  }

  reply(state, text) {
    let bytes = this.encoder.encode(text);
    if (bytes.length > CAPACITY) {
      process.stderr.write(`isthmus: an input line longer than ${CAPACITY} bytes was cut\n`);
      bytes = bytes.subarray(0, CAPACITY);
    }
    this.data.set(bytes);
    Atomics.store(this.ctrl, 1, bytes.length);
    Atomics.store(this.ctrl, 0, state);
    Atomics.notify(this.ctrl, 0);
  }

  /** The command ends: give the terminal back. */
  close() {
    this.rl?.close();
  }
}

/** The worker's side. */
export class LineClient {
  /**
   * @param {SharedArrayBuffer} sab
   * @param {(prompt: string) => void} request posts the request to the main thread
   * @param {Int32Array} interrupt the interrupt flag (js/cli.mjs)
   */
  constructor(sab, request, interrupt) {
    this.ctrl = new Int32Array(sab, 0, 2);
    this.data = new Uint8Array(sab, HEADER);
    this.request = request;
    this.interrupt = interrupt;
    this.decoder = new TextDecoder();
    this.reading = false;  // read() waits for the main thread's answer
  }

  /**
   * The worker's 'interrupt' message (Ctrl-C while Python waits in its event
   * loop): take the flag, unless read() waits for a line. That Ctrl-C is the
   * read's: the main thread's serve() answers INTERRUPT, or read() takes it
   * when the answer was already a line. Taken here it would only be noted
   * for the REPL's next statement, and the line read meanwhile (a typed-ahead
   * `while True: pass`) would run with no Ctrl-C left to stop it.
   */
  takeIdleInterrupt() {
    return !this.reading && Atomics.exchange(this.interrupt, 0, 0) !== 0;
  }

  /** @returns {[number, string]} [LINE | EOF | INTERRUPT, the line without its newline] */
  take() {
    const state = Atomics.load(this.ctrl, 0);
    const text = this.decoder.decode(this.data.slice(0, Atomics.load(this.ctrl, 1)));
    Atomics.store(this.ctrl, 0, WAITING);
    return [state, text];
  }

  readSync(prompt) {
    Atomics.store(this.ctrl, 0, WAITING);
    this.request(prompt);
    Atomics.wait(this.ctrl, 0, WAITING);
    return this.take();
  }

  async read(prompt) {
    Atomics.store(this.ctrl, 0, WAITING);
    this.request(prompt);
    this.reading = true;
    try {
      const { async, value } = Atomics.waitAsync(this.ctrl, 0, WAITING);
      if (async) await value;
    } finally {
      this.reading = false;
    }
    const [state, text] = this.take();
    // A Ctrl-C that came after the main thread answered (a line typed ahead,
    // or the worker slow to wake): the line is dropped, as a terminal's
    // Ctrl-C drops what was typed ahead.
    if (state === LINE && Atomics.exchange(this.interrupt, 0, 0) !== 0) return [INTERRUPT, ''];
    return [state, text];
  }
}
