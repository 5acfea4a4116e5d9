"""Hello from CPython running in WebAssembly: `node dist/cli.mjs examples/hello.py`."""
import platform
import sys

print(f"Hello from Python {platform.python_version()} on {sys.platform}!")
print("arguments:", sys.argv[1:])
squares = [n * n for n in range(10)]
print("squares:", squares)
