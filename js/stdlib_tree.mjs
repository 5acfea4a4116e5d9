// The stdlib as a directory of files, for loadPyodide({ stdlibSources: true })
// and the isthmus command: each module's .py from python311-src.zip and its
// bytecode from python311.zip at __pycache__/<name>.cpython-311.pyc, as
// CPython lays out an installed stdlib. Code that opens a module's __file__
// (linecache, trace, inspect, CPython's own tests) then finds a file, and
// imports still run the precompiled bytecode.
//
// The files are MEMFS nodes whose contents are inflated on first read, so
// laying out ~2,000 files costs no decompression until one is read.

/** What stat() gives every file: the zips' own date, 1980-01-01 (seconds). */
const MTIME = 315532800;

/**
 * @typedef {{ method: number, compressedSize: number, size: number, offset: number }} ZipMember
 */

/**
 * The members of a zip, by name, from its central directory.
 * @param {Uint8Array} zip
 * @returns {Map<string, ZipMember>}
 */
export function readZipDirectory(zip) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('isthmus: not a zip file (no end of central directory)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const members = new Map();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('isthmus: corrupt zip central directory');
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    members.set(name, {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return members;
}

/**
 * A member's bytes, a copy the file may own.
 * @param {Uint8Array} zip
 * @param {ZipMember} member
 * @param {(data: Uint8Array, size: number) => Uint8Array} inflate raw DEFLATE
 */
function memberBytes(zip, member, inflate) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const start = member.offset + 30 + view.getUint16(member.offset + 26, true) + view.getUint16(member.offset + 28, true);
  const data = zip.subarray(start, start + member.compressedSize);
  if (member.method === 0) return data.slice();
  if (member.method === 8) return inflate(data, member.size);
  throw new Error(`isthmus: zip compression method ${member.method} is not supported`);
}

/**
 * Raw DEFLATE through the zlib in the wasm (bridge/inflate_raw.c).
 * @param {any} Module
 * @returns {(data: Uint8Array, size: number) => Uint8Array}
 */
export function wasmInflate(Module) {
  return (data, size) => {
    const input = Module._malloc(data.length || 1);
    const output = Module._malloc(size || 1);
    try {
      Module.HEAPU8.set(data, input);
      if (Module._isthmus_inflate_raw(input, data.length, output, size) !== 0) {
        throw new Module.FS.ErrnoError(29);  // EIO: a damaged member reads as an I/O error
      }
      return Module.HEAPU8.slice(output, output + size);
    } finally {
      Module._free(input);
      Module._free(output);
    }
  };
}

/**
 * A MEMFS file whose contents are made on first use; writes replace them as usual.
 * @param {any} FS
 * @param {string} path
 * @param {number} size
 * @param {() => Uint8Array} load
 */
function lazyFile(FS, path, size, load) {
  const node = FS.mknod(path, 0o100644, 0);
  node.usedBytes = size;
  node.timestamp = MTIME * 1000;
  const settle = (/** @type {Uint8Array | null} */ value) => {
    Object.defineProperty(node, 'contents', { value, writable: true, configurable: true, enumerable: true });
  };
  Object.defineProperty(node, 'contents', {
    configurable: true,
    enumerable: true,
    get() { const data = load(); settle(data); return data; },
    set: settle,
  });
}

/**
 * Lay out the stdlib under `dir` from the bytecode zip and the sources zip.
 * @param {any} FS Emscripten's FS
 * @param {string} dir where, e.g. /lib/python3.11
 * @param {Uint8Array} bytecodeZip python311.zip: legacy-layout .pyc (tools/make_zip.py)
 * @param {Uint8Array} sourcesZip python311-src.zip: the .py at the same paths
 * @param {(data: Uint8Array, size: number) => Uint8Array} inflate
 * @param {string} cacheTag sys.implementation.cache_tag
 */
export function layOutStdlib(FS, dir, bytecodeZip, sourcesZip, inflate, cacheTag = 'cpython-311') {
  const bytecode = readZipDirectory(bytecodeZip);
  const sources = readZipDirectory(sourcesZip);
  const made = new Set([dir]);
  const mkdir = (/** @type {string} */ path) => {
    if (made.has(path)) return;
    FS.mkdirTree(path);
    made.add(path);
  };
  const place = (/** @type {string} */ name, /** @type {number} */ size, /** @type {() => Uint8Array} */ load) => {
    const slash = name.lastIndexOf('/');
    mkdir(slash < 0 ? dir : `${dir}/${name.slice(0, slash)}`);
    lazyFile(FS, `${dir}/${name}`, size, load);
  };
  for (const [name, member] of sources) {
    if (!name.endsWith('/')) place(name, member.size, () => memberBytes(sourcesZip, member, inflate));
  }
  for (const [name, member] of bytecode) {
    if (name.endsWith('/')) continue;
    const source = name.endsWith('.pyc') ? sources.get(name.slice(0, -1)) : undefined;
    if (!source) {
      // No source: the legacy .pyc stays where it is (a sourceless module), as do data files.
      if (!sources.has(name)) place(name, member.size, () => memberBytes(bytecodeZip, member, inflate));
      continue;
    }
    const slash = name.lastIndexOf('/');
    const cached = `${name.slice(0, slash + 1)}__pycache__/${name.slice(slash + 1, -4)}.${cacheTag}.pyc`;
    place(cached, member.size, () => {
      const pyc = memberBytes(bytecodeZip, member, inflate);
      // The header's source mtime and size, so that the importer takes it as current.
      const header = new DataView(pyc.buffer, pyc.byteOffset, 16);
      header.setUint32(8, MTIME, true);
      header.setUint32(12, source.size, true);
      return pyc;
    });
  }
}
