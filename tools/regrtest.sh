#!/bin/sh
# CPython's whole test suite inside Isthmus and natively (Debian's python3.11),
# module by module: a line each, the totals, build/regrtest.tsv, and a
# comparison with tests/regrtest/expectations.tsv (exit 1 when a module
# changed state). Arguments go to tools/regrtest.py (say, module names, or
# --wasm to skip the native run). Takes hours on 2 cores: the test command
# runs tests/regrtest/subset.txt instead (CTest regrtest_subset).
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >/dev/null
cmake --build build --target regrtest_lib >/dev/null
exec /usr/bin/python3.11 tools/regrtest.py --lib build/regrtest --jobs 2 --tsv build/regrtest.tsv \
  --expect tests/regrtest/expectations.tsv "$@"
