"""emcc/em++ as meson's cross compiler for Python packages.

    emcc_wrap.py emcc|em++ ARGS...

- A `-shared` link becomes a wasm side module (plus $ISTHMUS_SIDE_LDFLAGS):
  emcc 3.1.6 emits a static object for `-shared` alone, and meson links
  extension modules that way.
- The host's Python include dirs are dropped: meson's python dependency asks
  the (host) interpreter for them, and the target's headers, which the cross
  file names, must win.
"""
import os
import sys

SIDE = ["-sSIDE_MODULE=1", "-sWASM_BIGINT=1", "-fwasm-exceptions"]
VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
HOST_INCLUDES = (f"/usr/include/python{VERSION}", f"/usr/local/include/python{VERSION}")

compiler, *args = sys.argv[1:]
args = [a for a in args if not (a.startswith("-I") and a[2:].rstrip("/") in HOST_INCLUDES)]
if "-shared" in args:
    args += SIDE + os.environ.get("ISTHMUS_SIDE_LDFLAGS", "").split()
os.execvp(compiler, [compiler, *args])
