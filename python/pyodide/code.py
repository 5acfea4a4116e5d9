"""pyodide.code: running and inspecting Python source, as Pyodide has it.

eval_code and CodeRunner are runPython's own runner (_isthmus/code_runner.py):
one implementation, so eval_code(src, ns) and runPython(src, {globals: ns})
behave alike.
"""
import ast

from _isthmus.code_runner import CodeRunner, dedent_text

__all__ = [
    "CodeRunner", "eval_code", "eval_code_async", "find_imports", "should_quiet", "run_js", "relaxed_wrap",
    "relaxed_call",
]


def eval_code(source, globals=None, locals=None, *, return_mode="last_expr", quiet_trailing_semicolon=True,
              filename="<exec>", flags=0, dont_inherit=False, optimize=-1, dedent=True):
    """Run `source` and return the value of its last expression (see CodeRunner for the options).

    globals defaults to a new empty dict. return_mode: "last_expr", "last_expr_or_assign" (also the
    value a final `name = ...` assigns) or "none". A trailing `;` hides the value unless
    quiet_trailing_semicolon is False.
    """
    return CodeRunner(source, return_mode=return_mode, quiet_trailing_semicolon=quiet_trailing_semicolon,
                      filename=filename, flags=flags, dont_inherit=dont_inherit, optimize=optimize,
                      dedent=dedent).compile().run(globals, locals)


async def eval_code_async(source, globals=None, locals=None, *, return_mode="last_expr",
                          quiet_trailing_semicolon=True, filename="<exec>", flags=0, dont_inherit=False,
                          optimize=-1, dedent=True):
    """eval_code with top-level await allowed (a coroutine)."""
    runner = CodeRunner(source, return_mode=return_mode, quiet_trailing_semicolon=quiet_trailing_semicolon,
                        filename=filename, flags=flags | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
                        dont_inherit=dont_inherit, optimize=optimize, dedent=dedent)
    return await runner.compile().run_async(globals, locals)


# (runPython calls a replacement of these: _isthmus/code_runner.py compares with them)
_ORIGINALS = {"eval_code": eval_code, "eval_code_async": eval_code_async}


def find_imports(source):
    """The modules `source` imports, with the packages that hold them, sorted.

    >>> find_imports("import numpy as np\\nfrom scipy.linalg import eig\\nfrom . import x")
    ['numpy', 'scipy', 'scipy.linalg']
    Relative imports are left out: they name modules of the code's own
    package (Pyodide lists `from .a import b` as a module "a"). A syntax error
    gives [] (the code will report it when it runs).
    """
    try:
        tree = ast.parse(dedent_text(source))
    except SyntaxError:
        return []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return sorted(names)


_SKIPPED_TOKENS = None


def should_quiet(source, /):
    """True when the last token of `source` (comments and blank lines aside) is a `;`:
    the value of its last expression is then not shown."""
    import io
    import tokenize

    global _SKIPPED_TOKENS
    if _SKIPPED_TOKENS is None:
        _SKIPPED_TOKENS = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                           tokenize.ENDMARKER}
    last = None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type not in _SKIPPED_TOKENS:
                last = tok
    except (tokenize.TokenError, SyntaxError):  # unfinished input: nothing to hide yet
        return False
    return last is not None and last.type == tokenize.OP and last.string == ";"


def run_js(code, /):
    """Evaluate a string of JavaScript in the global scope (an indirect eval); its value
    converted as any JS value returned to Python."""
    if not isinstance(code, str):
        raise TypeError(f"run_js() takes a string of JavaScript code, not {type(code).__name__}")
    import js

    return js.eval(code)


def _relaxed_args(sig, args, kwargs):
    """args and kwargs cut down to what `sig` accepts."""
    params = list(sig.parameters.values())
    if not any(p.kind == p.VAR_POSITIONAL for p in params):
        args = args[:sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)]
    if not any(p.kind == p.VAR_KEYWORD for p in params):
        names = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        kwargs = {k: v for k, v in kwargs.items() if k in names}
    return args, kwargs


def _signature(func):
    import inspect

    try:
        return inspect.signature(func)
    except (TypeError, ValueError):  # a builtin without a signature: called as it is
        return None


def relaxed_call(func, *args, **kwargs):
    """Call func with the positional and keyword arguments it accepts, dropping the others
    (as JavaScript ignores extra arguments). Missing arguments still raise TypeError."""
    sig = _signature(func)
    if sig is None:
        return func(*args, **kwargs)
    args, kwargs = _relaxed_args(sig, args, kwargs)
    bound = sig.bind(*args, **kwargs)
    return func(*bound.args, **bound.kwargs)


def relaxed_wrap(func):
    """A wrapper of func that calls it as relaxed_call does (its signature looked up once)."""
    import functools

    sig = _signature(func)
    if sig is None:
        return func

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        args, kwargs = _relaxed_args(sig, args, kwargs)
        bound = sig.bind(*args, **kwargs)
        return func(*bound.args, **bound.kwargs)

    return wrapper
