#!/bin/sh
# Build, then serve the browser examples on http://127.0.0.1:8000/examples/.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >/dev/null
sh tools/npm-deps.sh >/dev/null
exec node tools/serve.mjs "$@"
