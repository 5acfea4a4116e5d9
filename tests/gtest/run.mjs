// Runs a GoogleTest binary built with em++ (ES module glue) under node,
// with the handle table and error class the JS library expects.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { HandleTable } from '../../js/handles.mjs';
import { PythonError } from '../../js/errors.mjs';

const glue = process.argv[2];
const { default: create } = await import(pathToFileURL(glue).href);
await create({
  isthmusHandles: new HandleTable(),
  isthmusPythonError: PythonError,
  arguments: process.argv.slice(3),
  // Emscripten 3.1.6 would fetch() a file path under node 20: read it here.
  wasmBinary: readFileSync(glue.replace(/\.mjs$/, '.wasm')),
  quit: (status) => process.exit(status),
});
