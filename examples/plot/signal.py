# Data for the plot: a damped oscillation with noise, and its moving mean,
# in array('d') buffers that JavaScript reads without copying (the same
# getBuffer() path serves NumPy arrays or any PEP 3118 exporter).
import math
import random
import statistics
from array import array

N = 2000
WINDOW = 50


def compute(damping):
    rng = random.Random(7)  # the same noise on every redraw
    x = array("d", (i * 0.01 for i in range(N)))
    signal = array(
        "d", (math.exp(-damping * t) * math.sin(2 * math.pi * t) + rng.gauss(0, 0.05) for t in x)
    )
    mean = array("d", bytes(8 * N))
    for i in range(N):
        mean[i] = statistics.fmean(signal[max(0, i - WINDOW + 1) : i + 1])
    summary = (
        f"{N} points; signal mean {statistics.fmean(signal):+.4f}, "
        f"stdev {statistics.stdev(signal):.4f}, max {max(signal):.3f}"
    )
    return {"x": x, "signal": signal, "mean": mean, "summary": summary}
