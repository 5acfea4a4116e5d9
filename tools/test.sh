#!/bin/sh
# The whole test suite (GoogleTest, pytest inside wasm, node --test, Chromium)
# via CTest.
set -eu
cd "$(dirname "$0")/.."
sh tools/install-deps.sh --test
sh tools/build.sh
sh tools/npm-deps.sh
ctest --test-dir build --output-on-failure
