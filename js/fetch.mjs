// Reading a file's bytes by URL: fetch() with progress, or node's fs for
// file: URLs (node's fetch() does not read files).

const onNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/**
 * Fetch url's bytes, calling onBytes(delta, total) as they arrive (total is
 * the Content-Length, or 0 when the server did not send one). Failures are
 * Errors naming the URL, the cause and `hint` (what to check).
 * @param {string} url
 * @param {(delta: number, total: number) => void} [onBytes]
 * @param {string} [hint]
 * @returns {Promise<Uint8Array>}
 */
export async function readBinary(url, onBytes = () => {}, hint = 'is indexURL right?') {
  const fail = (why) => new Error(`isthmus: could not load ${url} (${why}); ${hint}`);
  if (onNode && url.startsWith('file:')) {
    const { readFile } = await import('node:fs/promises');
    let bytes;
    try {
      const buffer = await readFile(new URL(url));
      // A view, not a copy: a Buffer is already a Uint8Array (10 MB less garbage a load).
      bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
    } catch (e) {
      throw fail(e.code ?? e.message);
    }
    onBytes(bytes.length, bytes.length);
    return bytes;
  }
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw fail(e.cause?.code ?? e.cause?.message ?? e.message);
  }
  if (!response.ok) throw fail(`HTTP ${response.status}`);
  const total = Number(response.headers.get('Content-Length')) || 0;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onBytes(bytes.length, total || bytes.length);
    return bytes;
  }
  // Read the stream to report progress; one copy at the end.
  const chunks = [];
  let size = 0;
  for (const reader = response.body.getReader(); ;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    onBytes(value.length, total);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return bytes;
}

