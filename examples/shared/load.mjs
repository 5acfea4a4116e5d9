// Loads Isthmus for an example page, showing download and start-up progress
// in the page's <progress id="loading"> and <span id="status"> elements.
import { loadPyodide } from '../../dist/isthmus.mjs';

const LABELS = { download: 'Downloading', compile: 'Compiling WebAssembly', start: 'Starting Python', ready: 'Ready' };

/**
 * @param {import('../../dist/isthmus').LoadOptions} [options]
 * @returns {Promise<import('../../dist/isthmus').IsthmusRuntime>}
 */
export async function loadForPage(options = {}) {
  const bar = document.getElementById('loading');
  const status = document.getElementById('status');
  const t0 = performance.now();
  const py = await loadPyodide({
    ...options,
    onProgress({ phase, loaded, total }) {
      const mb = (n) => (n / 1e6).toFixed(1);
      if (phase === 'download' && total) {
        bar.max = total;
        bar.value = loaded;
        status.textContent = `${LABELS[phase]} ${mb(loaded)} / ${mb(total)} MB`;
      } else {
        if (phase !== 'download') bar.removeAttribute('value');  // indeterminate
        status.textContent = `${LABELS[phase]}…`;
      }
    },
  });
  bar.hidden = true;
  status.textContent = `Python ready in ${Math.round(performance.now() - t0)} ms`;
  return py;
}

/**
 * Load Isthmus, run the example's main(py), then mark the page ready
 * (<body data-ready="true">, which the browser tests wait for). An error
 * is shown in the page's #error element, not only in the console.
 * @param {(py: import('../../dist/isthmus').IsthmusRuntime) => unknown} main
 * @param {import('../../dist/isthmus').LoadOptions} [options]
 */
export async function runExample(main, options) {
  try {
    await main(await loadForPage(options));
    document.body.dataset.ready = 'true';
  } catch (e) {
    document.getElementById('error').textContent = String(e);
    throw e;
  }
}

/** The text of a file next to the page (the examples keep Python in .py files). */
export async function fetchText(relativeURL) {
  const response = await fetch(relativeURL);
  if (!response.ok) throw new Error(`could not load ${relativeURL} (HTTP ${response.status})`);
  return response.text();
}
