"""Summarise NumPy test-suite reports (report_plugin.py) of Isthmus and native.

    python3 compare.py ISTHMUS.json [NATIVE.json]

Prints the outcome counts of each run; with NATIVE, the share of natively
passing tests that pass inside Isthmus (tests of NumPy's x86 SIMD targets left out;
tests parametrized by platform types paired by function), and the tests that
pass natively but not in Isthmus grouped by cause (the exception line with
numbers and quoted text blurred), largest group first.
"""
import collections
import json
import re
import sys

SIMD_TARGET = re.compile(r"^_core/tests/test_simd\.py::")  # NumPy's intrinsics per CPU target


def load(path):
    with open(path) as f:
        return json.load(f)


def counts(results):
    c = collections.Counter(outcome for outcome, _ in results.values())
    return ", ".join(f"{k} {c[k]}" for k in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"))


def blur(cause):
    cause = re.sub(r"0x[0-9a-f]+", "0x…", cause)
    cause = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", cause)
    cause = re.sub(r"\d+(\.\d+)?(e[+-]?\d+)?", "N", cause)
    return cause[:160]


def main():
    wasm = load(sys.argv[1])
    print(f"Isthmus: {len(wasm)} tests: {counts(wasm)}")
    if len(sys.argv) < 3:
        groups = collections.defaultdict(list)
        for test, (outcome, cause) in wasm.items():
            if outcome in ("failed", "error"):
                groups[blur(cause)].append(test)
        report(groups)
        return
    native = load(sys.argv[2])
    print(f"native:  {len(native)} tests: {counts(native)}")
    passing = [t for t, (o, _) in native.items() if o == "passed"]
    # Tests parametrized by platform types get other ids here (wasm32's C long
    # is 32 bits: Int32DType vs LongDType...): a natively passing test without
    # its id in Isthmus is paired with an unpaired Isthmus test of the same
    # function. SIMD targets (test_simd.py: NumPy's intrinsics per x86 target) exist only
    # natively, NumPy has none for wasm: not applicable.
    unpaired = collections.defaultdict(list)
    for t in wasm:
        if t not in native:
            unpaired[t.split("[")[0]].append(t)
    groups = collections.defaultdict(list)
    ok = paired = 0
    not_applicable = [t for t in passing if t not in wasm and SIMD_TARGET.search(t)]
    for test in passing:
        if test in not_applicable:
            continue
        if test not in wasm and unpaired[test.split("[")[0]]:
            test_here = unpaired[test.split("[")[0]].pop()
            paired += 1
        else:
            test_here = test
        outcome, cause = wasm.get(test_here, ("missing", "not collected in Isthmus"))
        if outcome == "passed":
            ok += 1
        else:
            groups[f"[{outcome}] " + (blur(cause) if cause else "")].append(test)
    total = len(passing) - len(not_applicable)
    share = 100 * ok / total if total else 0
    print(f"{len(not_applicable)} natively passing tests test NumPy's x86 SIMD targets (none for wasm); "
          f"{paired} were paired with the same test under another parameter id")
    print(f"of the other {total} tests passing natively, {ok} pass in Isthmus ({share:.2f}%)")
    report(groups)


def report(groups):
    for cause, tests in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n{len(tests):5d}  {cause}")
        for t in tests[:3]:
            print(f"         {t}")
        if len(tests) > 3:
            print(f"         ... and {len(tests) - 3} more")


if __name__ == "__main__":
    main()
