#!/usr/bin/env node
// `isthmus`: the `python` command on Isthmus (see `isthmus -h`).
//
// The main thread parses the command line (js/cli_args.mjs), answers -h,
// plans the mounts (js/cli_mounts.mjs), and starts Python in a worker thread
// with a 16 MB stack: recursion through C code uses the JS engine's stack, and
// this gives CPython's usual recursion limit of 1000 (node's main thread would
// allow about 300). The main thread stays free for what Python cannot do
// while it runs: catching SIGINT (a SharedArrayBuffer flag that CPython reads
// every few bytecodes, raising KeyboardInterrupt) and reading terminal lines
// with node's readline (js/cli_tty.mjs). The worker writes stdout and stderr
// itself, synchronously, so output order is kept and nothing is lost at exit.
// The Python half is python/_isthmus/cli.py.
import fs from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseArgs, UsageError, USAGE, TRY_HELP, HELP, HELP_ENV, HELP_XOPTIONS } from './cli_args.mjs';
import { planMounts } from './cli_mounts.mjs';
import { LineServer, LineClient, newChannelBuffer, LINE, EOF, INTERRUPT } from './cli_tty.mjs';
import { callbackSource, sleepSync } from './stdio.mjs';

const SIGINT = 2;
const STATUS_INTERRUPTED = 130;  // 128 + SIGINT, what a shell reports for python

function mainThread() {
  const argv = process.argv.slice(2);
  let parsed;
  try {
    parsed = parseArgs(argv, { stdinIsTTY: Boolean(process.stdin.isTTY) });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n${USAGE}\n${TRY_HELP}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.mode === 'help') {
    const text = { usage: HELP, env: HELP_ENV, xoptions: HELP_XOPTIONS, all: `${HELP}\n\n${HELP_ENV}\n\n${HELP_XOPTIONS}` }[parsed.help];
    process.stdout.write(`${text}\n`);
    return;
  }
  const env = { ...process.env };
  const ignoreEnv = parsed.flags.has('E') || parsed.flags.has('I');
  const { mounts, cwd } = planMounts({ cwd: process.cwd(), env, parsed, ignoreEnv });
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  const lines = new LineServer(newChannelBuffer(), interrupt, () => onInterrupt());
  const worker = new Worker(new URL(import.meta.url), {
    workerData: {
      argv, parsed: { ...parsed, flags: [...parsed.flags] }, env, mounts, cwd,
      interrupt: interrupt.buffer, lines: lines.ctrl.buffer,
      tty: { stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY) },
    },
    resourceLimits: { stackSizeMb: 16 },
  });
  const finish = (status) => {
    lines.close();
    process.exit(status);
  };
  // Ctrl-C: Python raises KeyboardInterrupt at its next check. If the first
  // one has not been taken yet (Python blocked in a read or a long C call),
  // a second ends the command as an unhandled KeyboardInterrupt would.
  const onInterrupt = () => {
    if (Atomics.load(interrupt, 0) !== 0) {
      fs.writeSync(2, '\nKeyboardInterrupt\n');
      finish(STATUS_INTERRUPTED);
    }
    Atomics.store(interrupt, 0, SIGINT);
    Atomics.notify(interrupt, 0);  // wakes time.sleep() (see `sleep` in the worker)
    worker.postMessage({ type: 'interrupt' });  // for a worker idle in its event loop
  };
  process.on('SIGINT', onInterrupt);
  worker.on('message', (message) => {
    if (message.type === 'readline') lines.serve(message.prompt);
    else if (message.type === 'exit') finish(message.status);
  });
  worker.on('error', (e) => {
    // os._exit(n): Emscripten ends the program by throwing ExitStatus (js/errors.mjs asExitError).
    if (e?.name === 'Exit' && Number.isInteger(e.status)) finish(e.status);
    fs.writeSync(2, `isthmus: internal error: ${e?.stack ?? e}\n`);
    finish(1);
  });
  worker.on('exit', () => finish(1));  // only reached if the worker died without saying
}

/** Write all of `bytes` to a file descriptor, waiting out a full pipe (EAGAIN). */
function writeAll(fd, bytes) {
  for (let at = 0; at < bytes.length;) {
    try {
      at += fs.writeSync(fd, bytes, at);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      sleepSync(5);  // a full pipe that node made non-blocking
    }
  }
}

