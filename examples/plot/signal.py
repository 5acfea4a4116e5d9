# Data for the plot, computed with NumPy (vectorised: no Python loop over the
# samples): a damped oscillation with noise and its moving mean, as float64
# ndarrays that JavaScript reads without copying through getBuffer().
import numpy as np

N = 2000
WINDOW = 50


def compute(damping):
    rng = np.random.default_rng(7)  # the same noise on every redraw
    x = np.arange(N) * 0.01
    signal = np.exp(-damping * x) * np.sin(2 * np.pi * x) + rng.normal(0, 0.05, N)
    # Moving mean over the last WINDOW samples (fewer at the start), by cumulative sums.
    csum = np.concatenate(([0.0], np.cumsum(signal)))
    lo = np.maximum(0, np.arange(N) - WINDOW + 1)
    mean = (csum[1:] - csum[lo]) / (np.arange(N) + 1 - lo)
    summary = (
        f"{N} points; signal mean {signal.mean():+.4f}, "
        f"stdev {signal.std(ddof=1):.4f}, max {signal.max():.3f}"
    )
    return {"x": x, "signal": signal, "mean": mean, "summary": summary}
