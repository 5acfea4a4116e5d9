// @ts-check
// Pyodide's mountNativeFS: a browser directory (File System Access API or
// the Origin Private File System, a FileSystemDirectoryHandle) mounted into
// the wasm filesystem. The wasm side is a MEMFS filled from the directory
// when it is mounted; syncfs() writes what Python changed back: new and
// modified files, new directories, and removals. (Emscripten 3.1.6 has no
// asynchronous filesystem backend, so Python's reads and writes stay
// synchronous on MEMFS and the directory is updated in batches.)

/**
 * Pyodide's Error for mounting over a mount point (Emscripten would mount a
 * second file system over the first). Call after FS.mkdirTree(path).
 * @param {any} FS Emscripten's FS @param {string} path
 */
export function assertNotMountPoint(FS, path) {
  if (FS.isMountpoint(FS.lookupPath(path, { follow_mount: false }).node)) {
    throw new Error(`path '${path}' is already a file system mount point`);
  }
}

/**
 * @param {any} FS Emscripten's FS
 * @param {string} path where to mount (created if missing; it must be empty)
 * @param {any} handle a FileSystemDirectoryHandle
 * @returns {Promise<{ syncfs: () => Promise<void> }>}
 */
export async function mountNativeFS(FS, path, handle) {
  if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError('mountNativeFS: path must be an absolute path');
  if (handle?.kind !== 'directory' || typeof handle.entries !== 'function') {
    throw new TypeError('mountNativeFS: fileSystemHandle must be a FileSystemDirectoryHandle (showDirectoryPicker(), navigator.storage.getDirectory())');
  }
  FS.mkdirTree(path);
  assertNotMountPoint(FS, path);
  if (FS.readdir(path).length > 2) throw new Error(`mountNativeFS: ${path} is not empty`);
  FS.mount(FS.filesystems.MEMFS, {}, path);
  /** @type {Tree} what the directory holds, as of the last load or sync */
  const known = new Map();
  await load(FS, path, handle, '', known);
  let syncing = Promise.resolve();
  return {
    /** Write what changed on the wasm side back to the directory. */
    syncfs() {
      // One sync at a time, in the order asked.
      syncing = syncing.then(() => sync(FS, path, handle, known));
      return syncing;
    },
  };
}

/** @typedef {Map<string, number | 'dir'>} Tree relative path -> mtime (files) or 'dir' */

/**
 * Copy the directory into the mounted MEMFS, recursively.
 * @param {any} FS @param {string} root @param {any} dir a FileSystemDirectoryHandle
 * @param {string} rel @param {Tree} known
 */
async function load(FS, root, dir, rel, known) {
  for await (const [name, entry] of dir.entries()) {
    const r = rel ? `${rel}/${name}` : name;
    if (entry.kind === 'directory') {
      FS.mkdir(`${root}/${r}`);
      known.set(r, 'dir');
      await load(FS, root, entry, r, known);
    } else {
      const file = await entry.getFile();
      FS.writeFile(`${root}/${r}`, new Uint8Array(await file.arrayBuffer()));
      const mtime = FS.stat(`${root}/${r}`).mtime.getTime();
      known.set(r, mtime);
    }
  }
}

/**
 * The MEMFS tree below root.
 * @param {any} FS @param {string} root @param {string} [rel] @param {Tree} [out]
 * @returns {Tree}
 */
function walk(FS, root, rel = '', out = new Map()) {
  for (const name of FS.readdir(rel ? `${root}/${rel}` : root)) {
    if (name === '.' || name === '..') continue;
    const r = rel ? `${rel}/${name}` : name;
    const st = FS.stat(`${root}/${r}`);
    if (FS.isDir(st.mode)) {
      out.set(r, 'dir');
      walk(FS, root, r, out);
    } else if (FS.isFile(st.mode)) {
      out.set(r, st.mtime.getTime());
    }
  }
  return out;
}

/**
 * The directory handle of a relative directory path (created on the way).
 * @param {any} top @param {string} rel
 * @returns {Promise<any>}
 */
async function dirHandle(top, rel) {
  let d = top;
  for (const part of rel ? rel.split('/') : []) d = await d.getDirectoryHandle(part, { create: true });
  return d;
}

const parentOf = (/** @type {string} */ r) => (r.includes('/') ? r.slice(0, r.lastIndexOf('/')) : '');
const baseOf = (/** @type {string} */ r) => r.slice(r.lastIndexOf('/') + 1);

/**
 * Write what changed below root since `known` to the directory.
 * @param {any} FS @param {string} root @param {any} handle @param {Tree} known
 */
async function sync(FS, root, handle, known) {
  const now = walk(FS, root);
  // Removals first (deepest first), so a file replaced by a directory works.
  const gone = [...known.keys()].filter((r) => !now.has(r) || (now.get(r) === 'dir') !== (known.get(r) === 'dir'));
  gone.sort((a, b) => b.length - a.length);
  for (const r of gone) {
    try {
      await (await dirHandle(handle, parentOf(r))).removeEntry(baseOf(r), { recursive: true });
    } catch (e) {
      if (/** @type {any} */ (e)?.name !== 'NotFoundError') throw e;
    }
    known.delete(r);
  }
  for (const [r, what] of now) {
    if (known.get(r) === what) continue;
    if (what === 'dir') {
      await dirHandle(handle, r);
    } else {
      const file = await (await dirHandle(handle, parentOf(r))).getFileHandle(baseOf(r), { create: true });
      const writable = await file.createWritable();
      await writable.write(FS.readFile(`${root}/${r}`));
      await writable.close();
    }
    known.set(r, what);
  }
}
