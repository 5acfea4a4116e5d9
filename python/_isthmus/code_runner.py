"""Run a source string and return the value of its last expression.

Follows Pyodide's runPython (pyodide.code.eval_code): the source is dedented
first (indented JS template literals work), a trailing expression statement is
evaluated and returned unless the code ends with a semicolon, and a file name
other than "<...>" gets the source into linecache, so tracebacks show its lines.
"""
import ast
import sys

_FILENAME = "<exec>"


def dedent_text(text):
    """textwrap.dedent, without importing re: start-up runs code through here
    and `re` (with textwrap, tokenize and linecache) cost ~45 ms of it.
    tests/python/test_code_runner.py holds it to textwrap.dedent."""
    # Lines of only spaces and tabs become empty; the margin is the longest
    # common prefix of the leading whitespace of the other lines.
    lines = ["" if line.strip(" \t") == "" else line for line in text.split("\n")]
    margin = None
    for line in lines:
        content = line.lstrip(" \t")
        if not content:
            continue
        indent = line[: len(line) - len(content)]
        if margin is None or margin.startswith(indent):
            margin = indent
        elif not indent.startswith(margin):
            for i, (x, y) in enumerate(zip(margin, indent, strict=False)):
                if x != y:
                    margin = margin[:i]
                    break
    if margin:
        lines = [line[len(margin) :] if line.startswith(margin) else line for line in lines]
    return "\n".join(lines)


def _quiet(source, last):
    """True when a ';' follows the statement `last` (comments ignored)."""
    lines = source.splitlines()
    tail = lines[last.end_lineno - 1][last.end_col_offset:]
    tail += "\n".join(lines[last.end_lineno:])
    for line in tail.splitlines() or [tail]:
        code = line.split("#", 1)[0]
        if ";" in code:
            return True
    return False


def _assigned_name(stmt):
    """The name an assignment statement binds last (None if it binds no plain name).

    `x = y = 4` gives "y", `x: int = 5` and `x += 1` give "x"; `a, b = ...`,
    `d[k] = ...` and `o.a = ...` give None, as in Pyodide. A bare annotation
    (`x: int`) assigns nothing, so it gives None too (Pyodide evaluates the
    name and raises NameError: a bug).
    """
    if isinstance(stmt, ast.Assign):
        target = stmt.targets[-1]
    elif isinstance(stmt, ast.AugAssign) or isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target = stmt.target
    else:
        return None
    return target.id if isinstance(target, ast.Name) else None


_RETURN_MODES = ("last_expr", "last_expr_or_assign", "none")
_CO_COROUTINE = 0x80


