"""Test package whose C extension (_speedups) is a wasm side module."""
from ._speedups import add, count_args, fail  # noqa: F401
