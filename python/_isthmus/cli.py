"""The `isthmus` command: run a script or -c code like `python` does."""
import os
import sys
import traceback


def _exit_code(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _user_frames(tb):
    """Skip the runner's own frames (this module, runpy), as python does."""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not (filename.startswith("/lib/isthmus.zip/") or filename.startswith("<frozen runpy")):
            break
        tb = tb.tb_next
    return tb


def main(argv):
    """argv: the command's arguments (after the program name). Returns the exit status."""
    import __main__

    if not argv or argv[0] in ("-h", "--help"):
        print("usage: isthmus script.py [args...] | isthmus -c CODE [args...]",
              file=sys.stderr if not argv else sys.stdout)
        return 2 if not argv else 0
    try:
        if argv[0] == "-c":
            if len(argv) < 2:
                print("isthmus: -c requires an argument", file=sys.stderr)
                return 2
            sys.argv = ["-c", *argv[2:]]
            code = compile(argv[1], "<string>", "exec")
            exec(code, __main__.__dict__)
        else:
            path = argv[0]
            if not os.path.isfile(path):
                reason = "No such file or directory" if not os.path.exists(path) else "Is a directory"
                print(f"isthmus: can't open file {os.path.abspath(path)!r}: {reason}", file=sys.stderr)
                return 2
            sys.argv = list(argv)
            sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
            import runpy

            runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        return _exit_code(exc)
    except BaseException as exc:
        traceback.print_exception(type(exc), exc, _user_frames(exc.__traceback__))
        return 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
    return 0
