"""The interactive prompt of `isthmus`: python's REPL (code.InteractiveConsole)
with top-level `await`, as `python -m asyncio` has it.

It runs as a coroutine on the WebLoop: waiting for a line does not block the
worker's event loop, so an awaited JS Promise or asyncio.sleep() completes.
From a terminal, lines come from node's readline on the main thread (editing,
history: js/cli_tty.mjs); otherwise from sys.stdin, the prompts on stderr.
"""
import ast
import asyncio
import code
import inspect
import sys
import types

from .cli import _exit_status, _flush, print_exception

BANNER = 'Python {version} on {platform}\nType "help", "copyright", "credits" or "license" for more information.'


def _poll_interrupts(on):
    from _isthmus_cli import pollInterrupts

    pollInterrupts(on)


class _Interruptible:
    """Await a statement's coroutine with Ctrl-C polled only during its own
    steps, not in the event loop's code between them."""

    def __init__(self, coro):
        self.coro = coro

    def __await__(self):
        value, error = None, None
        while True:
            _poll_interrupts(True)
            try:
                awaited = self.coro.throw(error) if error is not None else self.coro.send(value)
            except StopIteration as stop:
                return stop.value
            finally:
                _poll_interrupts(False)
            try:
                value, error = (yield awaited), None
            except BaseException as exc:  # thrown in by the Task (cancel())
                value, error = None, exc


class Repl(code.InteractiveConsole):
    def __init__(self, namespace, terminal):
        super().__init__(namespace, filename="<stdin>")
        self.compile.compiler.flags |= ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        self.terminal = terminal
        self.pending = None  # the coroutine of a statement that awaits
        self.task = None  # ... while it runs
        self.interrupted = False
        self.interrupt_pending = False  # a Ctrl-C that came with no statement running

    def runcode(self, code):
        # As asyncio's REPL: a code object with top-level await, called,
        # gives a coroutine; interact() runs it on the event loop.
        func = types.FunctionType(code, self.locals)
        try:
            _poll_interrupts(True)
            try:
                result = func()
            finally:
                _poll_interrupts(False)
        except SystemExit:
            raise
        except BaseException:
            self.showtraceback()
            return
        if inspect.iscoroutine(result):
            self.pending = result

    def showtraceback(self):
        # As code.InteractiveConsole, without this module's frames.
        sys.last_type, sys.last_value, sys.last_traceback = sys.exc_info()
        print_exception(sys.last_value)

    async def read(self, prompt):
        _flush()
        if self.terminal:
            from _isthmus_cli import readLine

            state, text = (await readLine(prompt)).to_py()
            if state == "interrupt":
                raise KeyboardInterrupt
            if state == "eof":
                raise EOFError
            return text
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line[:-1] if line.endswith("\n") else line

    async def run_pending(self):
        coro, self.pending = self.pending, None
        self.task = asyncio.ensure_future(_Interruptible(coro))
        if self.interrupt_pending:  # Ctrl-C while the statement was being set up
            self.interrupt()
        try:
            await self.task
        except asyncio.CancelledError:
            if not self.interrupted:
                self.showtraceback()
            else:
                raise KeyboardInterrupt from None
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException:
            self.showtraceback()
        finally:
            self.task = None
            self.interrupted = False

    def interrupt(self):
        """Ctrl-C while a statement awaits: cancel it (KeyboardInterrupt);
        with none running, the next statement or prompt takes it."""
        if self.task is not None:
            self.interrupt_pending = False
            self.interrupted = True
            self.task.cancel()
        else:
            self.interrupt_pending = True

    def interrupted_here(self):
        """KeyboardInterrupt outside a statement: drop the half-read block
        (and a statement not started), as python's prompt does."""
        self.write("\nKeyboardInterrupt\n")
        self.resetbuffer()
        if self.pending is not None:
            self.pending.close()
            self.pending = None
        self.interrupt_pending = False

    async def interact(self, banner=True):
        """Read, run, print until EOF or SystemExit; returns the exit status."""
        if not hasattr(sys, "ps1"):
            sys.ps1 = ">>> "
        if not hasattr(sys, "ps2"):
            sys.ps2 = "... "
        _poll_interrupts(False)  # from here, only while a statement runs
        if banner:
            self.write(BANNER.format(version=sys.version, platform=sys.platform) + "\n")
        more = False
        while True:
            try:
                if self.interrupt_pending:
                    raise KeyboardInterrupt
                try:
                    line = await self.read(str(sys.ps2 if more else sys.ps1))
                except EOFError:
                    self.write("\n")  # as python, also when stdin is no terminal
                    _flush()
                    return 0
                more = self.push(line)
                if self.pending is not None:
                    await self.run_pending()
            except KeyboardInterrupt:
                self.interrupted_here()
                more = False
            except SystemExit as exc:
                _flush()
                return _exit_status(exc)
