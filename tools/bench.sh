#!/bin/sh
# Benchmarks: Isthmus beside the npm `pyodide` package in one node process.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >/dev/null
sh tools/npm-deps.sh
node bench/run.mjs --json build/bench.json "$@"
