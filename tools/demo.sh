#!/bin/sh
# Build, then run examples/hello.py with the isthmus command.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >/dev/null
node dist/cli.mjs examples/hello.py "$@"
