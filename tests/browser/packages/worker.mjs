// Packages inside a module Web Worker: side modules compiled asynchronously,
// then imported and used. Posts the results (or the error) back.
import { loadPyodide } from '/dist/isthmus.mjs';

try {
  const py = await loadPyodide({ packages: ['regex', 'msgpack'] });
  const result = py.runPython(`
import regex, msgpack
[regex.findall(r"\\p{N}+", "a1b22c333"), msgpack.unpackb(msgpack.packb({"k": [1, 2]}))["k"][1]]
`).toJs();
  postMessage({ ok: true, result, loaded: Object.keys(py.loadedPackages).sort() });
} catch (e) {
  postMessage({ ok: false, error: String(e?.stack ?? e) });
}
