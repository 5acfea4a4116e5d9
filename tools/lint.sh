#!/bin/sh
# Every linter, as the test command runs them (the CTest test `lint`): ruff
# for Python (ruff.toml), ShellCheck for tools/*.sh and .ci/run, ESLint for
# JavaScript (eslint.config.js), tsc for js/isthmus.d.ts against the code and
# tests/types (tsconfig.json), clang-format for the C++ files listed in
# CLANG_FORMAT_FILES (.clang-format).
# It installs what it needs (Debian packages, npm dev dependencies, ruff in a
# cached venv, pinned with hashes) and runs them all before it fails.
set -eu
cd "$(dirname "$0")/.."

# C++ files held to .clang-format (clang-format --dry-run -Werror): ours, not
# the generated or third-party ones.
CLANG_FORMAT_FILES="$(ls bridge/*.cpp bridge/*.h bridge/wire/*.cpp bridge/wire/*.h proxies/*.cpp proxies/*.h \
  typeconv/*.cpp typeconv/*.h tests/gtest/*.cpp)"

sh tools/install-deps.sh --lint
sh tools/npm-deps.sh >/dev/null
CACHE="${ISTHMUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/isthmus}"
LINTENV="$CACHE/lintenv-$(sha256sum tools/lint-requirements.txt | cut -c1-12)"
/usr/bin/python3.11 tools/make_buildenv.py tools/lint-requirements.txt "$LINTENV"

# The generated js/wire.mjs, for tsc (tsconfig.json rootDirs).
mkdir -p build/generated
/usr/bin/python3.11 tools/gen_wire.py bridge/wire/wire.h build/generated/wire.mjs \
  "$(sed -n 's/^project(isthmus VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"

failed=""
check() { # name command...
  name=$1; shift
  if "$@"; then echo "lint: $name ok"; else failed="$failed $name"; fi
}
check ruff "$LINTENV/bin/ruff" check --quiet
check shellcheck shellcheck tools/*.sh .ci/run
check eslint node_modules/.bin/eslint
check tsc node_modules/.bin/tsc -p tsconfig.json
config_parses() { clang-format --style=file --dump-config >/dev/null; }
check .clang-format config_parses
# shellcheck disable=SC2086 # a list of file names
[ -z "$CLANG_FORMAT_FILES" ] || check clang-format clang-format --dry-run -Werror $CLANG_FORMAT_FILES
if [ -n "$failed" ]; then
  echo "lint: failed:$failed" >&2
  exit 1
fi
