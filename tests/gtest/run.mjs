// Runs a GoogleTest binary built with em++ (ES module glue) under node,
// with the handle table and error class the JS library expects.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { HandleTable } from '../../js/handles.mjs';
import { PythonError } from '../../js/errors.mjs';
import { Bridge } from '../../js/bridge.mjs';

const glue = process.argv[2];
const { default: create } = await import(pathToFileURL(glue).href);
// main() must run and exit through quit(); anything else is a failure, not a pass.
process.on('exit', () => {
  if (!exited) {
    console.error('run.mjs: the GoogleTest binary did not run to completion');
    process.exitCode = 1;
  }
});
let exited = false;
const handles = new HandleTable();
const bridge = new Bridge(handles);
await create({
  isthmusHandles: handles,
  isthmusBridge: bridge,
  // The bridge needs the instance's exports: attach before main() runs.
  onRuntimeInitialized() {
    bridge.attach(this);
  },
  isthmusPythonError: PythonError,
  arguments: process.argv.slice(3),
  // Emscripten 3.1.6 would fetch() a file path under node 20: read it here.
  wasmBinary: readFileSync(glue.replace(/\.mjs$/, '.wasm')),
  quit: (status) => {
    exited = true;
    process.exit(status);
  },
});
