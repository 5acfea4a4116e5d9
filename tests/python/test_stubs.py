"""The type stubs shipped in isthmus.zip describe the modules as they are.

Every public name a stub declares exists in the running module (and every
method or property it declares on a class exists on the class), and every
public name of the module is in its stub.
"""
import ast
import importlib
import zipfile

import pytest

ZIP = "/lib/isthmus.zip"
STUBS = {"_isthmus._core": "_isthmus/_core.pyi", "pyodide.ffi": "pyodide/ffi/__init__.pyi", "js": "js.pyi"}
# Reached through __getattr__ at run time, not found on the type.
DYNAMIC = {"__getattr__"}


def stub_tree(path):
    with zipfile.ZipFile(ZIP) as zf:
        return ast.parse(zf.read(path).decode(), path)


def declared(body):
    """name -> AST node of the public names a stub body declares."""
    names = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.Assign):
            names.update((t.id, node) for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            # Only `import X as X` re-exports in a stub.
            names.update((a.asname, node) for a in node.names if a.asname == a.name)
    return {n: v for n, v in names.items() if not n.startswith("_") or n.startswith("__") and n != "__all__"}


def test_stubs_and_markers_ship():
    with zipfile.ZipFile(ZIP) as zf:
        files = set(zf.namelist())
    assert set(STUBS.values()) <= files
    assert {"_isthmus/py.typed", "pyodide/py.typed"} <= files


@pytest.mark.parametrize("module_name", sorted(STUBS))
def test_stub_names_exist(module_name):
    module = importlib.import_module(module_name)
    for name, node in declared(stub_tree(STUBS[module_name]).body).items():
        if name in DYNAMIC:
            continue
        assert hasattr(module, name), f"{module_name}.{name} is in the stub but not in the module"
        if isinstance(node, ast.ClassDef):
            cls = getattr(module, name)
            for member in declared(node.body):
                if member not in DYNAMIC:
                    assert hasattr(cls, member), f"{module_name}.{name}.{member} is in the stub only"


@pytest.mark.parametrize("module_name", ["_isthmus._core", "pyodide.ffi"])
def test_module_names_are_in_stub(module_name):
    module = importlib.import_module(module_name)
    stub = declared(stub_tree(STUBS[module_name]).body)
    public = {n for n in dir(module) if not n.startswith("_")}
    if module_name == "pyodide.ffi":
        public = set(module.__all__)  # not the modules it imports
    assert public - set(stub) == set()


def test_core_classes_members_are_in_stub():
    from _isthmus import _core

    classes = {n: v for n, v in declared(stub_tree(STUBS["_isthmus._core"]).body).items()
               if isinstance(v, ast.ClassDef)}
    for name, node in classes.items():
        cls = getattr(_core, name)
        own = {n for n in vars(cls) if not n.startswith("_")}
        assert own - set(declared(node.body)) == set(), f"_core.{name} has members its stub lacks"
