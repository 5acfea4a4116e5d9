#!/bin/sh
# npm dev dependencies (pyodide for benchmarks, playwright-core and uPlot for
# the browser examples and tests), installed when package-lock.json changed.
set -eu
cd "$(dirname "$0")/.."
# -nt is not POSIX, but every sh this runs under (dash, bash, busybox) has it.
# shellcheck disable=SC3013
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
