"""The Python half of the `isthmus` command (js/cli.mjs): run what the
command line names as CPython's Modules/main.c does.

CPython itself parsed the command line when it started (sys.flags, sys.argv,
-W, -X, PYTHON* variables); js/cli_args.mjs parsed it too and says here what
to run. Returns python's exit status, or for the interactive prompt a Future
of it (the REPL awaits lines without blocking the worker's event loop).
"""
import os
import sys

STATUS_INTERRUPTED = 130  # 128 + SIGINT: what a shell sees when python dies of Ctrl-C

_repl = None  # the running REPL, for interrupt_idle()


def _hide_our_frames(tb):
    """The traceback without the command's own frames (this package, runpy):
    python's tracebacks start at the user's code."""
    import types

    frames = []
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not (filename.startswith("/lib/isthmus.zip/") or filename.startswith("<frozen runpy")):
            frames.append(tb)
        tb = tb.tb_next
    rebuilt = None
    for t in reversed(frames):
        rebuilt = types.TracebackType(rebuilt, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return rebuilt


def print_exception(exc):
    """An uncaught exception, through sys.excepthook (a program may replace it)."""
    exc.__traceback__ = _hide_our_frames(exc.__traceback__)
    try:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    except BaseException:
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__)


def _exit_status(exc):
    """SystemExit's code as python turns it into a status (Python/pythonrun.c)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF  # what the OS keeps of exit(code)
    try:
        print(code, file=sys.stderr)
    except Exception:
        pass
    return 1


def _report(exc):
    print_exception(exc)
    return STATUS_INTERRUPTED if isinstance(exc, KeyboardInterrupt) else 1


def _run_guarded(fn, inspect):
    """Run fn() and turn its outcome into an exit status. With -i a SystemExit
    does not end the command either (python then shows the prompt)."""
    try:
        fn()
    except SystemExit as exc:
        # python -i shows the SystemExit and goes on to the prompt.
        return _report(exc) if inspect else _exit_status(exc)
    except BaseException as exc:
        return _report(exc)
    return 0


def _exec_source(source, filename, main_dict):
    code = compile(source, filename, "exec")
    exec(code, main_dict)


def _sys_path_0(mode, target):
    """What python puts first on sys.path (nothing with -P, -I or PYTHONSAFEPATH)."""
    if sys.flags.safe_path:
        return None
    if mode == "module":
        return os.getcwd()
    if mode == "file":
        if _is_entry(target):
            return target
        return os.path.dirname(os.path.realpath(target))
    return ""


def _setup_path(mode, target):
    # PYTHONPATH is in place already (bridge/interpreter.cpp); this goes first.
    path0 = _sys_path_0(mode, target)
    if path0 is not None:
        sys.path.insert(0, path0)


def _run_file(path, main_dict):
    """python script.py: the file, or a directory or zip holding __main__.py
    (run as the module __main__ from it: it is sys.path[0])."""
    if _is_entry(path):
        import runpy

        runpy._run_module_as_main("__main__", alter_argv=False)
        return
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as exc:
        print(f"isthmus: can't open file {os.path.abspath(path)!r}: [Errno {exc.errno}] {exc.strerror}",
              file=sys.stderr)
        raise SystemExit(2) from None
    main_dict["__file__"] = path
    main_dict["__cached__"] = None
    _exec_source(source, path, main_dict)


def _is_entry(path):
    """A directory or a zip file: python runs its __main__ module."""
    return os.path.isdir(path) or (os.path.isfile(path) and _is_zip(path))


def _is_zip(path):
    import zipfile

    return zipfile.is_zipfile(path)


def _run_module(name):
    import runpy

    runpy._run_module_as_main(name, alter_argv=True)


def _use_terminal_input():
    """From a terminal, input() reads through node's readline with the prompt
    (line editing and history), as python's input() uses GNU readline."""
    import builtins

    from _isthmus_cli import readLineSync

    plain_input = builtins.input

    def input(prompt=""):
        if sys.stdin is not sys.__stdin__ or sys.stdout is not sys.__stdout__:
            return plain_input(prompt)
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        state, text = readLineSync(str(prompt))
        if state == "interrupt":
            raise KeyboardInterrupt
        if state == "eof":
            raise EOFError("EOF when reading a line")
        return text

    input.__doc__ = plain_input.__doc__
    builtins.input = input


