"""pyodide.console: an interactive console for a terminal on a web page, as Pyodide has it.

Console is Python's interactive interpreter (code.InteractiveConsole's rules for
incomplete input, expression statements shown by sys.displayhook) driven by
push(): each call returns a ConsoleFuture at once, and the code runs on the
event loop, top-level `await` allowed, one statement after the other. Its
standard streams can be sent to callbacks. PyodideConsole also loads the
packages the code imports first.
"""
import ast
import asyncio
import sys
from contextlib import contextmanager, redirect_stderr, redirect_stdout  # noqa: F401  (Pyodide's names)
from io import TextIOBase

from _isthmus.code_runner import CodeRunner

__all__ = ["Console", "PyodideConsole", "BANNER", "repr_shorten", "ConsoleFuture"]


def _banner():
    import platform

    build = ", ".join(platform.python_build())
    return (f"Python {platform.python_version()} ({build}) on WebAssembly/Emscripten\n"
            'Type "help", "copyright", "credits" or "license" for more information.')


BANNER = _banner()

INCOMPLETE = "incomplete"
SYNTAX_ERROR = "syntax-error"
COMPLETE = "complete"

# The flags of codeop's checks, which must not reach the code that runs.
_CHECK_ONLY_FLAGS = 0x200 | 0x4000  # PyCF_DONT_IMPLY_DEDENT | PyCF_ALLOW_INCOMPLETE_INPUT



