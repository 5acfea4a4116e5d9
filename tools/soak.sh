#!/bin/sh
# The soak run for before releases: 1e6 fuzz operations (tests/fuzz/soak.mjs)
# with a report of the live counts every 50,000. Usage: tools/soak.sh [ops] [seed]
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh
sh tools/npm-deps.sh
exec node --expose-gc tests/fuzz/soak.mjs "$@"
