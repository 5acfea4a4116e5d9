#!/bin/sh
# The whole test suite (GoogleTest, pytest inside wasm, node --test) via CTest.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh
ctest --test-dir build --output-on-failure
