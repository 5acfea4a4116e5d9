"""Run a source string and return the value of its last expression.

Follows Pyodide's runPython (pyodide.code.eval_code): the source is dedented
first (indented JS template literals work), a trailing expression statement is
evaluated and returned unless the code ends with a semicolon, and a file name
other than "<...>" gets the source into linecache, so tracebacks show its lines.
"""
import ast

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
    """True when a ';' follows the last expression (comments ignored)."""
    lines = source.splitlines()
    tail = lines[last.end_lineno - 1][last.end_col_offset:]
    tail += "\n".join(lines[last.end_lineno:])
    for line in tail.splitlines() or [tail]:
        code = line.split("#", 1)[0]
        if ";" in code:
            return True
    return False


def _prepare(source, filename, dedent):
    """(tree of the statements, ast.Expression of the last expression or None)."""
    if dedent:
        source = dedent_text(source)
    tree = ast.parse(source, filename)  # (top-level await is checked when compiling, not parsing)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not _quiet(source, tree.body[-1]):
        last = ast.Expression(tree.body.pop().value)
    if not (filename.startswith("<") and filename.endswith(">")):
        import linecache  # here: it imports tokenize and re, which start-up does not need

        # linecache's lazy form (a 1-tuple): traceback asks for the lines when it prints them.
        linecache.cache[filename] = (lambda: source,)
    return tree, last


def run(source, globals, filename=_FILENAME, locals=None, dedent=True):
    tree, last = _prepare(source, filename, dedent)
    exec(compile(tree, filename, "exec"), globals, locals)
    if last is None:
        return None
    return eval(compile(last, filename, "eval"), globals, locals)


_CO_COROUTINE = 0x80


async def run_async(source, globals, filename=_FILENAME, locals=None, dedent=True):
    """Like run(), with top-level await allowed."""
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    tree, last = _prepare(source, filename, dedent)
    code = compile(tree, filename, "exec", flags=flags)
    result = eval(code, globals, locals)
    if code.co_flags & _CO_COROUTINE:
        await result
    if last is None:
        return None
    code = compile(last, filename, "eval", flags=flags)
    value = eval(code, globals, locals)
    if code.co_flags & _CO_COROUTINE:
        value = await value
    return value