def _nothing_to_run(source):
    """Whether source is only blank lines and comments."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in source.split("\n"))

class ConsoleFuture(asyncio.Future):
    """What Console.push / runsource return.

    syntax_check: "incomplete" (the future is resolved with None: more lines
    are needed), "syntax-error" (rejected with the SyntaxError) or "complete"
    (settled by running the code). formatted_error: the traceback as text once
    the future is rejected (what a terminal shows; JS can read it without
    taking the exception across).
    """

    def __init__(self, syntax_check):
        super().__init__()
        self.syntax_check = syntax_check
        self.formatted_error = None


class _Writer(TextIOBase):
    """sys.stdout / sys.stderr of a Console: each write goes to the callback
    the console has at that moment (it may be reassigned)."""

    def __init__(self, console, attr, name):
        self._console = console
        self._attr = attr
        self._name = name

    name = property(lambda self: self._name)
    encoding = "utf-8"
    errors = "strict"

    def writable(self):
        return True

    def isatty(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            getattr(self._console, self._attr)(text)
        return len(text)


class _Reader(TextIOBase):
    """sys.stdin of a Console: stdin_callback(n) gives text (n is -1: any amount);
    "" is the end of the input, for this read (as a terminal's Ctrl-D: the next
    read asks again). Text beyond what a read returns waits for the next one."""

    def __init__(self, console):
        self._console = console
        self._pending = ""

    name = "<stdin>"
    encoding = "utf-8"
    errors = "strict"

    def readable(self):
        return True

    def isatty(self):
        return True

    def _fill(self):
        text = self._console.stdin_callback(-1)
        if not text:
            return False
        self._pending += text
        return True

    def read(self, size=-1):
        if size is None or size < 0:
            while self._fill():
                pass
            size = len(self._pending)
        while len(self._pending) < size and self._fill():
            pass
        text, self._pending = self._pending[:size], self._pending[size:]
        return text

    def readline(self, size=-1):
        while "\n" not in self._pending and (size is None or size < 0 or len(self._pending) < size):
            if not self._fill():
                break
        end = self._pending.find("\n") + 1 or len(self._pending)
        if size is not None and size >= 0:
            end = min(end, size)
        line, self._pending = self._pending[:end], self._pending[end:]
        return line


class Console:
    """An interactive console (see the module's docstring).

    globals: the namespace the code runs in (a new dict by default).
    stdin_callback(n) -> str, stdout_callback(str), stderr_callback(str): where
    sys.stdin/stdout/stderr go while code runs (those left None are not
    redirected); with persistent_stream_redirection they stay redirected
    between runs too. filename: the name tracebacks show. dont_inherit,
    optimize: as compile()'s.
    """

    def __init__(self, globals=None, *, stdin_callback=None, stdout_callback=None, stderr_callback=None,
                 persistent_stream_redirection=False, filename="<console>", dont_inherit=False, optimize=-1):
        import codeop

        # The default namespace is code.InteractiveConsole's.
        self.globals = globals if globals is not None else {"__name__": "__console__", "__doc__": None}
        self.stdin_callback = stdin_callback
        self.stdout_callback = stdout_callback
        self.stderr_callback = stderr_callback
        self.filename = filename
        self.dont_inherit = dont_inherit
        self.optimize = optimize
        self.buffer = []
        self.completer_word_break_characters = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?"
        self._completer = None
        self._lock = None
        # codeop tells incomplete input from errors as python's prompt does,
        # and remembers the __future__ imports the console has seen.
        self._compile = codeop.Compile()
        self._compile.flags |= ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        self._command = codeop.CommandCompiler()
        self._command.compiler = self._compile
        self._stream_objects = None
        self._saved_streams = None
        self._persistent = False
        if persistent_stream_redirection:
            self.persistent_redirect_streams()

    # -- streams ---------------------------------------------------------------
    def _streams(self):
        """name -> stream for the callbacks that are set (the same objects every time:
        text read ahead from stdin_callback stays for the next read)."""
        if self._stream_objects is None:
            self._stream_objects = {"stdin": _Reader(self), "stdout": _Writer(self, "stdout_callback", "<stdout>"),
                                    "stderr": _Writer(self, "stderr_callback", "<stderr>")}
        return {name: stream for name, stream in self._stream_objects.items()
                if getattr(self, f"{name}_callback") is not None}

    def _redirect(self):
        streams = self._streams()
        saved = {name: getattr(sys, name) for name in streams}
        for name, stream in streams.items():
            setattr(sys, name, stream)
        return saved

    @staticmethod
    def _restore(saved):
        for name, stream in saved.items():
            getattr(sys, name).flush()
            setattr(sys, name, stream)

    @contextmanager
    def redirect_streams(self):
        """A context manager: the standard streams go to the callbacks inside it
        (nothing changes when they are redirected persistently already)."""
        if self._persistent:
            yield
            return
        saved = self._redirect()
        try:
            yield
        finally:
            self._restore(saved)

    def persistent_redirect_streams(self):
        """Redirect the standard streams to the callbacks until persistent_restore_streams()."""
        if self._persistent:
            return
        self._saved_streams = self._redirect()
        self._persistent = True

    def persistent_restore_streams(self):
        """Undo persistent_redirect_streams()."""
        if not self._persistent:
            return
        self._persistent = False
        saved, self._saved_streams = self._saved_streams, None
        self._restore(saved)

    # -- running ---------------------------------------------------------------
    def push(self, line):
        """Add a line (it may hold newlines) to the buffer and run the buffer if it
        is a whole statement. The buffer is emptied unless the input is incomplete."""
        self.buffer.append(line)
        future = self.runsource("\n".join(self.buffer), self.filename)
        if future.syntax_check != INCOMPLETE:
            self.buffer = []
        return future

    def runsource(self, source, filename="<console>"):
        """Compile source; run it on the event loop if it is complete. A ConsoleFuture."""
        try:
            whole = self._command(source, filename, "single")
        except (SyntaxError, OverflowError, ValueError) as e:
            e = self._real_error(e, source, filename)
            if isinstance(e, SyntaxError) and e.filename is None:
                e.filename = filename
            future = ConsoleFuture(SYNTAX_ERROR)
            future.formatted_error = self.formatsyntaxerror(e)
            future.set_exception(e)
            future._log_traceback = False  # reported by formatted_error: no "never retrieved" warning
            return future
        if whole is None or _nothing_to_run(source):
            # (an empty, blank or comment-only line is complete and gives None,
            # as Enter at python's prompt)
            future = ConsoleFuture(INCOMPLETE if whole is None else COMPLETE)
            future.set_result(None)
            return future
        future = ConsoleFuture(COMPLETE)
        runner = CodeRunner(source, mode="single", filename=filename, flags=self._compile.flags & ~_CHECK_ONLY_FLAGS,
                            dont_inherit=True, optimize=self.optimize, dedent=False)
        task = asyncio.ensure_future(self._run_in_turn(source, runner))

        def done(t):
            if future.done():  # cancelled by its holder: the outcome has nowhere to go
                return
            if t.cancelled():
                future.cancel()
                return
            exc = t.exception()
            if exc is None:
                future.set_result(t.result())
                return
            future.formatted_error = self.formattraceback(exc)
            future.set_exception(exc)
            future._log_traceback = False

        task.add_done_callback(done)
        return future

    def _real_error(self, e, source, filename):
        """CPython 3.11.2's codeop reports complete but invalid input (`1 +`) as
        "incomplete input"; compiled as a whole statement, it says what is wrong."""
        if not isinstance(e, SyntaxError) or e.msg != "incomplete input":
            return e
        try:
            compile(source, filename, "single", self._compile.flags & ~_CHECK_ONLY_FLAGS, True)
        except SyntaxError as real:
            return real
        return e

    async def _run_in_turn(self, source, runner):
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            with self.redirect_streams():
                return await self.runcode(source, runner)

    async def runcode(self, source, code):
        """Run a compiled CodeRunner of source in the console's globals: the value of
        its last expression (the others go to sys.displayhook)."""
        return await code.compile().run_async(self.globals)

    # -- errors ------------------------------------------------------------------
    def num_frames_to_keep(self, tb):
        """How many frames of tb a traceback shows: those from the first one of the
        console's code on (the console's own frames go)."""
        frames = []
        while tb is not None:
            frames.append(tb.tb_frame.f_code.co_filename)
            tb = tb.tb_next
        for i, filename in enumerate(frames):
            if filename == self.filename:
                return len(frames) - i
        return len(frames)

    def formattraceback(self, e):
        """The traceback of e as text, without the console's own frames."""
        import traceback

        sys.last_type, sys.last_value, sys.last_traceback = type(e), e, e.__traceback__
        frames = []
        tb = e.__traceback__
        while tb is not None:
            frames.append(tb)
            tb = tb.tb_next
        keep = self.num_frames_to_keep(e.__traceback__)
        tb = frames[len(frames) - keep] if keep else None
        return "".join(traceback.format_exception(type(e), e, tb))

    def formatsyntaxerror(self, e):
        """A syntax error as text, without a traceback (as python's prompt shows it)."""
        import traceback

        sys.last_type, sys.last_value, sys.last_traceback = type(e), e, e.__traceback__
        return "".join(traceback.format_exception_only(type(e), e))

    # -- completion ----------------------------------------------------------------
    def complete(self, source):
        """Completions of the last word of source with rlcompleter in the console's
        globals: (matches, index in source where the word starts).

        >>> Console().complete("a = 5 ; str.isa")
        (['str.isalnum(', 'str.isalpha(', 'str.isascii('], 8)
        """
        if self._completer is None:
            import rlcompleter

            self._completer = rlcompleter.Completer(self.globals)
        start = len(source)
        while start > 0 and source[start - 1] not in self.completer_word_break_characters:
            start -= 1
        word = source[start:]
        # Straight to rlcompleter's matchers: its complete() answers a tab for an empty word.
        if "." in word:
            matches = self._completer.attr_matches(word)
        else:
            matches = self._completer.global_matches(word)
        return matches, start


class PyodideConsole(Console):
    """A Console that loads the packages the code imports (pyodide_js.loadPackagesFromImports) before running it."""

    async def runcode(self, source, code):
        import pyodide_js

        await pyodide_js.loadPackagesFromImports(source)
        return await super().runcode(source, code)


def repr_shorten(value, limit=1000, split=None, separator="..."):
    """repr(value), cut to its first and last `split` characters (limit // 2 by
    default) around separator when it is longer than limit.

    >>> repr_shorten(list(range(1000)), 20)
    '[0, 1, 2, ... 998, 999]'
    split=0 keeps only the separator (Pyodide keeps the whole text then: its
    tail is text[-0:]).
    """
    if limit < 4:
        raise ValueError("limit must be greater than or equal to 4.")
    text = repr(value)
    if len(text) <= limit:
        return text
    if split is None:
        split = limit // 2
    return text[:split] + separator + (text[-split:] if split > 0 else "")
