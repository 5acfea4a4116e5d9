// Python from JavaScript: load Isthmus in Node, import a Python module that
// ships next to this script, and call it with JS values.
//   node examples/python-from-js/main.mjs        (after tools/build.sh)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from '../../dist/isthmus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const py = await loadPyodide();
py.mountNodeFS('/examples', here);                 // the module's directory, inside wasm
py.runPython("import sys; sys.path.insert(0, '/examples')");
const textstats = py.pyimport('textstats');

const summary = textstats.summary([3, 1, 4, 1, 5, 9, 2, 6]);
console.log('summary:', summary.toJs());          // a Python dict -> a JS object
summary.destroy();

const words = textstats.top_words.callKwargs('the cat and the hat and the bat', { n: 2 });
console.log('top words:', words.toJs());
words.destroy();

console.log(textstats.describe({ name: 'Ada', age: 36, likes: ['math', 'engines'] }));

const shouted = textstats.apply_each((item, i) => `${i}:${item.toUpperCase()}`, ['a', 'b', 'c']);
console.log('callbacks:', shouted.toJs());
shouted.destroy();
textstats.destroy();
