#!/bin/sh
# Benchmarks: Isthmus beside the npm `pyodide` package in one node process,
# the start-up of the `isthmus` command beside python3.11 and node, then
# NumPy inside Isthmus beside the same NumPy natively.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >/dev/null
sh tools/npm-deps.sh
node bench/run.mjs --json build/bench.json "$@"
node bench/startup.mjs --json build/bench-startup.json
cmake --build build --target numpy_native >/dev/null
NATIVE=$(sed -n 's/^ISTHMUS_NUMPY_NATIVE:INTERNAL=//p' build/CMakeCache.txt)
node bench/numpy.mjs "$NATIVE/bin/python" --json build/bench-numpy.json
