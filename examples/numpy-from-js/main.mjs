// NumPy from JavaScript: hand a Float64Array to NumPy (one copy into wasm
// memory), compute there, and read the result array back without a copy.
//   node examples/numpy-from-js/main.mjs        (after tools/build.sh)
import { loadPyodide } from '../../dist/isthmus.mjs';

const py = await loadPyodide();
await py.loadPackage('numpy');  // only programs that ask for NumPy download it

// 4096 samples of two tones (50 and 120 cycles per window) in JS.
const samples = Float64Array.from({ length: 4096 },
  (_, i) => Math.sin(2 * Math.PI * 50 * i / 4096) + 0.5 * Math.sin(2 * Math.PI * 120 * i / 4096));

const spectrum = py.runPython(`
import numpy as np

def spectrum(samples):
    x = np.asarray(samples)              # the Float64Array as a float64 ndarray
    return np.abs(np.fft.rfft(x)) / (len(x) / 2)

spectrum
`);
const result = spectrum(samples);        // a PyProxy of the ndarray
const view = result.getBuffer('f64');    // a Float64Array over wasm memory: no copy
const amplitudes = view.data;
const peaks = [...amplitudes.keys()].filter((k) => amplitudes[k] > 0.1)
  .map((k) => `${k}: ${amplitudes[k].toFixed(3)}`);
console.log(`${samples.length} samples -> ${amplitudes.length} amplitudes (${view.format}, ` +
  `shape [${view.shape}]); peaks at ${peaks.join(', ')}`);
view.release();
result.destroy();
spectrum.destroy();
