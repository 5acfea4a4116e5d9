// JS values the Python tests use, registered as the module `jshelpers`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const helpers = {
  // A fresh host directory (for tests of NODEFS, which mount it) and its removal.
  hostTempDir: () => mkdtempSync(path.join(tmpdir(), 'isthmus-test-')),
  removeHostDir: (dir) => rmSync(dir, { recursive: true, force: true }),
  undefinedProp: undefined,
  nullProp: null,
  counter: { n: 0, inc(by = 1) { this.n += by; return this.n; } },
  kwargsOf: (...args) => args,
  thrower: (msg) => { throw new TypeError(msg); },
  callWith: (f, ...args) => f(...args),
  callLater: (f) => f,
  reserved: { from: 'from!', finally: 'finally!', class: 'class!' },
  Point: class Point { constructor(x, y) { this.x = x; this.y = y; } norm1() { return Math.abs(this.x) + Math.abs(this.y); } },
  makeMap: () => new Map([['a', 1], ['b', 2]]),
  makeSet: () => new Set([1, 2, 3]),
  arrayLike: { length: 2, 0: 'zero', 1: 'one' },
  sized: { size: 7 },
  same: (a, b) => a === b,
  typeOf: (x) => (x === null ? 'null' : typeof x),
  isPyProxyDestroyed: (p) => { try { String(p); return false; } catch { return true; } },
};
