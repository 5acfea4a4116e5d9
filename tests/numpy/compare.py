"""Summarise NumPy test-suite reports (report_plugin.py) of Isthmus and native.

    python3 compare.py ISTHMUS.json [NATIVE.json]

Prints the outcome counts of each run; with NATIVE, the share of natively
passing tests that pass inside Isthmus, and the tests that pass natively but
not in Isthmus grouped by cause (the exception line with numbers and quoted
text blurred), largest group first.
"""
import collections
import json
import re
import sys


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
    groups = collections.defaultdict(list)
    ok = 0
    for test in passing:
        outcome, cause = wasm.get(test, ("missing", "not collected in Isthmus"))
        if outcome == "passed":
            ok += 1
        else:
            groups[f"[{outcome}] " + (blur(cause) if cause else "")].append(test)
    share = 100 * ok / len(passing) if passing else 0
    print(f"of the {len(passing)} tests passing natively, {ok} pass in Isthmus ({share:.2f}%)")
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
