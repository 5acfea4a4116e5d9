#!/bin/sh
# Benchmarks: Isthmus beside the npm `pyodide` package in one node process.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >/dev/null
[ -d node_modules/pyodide ] || npm ci --no-audit --no-fund
node bench/run.mjs --json build/bench.json "$@"