def _interruptible_sleep():
    """time.sleep() that Ctrl-C ends with KeyboardInterrupt, as in python
    (Emscripten's sleeps in a loop nothing can stop)."""
    import _thread
    import math
    import signal
    import time

    from _isthmus_cli import sleep as js_sleep

    plain_sleep = time.sleep

    def sleep(secs):
        if not isinstance(secs, (int, float)) or not 0 <= secs < math.inf:
            return plain_sleep(secs)  # its errors for bad values
        if js_sleep(secs):
            # Through SIGINT's handler, which a program may have replaced.
            _thread.interrupt_main(signal.SIGINT)

    sleep.__doc__ = plain_sleep.__doc__
    time.sleep = sleep


def _version(level):
    print("Python " + (sys.version if level > 1 else sys.version.split()[0]))
    return 0


def main(config):
    """config: {mode, target, args, flags, version, tty: {stdin, stdout}} (js/cli.mjs)."""
    import __main__

    mode, target = config["mode"], config.get("target")
    if mode == "version":
        return _version(config["version"])
    _setup_path(mode, target)
    _interruptible_sleep()
    if config["tty"]["stdin"]:
        _use_terminal_input()
    main_dict = __main__.__dict__
    if mode == "command":
        status = _run_guarded(lambda: _exec_source(target, "<string>", main_dict), inspect=_inspect())
    elif mode == "module":
        status = _run_guarded(lambda: _run_module(target), inspect=_inspect())
    elif mode == "file":
        status = _run_guarded(lambda: _run_file(target, main_dict), inspect=_inspect())
    elif mode == "stdin":
        status = _run_guarded(lambda: _exec_source(sys.stdin.read(), "<stdin>", main_dict), inspect=_inspect())
    else:  # repl
        return _start_repl(main_dict, config, banner=not sys.flags.quiet, startup=True)
    _flush()
    if _inspect():
        return _start_repl(main_dict, config, banner=False, startup=False)
    return _at_exit(status)


def _at_exit(status):
    """What python does as it ends: the atexit functions (their errors are
    printed by atexit itself), then the output flushed."""
    import atexit

    try:
        atexit._run_exitfuncs()
    except BaseException:
        pass
    _flush()
    return status


def _inspect():
    """-i, or PYTHONINSPECT set (also by the program itself), as in python."""
    return bool(sys.flags.inspect or (not sys.flags.ignore_environment and os.environ.get("PYTHONINSPECT")))


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _start_repl(main_dict, config, banner, startup):
    import asyncio

    from . import repl

    global _repl
    if startup and not sys.flags.ignore_environment and os.environ.get("PYTHONSTARTUP"):
        _run_guarded(lambda: _run_file(os.environ["PYTHONSTARTUP"], main_dict), inspect=True)
        for name in ("__file__", "__cached__"):  # python leaves them unset after it
            main_dict.pop(name, None)
    _repl = repl.Repl(main_dict, terminal=config["tty"]["stdin"])
    asyncio.get_event_loop().interrupt_handler = _repl.interrupt

    async def interact():
        show_banner = banner
        while True:
            try:
                return _at_exit(await _repl.interact(show_banner))
            except KeyboardInterrupt:
                # Ctrl-C landed in the REPL's own code: as at the prompt.
                _repl.interrupted_here()
                show_banner = False

    return asyncio.ensure_future(interact())


def interrupt_idle():
    """Ctrl-C while Python waited in the event loop (js/cli.mjs)."""
    if _repl is not None:
        _repl.interrupt()
