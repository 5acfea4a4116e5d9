"""Run a long build step with its output in a log file instead of the terminal.

    python3 tools/run_logged.py LOG NAME -- COMMAND [ARG...]

Third-party builds (CPython, the C libraries) print thousands of lines of
configure output and compiler warnings that are not ours to fix. This keeps
them in LOG, prints a progress line every minute while COMMAND runs, and on
failure the log's last lines and where the whole log is. The exit status is
COMMAND's (1 if it was killed by a signal, 130 after Ctrl-C).
"""
import subprocess
import sys
import time
from pathlib import Path

TAIL_LINES = 40
PROGRESS_EVERY = 60  # seconds


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit(__doc__)
    log, name, cmd = Path(sys.argv[1]), sys.argv[2], sys.argv[4:]
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        try:
            while True:
                try:
                    rc = proc.wait(timeout=PROGRESS_EVERY)
                    break
                except subprocess.TimeoutExpired:
                    minutes = round((time.monotonic() - start) / 60)
                    print(f"   {name}: {minutes} min so far (log: {log})", flush=True)
        except KeyboardInterrupt:
            proc.wait()  # the same Ctrl-C reached it (same process group)
            sys.exit(130)
    if rc != 0:
        tail = log.read_text(errors="replace").splitlines()[-TAIL_LINES:]
        print("\n".join(tail), file=sys.stderr)
        print(f"{name} failed (exit status {rc}); the whole log: {log}", file=sys.stderr, flush=True)
        sys.exit(rc if rc > 0 else 1)


if __name__ == "__main__":
    main()
