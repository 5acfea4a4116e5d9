"""Run a source string and return the value of its last expression.

Follows Pyodide's runPython: a trailing expression statement is evaluated and
returned unless the code ends with a semicolon.
"""
import ast

_FILENAME = "<exec>"


def _quiet(source, last):
    """True when a ';' follows the last expression (comments ignored)."""
    lines = source.splitlines()
    tail = lines[last.end_lineno - 1][last.end_col_offset:]
    tail += "\n".join(lines[last.end_lineno:])
    for line in tail.splitlines() or [tail]:
        code = line.split("#", 1)[0]
        if ";" in code:
            return True
    return False


def _split(source, filename):
    tree = ast.parse(source, filename)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not _quiet(source, tree.body[-1]):
        last = ast.Expression(tree.body.pop().value)
    return tree, last


def run(source, globals, filename=_FILENAME):
    tree, last = _split(source, filename)
    exec(compile(tree, filename, "exec"), globals)
    if last is None:
        return None
    return eval(compile(last, filename, "eval"), globals)


_CO_COROUTINE = 0x80


async def run_async(source, globals, filename=_FILENAME):
    """Like run(), with top-level await allowed."""
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    tree, last = _split(source, filename)
    code = compile(tree, filename, "exec", flags=flags)
    result = eval(code, globals)
    if code.co_flags & _CO_COROUTINE:
        await result
    if last is None:
        return None
    code = compile(last, filename, "eval", flags=flags)
    value = eval(code, globals)
    if code.co_flags & _CO_COROUTINE:
        value = await value
    return value
