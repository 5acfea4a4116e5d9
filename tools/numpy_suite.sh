#!/bin/sh
# NumPy's whole test suite inside Isthmus (node) and natively (the same NumPy
# on the host's CPython 3.11), then compared: counts, the share of natively
# passing tests that pass in Isthmus, the rest grouped by cause.
#   tools/numpy_suite.sh [pytest args]   (default: the whole installed suite but f2py's)
# Reports and logs go to build/numpy-suite/.
set -eu
cd "$(dirname "$0")/.."
sh tools/build.sh >/dev/null
cmake --build build --target numpy_native numpy_test_site >/dev/null
NATIVE=$(sed -n 's/^ISTHMUS_NUMPY_NATIVE:INTERNAL=//p' build/CMakeCache.txt)
OUT=build/numpy-suite
mkdir -p "$OUT"
# f2py's tests compile Fortran with meson at run time: not applicable inside wasm.
[ $# -gt 0 ] || set -- --pyargs numpy --ignore-glob="/*/f2py/*" --continue-on-collection-errors
echo "native: $NATIVE/bin/python (log $OUT/native.log)"
(cd "$OUT" && PYTHONPATH="$PWD/../../tests/numpy" ISTHMUS_REPORT="$PWD/native.json" \
  "$NATIVE/bin/python" -m pytest -p report_plugin -p no:cacheprovider -q "$@" > native.log 2>&1) || true
tail -1 "$OUT/native.log"
echo "Isthmus: node tests/numpy/run_suite.mjs (log $OUT/isthmus.log)"
node tests/numpy/run_suite.mjs dist build/tests/numpy-test-site "$OUT/isthmus.json" "$@" > "$OUT/isthmus.log" 2>&1 || true
tail -1 "$OUT/isthmus.log"
python3 tests/numpy/compare.py "$OUT/isthmus.json" "$OUT/native.json" | tee "$OUT/summary.txt"
