#!/usr/bin/env node
// `isthmus script.py [args]` / `isthmus -c CODE [args]`: run Python inside
// wasm like `python` does. The host's current directory (and the script's)
// is mounted at the same path, so relative and absolute paths both work.
import path from 'node:path';
import { loadPyodide } from './isthmus.mjs';

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

async function main(argv) {
  const write = (stream) => (bytes) => stream.write(bytes);
  const runtime = await loadPyodide({ _stdoutRaw: write(process.stdout), _stderrRaw: write(process.stderr) });
  const cwd = process.cwd();
  const inside = mountPoint(runtime, cwd);
  runtime.FS.chdir(inside);
  if (argv.length > 0 && argv[0] !== '-c' && !argv[0].startsWith('-')) {
    const scriptDir = path.dirname(path.resolve(argv[0]));
    if (scriptDir !== cwd && !scriptDir.startsWith(cwd + path.sep) && !RESERVED.includes(scriptDir)) {
      try { mountPoint(runtime, scriptDir); } catch { /* missing: Python reports it */ }
    }
  }
  const code = runtime.runPython(`import _isthmus.cli, json; _isthmus.cli.main(json.loads(${JSON.stringify(JSON.stringify(argv))}))`);
  runtime.flushStdio();
  return code;
}

process.exitCode = await main(process.argv.slice(2));
