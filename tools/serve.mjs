// A static file server for the examples and the browser tests: serves the
// repository (dist/, examples/, node_modules/, tests/) on 127.0.0.1.
// Usage: node tools/serve.mjs [port]   (default 8000; 0 picks a free one)
import http from 'node:http';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.py': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serve root's files. Resolves to { server, url } once listening.
 * `headers(urlPath)` adds response headers (the CSP test's policy);
 * `routes[urlPath]()` answers a path with generated { type, body }.
 * @param {{ root: string, port?: number, host?: string,
 *   headers?: (urlPath: string) => Record<string, string> | undefined,
 *   routes?: Record<string, () => { type: string, body: string }> }} options
 */
export function serve({ root, port = 0, host = '127.0.0.1', headers = () => undefined, routes = {} }) {
  root = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (Object.hasOwn(routes, urlPath)) {
      const { type, body } = routes[urlPath]();
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache', ...headers(urlPath) }).end(body);
      return;
    }
    let file = path.join(root, urlPath);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!urlPath.endsWith('/')) { res.writeHead(301, { Location: `${urlPath}/` }).end(); return; }
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
        ...headers(urlPath),
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${urlPath}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { url } = await serve({ root, port: Number(process.argv[2] ?? 8000) });
  console.log(`Isthmus examples: ${url}/examples/   (Ctrl-C stops)`);
}
