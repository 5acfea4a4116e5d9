#!/bin/sh
# Build (its progress lines on stderr: stdout is the demo's alone), then run
# examples/hello.py with the isthmus command.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >&2
node dist/cli.mjs examples/hello.py "$@"
