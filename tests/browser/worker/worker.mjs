// Isthmus inside a module Web Worker: loads with the default indexURL (the
// directory isthmus.mjs came from), runs Python that uses the worker's
// globals and an awaited JS Promise, and posts the results with the
// progress events it saw.
import { loadPyodide } from '/dist/isthmus.mjs';

const progress = [];
const stdout = [];
try {
  const py = await loadPyodide({
    stdout: (line) => stdout.push(line),
    onProgress: (event) => progress.push(event),
  });
  const result = await py.runPythonAsync(`
import js, sys
from pyodide.ffi import to_js
print("hello from a worker")
later = js.Promise.new(lambda resolve, reject: js.setTimeout(resolve, 5, "resolved"))
to_js({
    "platform": sys.platform,
    "has_document": hasattr(js, "document"),
    "scope": js.self.constructor.name,
    "sum": sum(range(101)),
    "awaited": await later,
    "location": str(js.location.pathname),
}, dict_converter=js.Object.fromEntries)
`);
  py.flushStdio();
  postMessage({ ok: true, result, progress, stdout });
} catch (e) {
  postMessage({ ok: false, error: String(e?.stack ?? e) });
}
