// Post-link step for the main module's JS glue (isthmus.asm.mjs), run by CMake.
//
// Emscripten 3.1.6 writes, for each of the ~8,000 functions a MAIN_MODULE=1
// build exports, a wrapper `var _f=Module["_f"]=function(){return(_f=...
// Module["asm"]["f"]).apply(null,arguments)};` so JS can call Module._f. That
// is 2.5 MB of the 3.3 MB glue, parsed and turned into closures at every
// start-up, for functions no JS calls: side modules link against the wasm
// exports themselves (asmLibraryArg), and Emscripten's own mergeLibSymbols
// puts every export on Module once the instance exists. The wrappers whose
// name the rest of the glue never mentions are removed; the others stay.
//
// Usage: node tools/trim_glue.mjs <isthmus.asm.mjs>   (rewrites it in place)
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const wrapper = /var (_[A-Za-z0-9_$]+)=Module\["\1"\]=function\(\)\{return\(\1=Module\["\1"\]=Module\["asm"\]\["[A-Za-z0-9_$]+"\]\)\.apply\(null,arguments\)\};/g;

const found = [...text.matchAll(wrapper)];
const rest = text.replace(wrapper, '');
const mentioned = new Set(rest.match(/[A-Za-z_$][A-Za-z0-9_$]*/g));
let removed = 0;
const trimmed = text.replace(wrapper, (decl, name) => {
  if (mentioned.has(name)) return decl;
  removed++;
  return '';
});
if (found.length === 0) {
  // A newer Emscripten writes its glue differently: nothing to do, but say so.
  console.warn(`trim_glue: no export wrappers found in ${file}; left as it is`);
} else {
  writeFileSync(file, trimmed);
  console.log(`trim_glue: ${removed} of ${found.length} export wrappers removed ` +
    `(${(text.length / 1e6).toFixed(2)} -> ${(trimmed.length / 1e6).toFixed(2)} MB)`);
}
