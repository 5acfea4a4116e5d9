// Prepended to Emscripten's ES module glue (--extern-pre-js). Emscripten
// 3.1.6's node path uses CommonJS `require` and `__dirname`, which ES modules
// lack: provide them under node only, so the same glue loads in browsers.
const isthmusOnNode = typeof process === 'object' && typeof process.versions?.node === 'string';
const require = isthmusOnNode ? (await import('node:module')).createRequire(import.meta.url) : undefined;
const __dirname = isthmusOnNode ? require('node:path').dirname(require('node:url').fileURLToPath(import.meta.url)) : '';
