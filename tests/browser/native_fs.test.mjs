// mountNativeFS on the Origin Private File System: files written from JS are
// read by Python, Python's changes reach the directory on syncfs().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage } from './chromium.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('mountNativeFS: read the directory from Python, write back with syncfs()', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/`);
  const result = await page.evaluate(async () => {
    const { loadPyodide } = await import('/dist/isthmus.mjs');
    const root = await navigator.storage.getDirectory();
    const top = await root.getDirectoryHandle('isthmus-test', { create: true });
    for await (const [name] of top.entries()) await top.removeEntry(name, { recursive: true });
    const write = async (dir, name, text) => {
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(text);
      await w.close();
    };
    await write(top, 'hello.txt', 'from JS');
    await write(await top.getDirectoryHandle('sub', { create: true }), 'old.txt', 'to be removed');
    await write(top, 'keep.txt', 'unchanged');

    const py = await loadPyodide({ stdout: () => {} });
    const nativefs = await py.mountNativeFS('/mnt/native', top);
    const seen = py.runPython(`
import os
seen = [open("/mnt/native/hello.txt").read(), sorted(os.listdir("/mnt/native")), os.listdir("/mnt/native/sub")]
open("/mnt/native/hello.txt", "w").write("changed by Python")
os.makedirs("/mnt/native/new/deeper")
open("/mnt/native/new/deeper/data.bin", "wb").write(bytes(range(256)))
os.remove("/mnt/native/sub/old.txt")
seen
`).toJs();
    await nativefs.syncfs();

    const read = async (dir, name) => (await (await dir.getFileHandle(name)).getFile()).text();
    const names = async (dir) => { const n = []; for await (const [k] of dir.entries()) n.push(k); return n.sort(); };
    const deeper = await (await top.getDirectoryHandle('new')).getDirectoryHandle('deeper');
    const bin = new Uint8Array(await (await (await deeper.getFileHandle('data.bin')).getFile()).arrayBuffer());
    const errors = [];
    try { await py.mountNativeFS('/mnt/native', top); } catch (e) { errors.push(e.message); }
    py.FS.mkdirTree('/mnt/full');
    py.FS.writeFile('/mnt/full/x', 'x');
    try { await py.mountNativeFS('/mnt/full', top); } catch (e) { errors.push(e.message); }
    try { await py.mountNativeFS('/mnt/other', {}); } catch (e) { errors.push(e.constructor.name); }
    return {
      seen,
      hello: await read(top, 'hello.txt'),
      keep: await read(top, 'keep.txt'),
      top: await names(top),
      sub: await names(await top.getDirectoryHandle('sub')),
      bin: [bin.length, bin[0], bin[255]],
      errors,
    };
  });
  assert.deepEqual(result, {
    seen: ['from JS', ['hello.txt', 'keep.txt', 'sub'], ['old.txt']],
    hello: 'changed by Python',
    keep: 'unchanged',
    top: ['hello.txt', 'keep.txt', 'new', 'sub'],
    sub: [],
    bin: [256, 0, 255],
    errors: ["path '/mnt/native' is already a file system mount point", 'mountNativeFS: /mnt/full is not empty', 'TypeError'],
  });
  assert.deepEqual(page.errors, []);
  await page.close();
});
