#!/bin/sh
# Set up a fresh Debian bookworm machine and build dist/. Safe to re-run:
# installed packages, fetched sources and the cached wasm builds are reused.
set -eu
cd "$(dirname "$0")/.."
sh tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake >/dev/null
cmake --build build -j2
