#!/usr/bin/env node
// `isthmus script.py [args]` / `isthmus -c CODE [args]`: run Python inside
// wasm like `python` does. The host's current directory (and the script's)
// is mounted at the same path, so relative and absolute paths both work.
// Python runs in a worker thread with a 16 MB stack: recursion through C
// code uses the JS engine's stack, and this gives CPython's usual recursion
// limit of 1000 (node's main thread would allow about 300).
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

// Mounting the host over these would hide the runtime's own files.
const RESERVED = ['/', '/lib', '/dev', '/proc'];

function mountPoint(runtime, hostDir) {
  if (RESERVED.includes(hostDir)) {
    // Use /host<dir> instead.
    const at = path.posix.join('/host', hostDir);
    runtime.mountNodeFS(at, hostDir);
    return at;
  }
  runtime.mountNodeFS(hostDir, hostDir);
  return hostDir;
}

async function run(argv, cwd) {
  const { loadPyodide } = await import('./isthmus.mjs');
  const write = (stream) => (bytes) => stream.write(bytes);
  const runtime = await loadPyodide({ _stdoutRaw: write(process.stdout), _stderrRaw: write(process.stderr) });
  const inside = mountPoint(runtime, cwd);
  runtime.FS.chdir(inside);
  if (argv.length > 0 && argv[0] !== '-c' && !argv[0].startsWith('-')) {
    const scriptDir = path.dirname(path.resolve(cwd, argv[0]));
    if (scriptDir !== cwd && !scriptDir.startsWith(cwd + path.sep) && !RESERVED.includes(scriptDir)) {
      try { mountPoint(runtime, scriptDir); } catch { /* missing: Python reports it */ }
    }
  }
  const code = runtime.runPython(`import _isthmus.cli, json; _isthmus.cli.main(json.loads(${JSON.stringify(JSON.stringify(argv))}))`);
  runtime.flushStdio();
  return code;
}

if (isMainThread) {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { argv: process.argv.slice(2), cwd: process.cwd() },
    resourceLimits: { stackSizeMb: 16 },
  });
  let status = 1;
  worker.on('message', (code) => { status = code; });
  worker.on('error', (e) => { console.error(e); status = 1; });
  worker.on('exit', () => { process.exitCode = status; });
} else {
  parentPort.postMessage(await run(workerData.argv, workerData.cwd));
}
