"""pytest plugin: one outcome per test, written as JSON for compare.py.

    pytest -p report_plugin ...    (with ISTHMUS_REPORT=<file>)

Outcomes: passed, failed, error (setup/teardown failed), skipped, xfailed,
xpassed; for failures and errors also the cause (the exception's last line).
"""
import json
import os

RANK = {"passed": 0, "skipped": 1, "xfailed": 1, "xpassed": 1, "failed": 2, "error": 3}
results = {}


def _cause(report):
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message.strip().splitlines()[0][:300] if crash.message.strip() else "?"
    text = str(report.longrepr).strip().splitlines()
    return text[-1][:300] if text else "?"


def pytest_runtest_logreport(report):
    if hasattr(report, "wasxfail"):
        outcome = "xfailed" if report.skipped else "xpassed"
    elif report.failed:
        outcome = "failed" if report.when == "call" else "error"
    elif report.skipped:
        outcome = "skipped"
    elif report.when == "call":
        outcome = "passed"
    else:
        return
    old = results.get(report.nodeid)
    if old is None or RANK[outcome] > RANK[old[0]]:
        cause = _cause(report) if outcome in ("failed", "error") else ""
        if outcome == "skipped" and isinstance(report.longrepr, tuple):
            cause = str(report.longrepr[2])[:200]
        results[report.nodeid] = (outcome, cause)


def pytest_sessionfinish(session):
    path = os.environ.get("ISTHMUS_REPORT")
    if path:
        with open(path, "w") as f:
            json.dump(results, f, indent=0, sort_keys=True)