async function workerThread() {
  const { argv, parsed, env, mounts, cwd, tty } = workerData;
  const interrupt = new Int32Array(workerData.interrupt);
  const lines = new LineClient(workerData.lines, (prompt) => parentPort.postMessage({ type: 'readline', prompt }), interrupt);
  const { loadPyodide } = await import('./isthmus.mjs');
  const options = {
    _stdoutRaw: (bytes) => writeAll(1, bytes),
    _stderrRaw: (bytes) => writeAll(2, bytes),
    // CPython parses the command line again (sys.flags, sys.argv...); -V is
    // answered by cli.py, CPython would exit on it.
    _cli: { argv: ['isthmus', ...(parsed.mode === 'version' ? [] : argv)], env, mounts, cwd },
  };
  // From a terminal, every read of stdin is a line from the main thread's
  // readline; a Ctrl-C there interrupts the read as it would in python.
  if (tty.stdin) options._stdinRaw = terminalSource(lines, interrupt);
  let runtime;
  try {
    runtime = await loadPyodide(options);
  } catch (e) {
    // CPython refused to start (a message is already on stderr).
    if (e?.message && !/see stderr/.test(e.message)) fs.writeSync(2, `isthmus: ${e.message}\n`);
    return 1;
  }
  runtime.setInterruptBuffer(interrupt);
  runtime.registerJsModule('_isthmus_cli', {
    readLine: (prompt) => lines.read(prompt).then(([state, text]) => [stateName(state), text]),
    readLineSync: (prompt) => { const [state, text] = lines.readSync(prompt); return [stateName(state), text]; },
    // The REPL lets CPython poll the interrupt flag only while a statement
    // runs (repl.py): a Ctrl-C then never lands in the REPL's or the event
    // loop's own code; between statements the worker takes it when idle.
    pollInterrupts: (on) => runtime._pollInterrupts(on),
    // time.sleep() (cli.py): Emscripten's sleep cannot be woken; this one
    // returns early, true, when Ctrl-C sets the flag (taken: Python raises).
    sleep: (seconds) => Atomics.wait(interrupt, 0, 0, seconds * 1000) !== 'timed-out'
      && Atomics.exchange(interrupt, 0, 0) !== 0,
  });
  const cli = runtime.pyimport('_isthmus.cli');
  // An interrupt that arrives while Python waits in the event loop (the REPL
  // awaiting something) is not seen by CPython's check: hand it over (not
  // while the REPL waits for a line: LineClient.takeIdleInterrupt).
  parentPort.on('message', (message) => {
    if (message.type === 'interrupt' && lines.takeIdleInterrupt()) cli.interrupt_idle();
  });
  // A KeyboardInterrupt raised in Python called back from a JS Promise
  // (settling an awaited one) rejects a Promise nobody holds: it is the
  // REPL's Ctrl-C all the same, not a crash.
  process.on('unhandledRejection', (e) => {
    if (e?.type !== 'KeyboardInterrupt') throw e;
    cli.interrupt_idle();
  });
  let status = cli.main(runtime.toPy({ ...parsed, tty }));
  if (typeof status === 'object') {
    // The REPL: a Future of the exit status.
    const future = status;
    status = await future;
    future.destroy();
  }
  runtime.flushStdio();
  return status;
}

function stateName(state) {
  return { [LINE]: 'line', [EOF]: 'eof', [INTERRUPT]: 'interrupt' }[state];
}

/** stdin from a terminal, as bytes: a line at a time from the main thread. */
function terminalSource(lines, interrupt) {
  return callbackSource(() => {
    const [state, text] = lines.readSync('');
    if (state === EOF) return null;
    if (state === INTERRUPT) {
      Atomics.store(interrupt, 0, SIGINT);
      const error = new Error('interrupted');
      error.errno = 27;  // EINTR: CPython checks its signals and raises KeyboardInterrupt
      throw error;
    }
    return `${text}\n`;
  });
}

if (isMainThread) {
  mainThread();
} else {
  const status = await workerThread();
  parentPort.postMessage({ type: 'exit', status });
}
