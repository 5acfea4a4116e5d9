"""The stdlib's .py sources, when they were asked for.

python311.zip holds bytecode only; its sources are a second zip
(dist/python311-src.zip) that the loader writes to SOURCES when
loadPyodide({ stdlibSources: true }) or the isthmus command asks for it.
Then zipimporter.get_source of the stdlib zip reads from it, which is what
tracebacks, linecache and inspect.getsource use. Without the file nothing
changes (one stat at start-up).
"""
import os

STDLIB = "/lib/python311.zip"
SOURCES = "/lib/python311-src.zip"


def install():
    if not os.path.exists(SOURCES):
        return
    import zipimport

    original = zipimport.zipimporter.get_source
    opened = []

    def get_source(self, fullname):
        source = original(self, fullname)
        if source is not None or self.archive != STDLIB:
            return source
        if not opened:
            import zipfile

            opened.append(zipfile.ZipFile(SOURCES))
        path = self.prefix + fullname.rpartition(".")[2]
        if self.is_package(fullname):
            path += "/__init__"
        try:
            return opened[0].read(path + ".py").decode("utf-8")
        except KeyError:
            return None

    get_source.__doc__ = original.__doc__
    zipimport.zipimporter.get_source = get_source
