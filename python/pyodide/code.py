"""pyodide.code: helpers for running and inspecting Python source."""
import ast
from textwrap import dedent

__all__ = ["find_imports"]


def find_imports(source):
    """The top-level names of the modules `source` imports (not relative ones).

    >>> find_imports("import numpy as np\\nfrom scipy.linalg import eig\\nfrom . import x")
    ['numpy', 'scipy']
    A syntax error gives [] (the code will report it when it runs).
    """
    try:
        tree = ast.parse(dedent(source))
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return sorted({name.split(".")[0] for name in names})
