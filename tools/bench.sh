#!/bin/sh
# Benchmarks: Isthmus beside the npm `pyodide` package in one node process,
# then the start-up of the `isthmus` command beside python3.11 and node.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >/dev/null
sh tools/npm-deps.sh
node bench/run.mjs --json build/bench.json "$@"
node bench/startup.mjs --json build/bench-startup.json