class CodeRunner:
    """Parse, compile and run a source string, returning the value of its last
    expression (pyodide.code.CodeRunner; runPython and eval_code use it).

    The source is parsed when the runner is made (`ast` may be transformed
    before compile()); compile() fills `code`, the code object of the
    statements, and keeps the returned expression apart (it is compiled on
    its own, in "eval" mode: no hidden names in the namespace and no
    exception used as a return path). `mode` is compile()'s: "exec", "single"
    (expression statements other than the returned one go to sys.displayhook,
    as at the interactive prompt) or "eval".
    """

    def __init__(self, source, *, return_mode="last_expr", mode="exec", quiet_trailing_semicolon=True,
                 filename=_FILENAME, flags=0, dont_inherit=False, optimize=-1, dedent=True):
        if return_mode not in _RETURN_MODES:
            raise ValueError(f"return_mode must be one of {', '.join(map(repr, _RETURN_MODES))}, not {return_mode!r}")
        if dedent:
            source = dedent_text(source)
        self._source = source
        self.return_mode = return_mode
        self.mode = mode
        self.quiet_trailing_semicolon = quiet_trailing_semicolon
        self.filename = filename
        self.flags = flags
        self.dont_inherit = dont_inherit
        self.optimize = optimize
        # (Top-level await is checked when compiling, not parsing.)
        self.ast = compile(source, filename, mode, flags | ast.PyCF_ONLY_AST, dont_inherit, optimize)
        self.code = None
        self._last = None

    def _returned(self, body):
        """The expression whose value run() returns (None: nothing), taken out of body."""
        if self.return_mode == "none" or not body:
            return None
        stmt = body[-1]
        if self.quiet_trailing_semicolon and _quiet(self._source, stmt):
            return None
        if isinstance(stmt, ast.Expr):
            body.pop()
            return ast.Expression(stmt.value)
        if self.return_mode == "last_expr_or_assign":
            name = _assigned_name(stmt)
            if name is not None:
                value = ast.copy_location(ast.Name(name, ast.Load()), stmt)
                return ast.Expression(ast.fix_missing_locations(value))
        return None

    def compile(self):
        """Compile `ast` into `code`; returns self. Nodes added to `ast` without
        line numbers get them (as Pyodide's); compiling twice is a RuntimeError."""
        if self.code is not None:
            raise RuntimeError("Already compiled")
        tree = ast.fix_missing_locations(self.ast)
        last = None
        if self.mode != "eval":
            body = list(tree.body)
            last = self._returned(body)
            if last is not None:
                tree = ast.Interactive(body) if self.mode == "single" else ast.Module(body, tree.type_ignores)
        args = (self.flags, self.dont_inherit, self.optimize)
        self.code = compile(tree, self.filename, self.mode, *args)
        self._last = None if last is None else compile(last, self.filename, "eval", *args)
        if not (self.filename.startswith("<") and self.filename.endswith(">")):
            import linecache  # here: it imports tokenize and re, which start-up does not need

            source = self._source
            # linecache's lazy form (a 1-tuple): traceback asks for the lines when it prints them.
            linecache.cache[self.filename] = (lambda: source,)
        return self

    def _check_compiled(self):
        if self.code is None:
            raise RuntimeError("Not yet compiled")

    def run(self, globals=None, locals=None):
        """Run the code (no top-level await: see run_async); the value of the last expression or None."""
        self._check_compiled()
        if globals is None:
            globals = {}
        if (self.code.co_flags | (self._last.co_flags if self._last else 0)) & _CO_COROUTINE:
            raise RuntimeError("the code uses top-level await: run it with run_async()")
        result = eval(self.code, globals, locals)
        if self.mode == "eval":
            return result
        return None if self._last is None else eval(self._last, globals, locals)

    async def run_async(self, globals=None, locals=None):
        """Run the code, awaiting top-level awaits (compile with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)."""
        self._check_compiled()
        if globals is None:
            globals = {}
        result = eval(self.code, globals, locals)
        if self.code.co_flags & _CO_COROUTINE:
            result = await result
        if self.mode == "eval":
            return result
        if self._last is None:
            return None
        value = eval(self._last, globals, locals)
        if self._last.co_flags & _CO_COROUTINE:
            value = await value
        return value


def _replacement(name):
    """pyodide.code.eval_code (or eval_code_async) when a program replaced
    it: Pyodide's runPython calls it by name, so a replacement sees every
    runPython. None while it is pyodide.code's own."""
    module = sys.modules.get("pyodide.code")
    if module is None:
        return None
    fn = getattr(module, name, None)
    return None if fn is None or fn is getattr(module, "_ORIGINALS", {}).get(name) else fn


def _call_replacement(fn, source, globals, locals, filename):
    kwargs = {} if filename == _FILENAME else {"filename": filename}
    return fn(source, globals, locals, **kwargs)


def run(source, globals, filename=_FILENAME, locals=None, dedent=True):
    """runPython."""
    replaced = _replacement("eval_code")
    if replaced is not None:
        return _call_replacement(replaced, source, globals, locals, filename)
    return CodeRunner(source, filename=filename, dedent=dedent).compile().run(globals, locals)


async def run_async(source, globals, filename=_FILENAME, locals=None, dedent=True):
    """runPythonAsync: like run(), with top-level await allowed."""
    replaced = _replacement("eval_code_async")
    if replaced is not None:
        return await _call_replacement(replaced, source, globals, locals, filename)
    runner = CodeRunner(source, filename=filename, flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dedent=dedent)
    return await runner.compile().run_async(globals, locals)
