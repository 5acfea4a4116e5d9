// Isthmus in a Worker with an interrupt buffer from the page: a `while True`
// loop ends in KeyboardInterrupt when the page writes 2, and the runtime
// keeps working; then checkInterrupt() from a JS callback does the same.
import { loadPyodide } from '/dist/isthmus.mjs';

onmessage = async ({ data: { interrupt } }) => {
  try {
    const py = await loadPyodide({ stdout: () => {} });
    py.setInterruptBuffer(interrupt);
    py.registerJsModule('page', {
      looping: () => postMessage({ type: 'looping' }),
    });
    const caught = py.runPython(`
import page
try:
    page.looping()
    while True:
        pass
except KeyboardInterrupt:
    r = "KeyboardInterrupt"
r
`);
    const at = performance.timeOrigin + performance.now();  // comparable with the page's clock
    const after = py.runPython('sum(range(10))');
    const bufferAfter = Atomics.load(interrupt, 0);
    // checkInterrupt() in a JS callback that Python calls: the interrupt is
    // raised in Python at the call.
    py.registerJsModule('cb', {
      poll: () => { Atomics.store(interrupt, 0, 2); py.checkInterrupt(); return 'not reached'; },
    });
    const fromCallback = py.runPython(`
import cb
try:
    cb.poll()
    r = "no interrupt"
except KeyboardInterrupt:
    r = "KeyboardInterrupt"
r
`);
    postMessage({ type: 'done', caught, after, bufferAfter, fromCallback, at });
  } catch (e) {
    postMessage({ type: 'done', error: String(e?.message ?? e) });
  }
};
