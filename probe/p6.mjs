const which = process.argv[2];
const { loadPyodide } = await import(which === 'pyodide' ? 'pyodide' : '../dist/isthmus.mjs');
const py = await loadPyodide({ stdout: () => {} });
const log = [];
for (const hook of ['onOpenFile', 'onCloseFile', 'onSeekFile', 'onReadFile', 'onWriteToFile', 'onMakeDirectory', 'onMakeSymlink', 'willMovePath', 'onMovePath', 'willDeletePath', 'onDeletePath']) {
  py.FS.trackingDelegate[hook] = (...a) => log.push([hook, ...a]);
}
py.runPython(`
import os
os.mkdir("/tmp/td")
with open("/tmp/td/a.txt", "w") as f:
    f.write("hello")
with open("/tmp/td/a.txt") as f:
    f.read()
os.symlink("/tmp/td/a.txt", "/tmp/td/l")
os.rename("/tmp/td/a.txt", "/tmp/td/b.txt")
os.unlink("/tmp/td/b.txt")
os.unlink("/tmp/td/l")
os.rmdir("/tmp/td")
`);
for (const hook of Object.keys(py.FS.trackingDelegate)) delete py.FS.trackingDelegate[hook];
console.log(JSON.stringify(log.filter(e => String(e[1]).startsWith('/tmp/td'))));
