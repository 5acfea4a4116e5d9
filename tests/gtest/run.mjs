// Runs a GoogleTest binary built with em++ (ES module glue) under node,
// with the handle table and the JS half the JS library expects (from dist/,
// where the generated wire.mjs is).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dist = process.env.ISTHMUS_DIST ? pathToFileURL(`${process.env.ISTHMUS_DIST}/`) : new URL('../../dist/', import.meta.url);
const { HandleTable } = await import(new URL('handles.mjs', dist).href);
const { SlotCodec } = await import(new URL('slot_codec.mjs', dist).href);
const jsOps = await import(new URL('js_ops.mjs', dist).href);
const deepConvert = await import(new URL('deep_convert.mjs', dist).href);

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
const bridge = new SlotCodec(handles);
await create({
  isthmusHandles: handles,
  isthmusBridge: bridge,
  isthmusOps: jsOps,
  isthmusDeep: deepConvert,
  // The bridge needs the instance's exports: attach before main() runs.
  onRuntimeInitialized() {
    bridge.attach(this);
  },
  arguments: process.argv.slice(3),
  // Emscripten 3.1.6 would fetch() a file path under node 20: read it here.
  wasmBinary: readFileSync(glue.replace(/\.mjs$/, '.wasm')),
  quit: (status) => {
    exited = true;
    process.exit(status);
  },
});
