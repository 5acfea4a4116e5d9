// Packages at run time, as Pyodide's API has them: the lock file
// (pyodide-lock.json), loadPackage(names | urls), loadPackagesFromImports and
// loadedPackages. A package is a wheel: fetched (in parallel), its sha256
// checked, extracted into site-packages by Python (python/_isthmus/wheels.py),
// then its side modules (.so) compiled and instantiated asynchronously
// (js/dylink.lib.js) so that the import's dlopen() finds them ready. A package
// that fails is rolled back: nothing is left half-installed.
import { readBinary } from './fetch.mjs';

/** PEP 503 name normalisation, as the lock file's keys use it. */
export function canonicalName(name) {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** A wheel's distribution name from its file name ("a_b-1.0-py3-none-any.whl" -> "a-b"). */
function wheelName(fileName) {
  return canonicalName(fileName.split('-')[0]);
}

const isURL = (s) => s.endsWith('.whl') || s.includes('/') || /^[a-z]+:/i.test(s);

/**
 * @typedef {object} LockEntry  one package of pyodide-lock.json
 * @property {string} name
 * @property {string} version
 * @property {string} file_name
 * @property {string} sha256
 * @property {string[]} imports
 * @property {string[]} depends
 * @property {string} package_type
 */

export class PackageManager {
  /**
   * @param {object} deps
   * @param {(name: string) => Function} deps.api  a function of python/_isthmus/api.py
   * @param {any} deps.Module  the Emscripten module (FS, isthmusDylib)
   * @param {{info: object, packages: Record<string, LockEntry>}} deps.lockfile
   * @param {string} deps.lockFileURL  where the lock file came from (named in errors)
   * @param {string} deps.packageBaseUrl  where wheels named by the lock file are fetched from
   * @param {string | null} [deps.lockError]  why the lock file could not be read (fetchLockFile)
   */
  constructor({ api, Module, lockfile, lockFileURL, packageBaseUrl, lockError }) {
    this.api = api;
    this.Module = Module;
    this.lockfile = lockfile;
    this.lockFileURL = lockFileURL;
    this.lockError = lockError;
    this.packageBaseUrl = packageBaseUrl;
    /** name -> where it came from ("default channel" for the lock file, else the URL). */
    this.loadedPackages = {};
    this.importToPackage = new Map();
    for (const [key, entry] of Object.entries(lockfile.packages)) {
      for (const imp of entry.imports ?? []) this.importToPackage.set(imp, key);
    }
    /** One install at a time (Python's site-packages is shared state). */
    this.queue = Promise.resolve();
  }

  /** A Pyodide-style "No known package" error, saying where to look. */
  unknown(name) {
    const why = this.lockError ? ` (the lock file ${this.lockFileURL} could not be loaded: ${this.lockError})` : '';
    return new Error(`No known package with name '${name}'${why}: see pyodide.lockfile.packages for the packages ` +
      'this build ships, or pass the URL of a wheel');
  }

  /**
   * The packages to install for `names`, dependencies first.
   * @returns {{key: string, url: string, channel: string, sha256?: string, fileName: string, entry?: LockEntry}[]}
   */
  resolve(names) {
    const order = [];
    const seen = new Set();
    const visit = (request, via) => {
      if (isURL(request)) {
        const fileName = decodeURIComponent(request.split(/[?#]/)[0].split('/').pop());
        const key = wheelName(fileName);
        if (seen.has(key)) return;
        const url = new URL(request, this.packageBaseUrl).href;
        seen.add(key);
        order.push({ key, url, channel: request, fileName, requested: true });
        return;
      }
      const key = canonicalName(request);
      if (seen.has(key)) return;
      const entry = this.lockfile.packages[key];
      if (!entry) {
        throw via ? new Error(`${via} depends on '${request}', which the lock file does not have: the lock file is ` +
          'inconsistent; rebuild the packages') : this.unknown(request);
      }
      seen.add(key);
      for (const dep of entry.depends ?? []) visit(dep, entry.name);
      order.push({ key, url: new URL(entry.file_name, this.packageBaseUrl).href, channel: 'default channel',
        sha256: entry.sha256, fileName: entry.file_name, entry, requested: !via });
    };
    for (const name of names) visit(name, null);
    return order;
  }

  /**
   * Load packages by name (from the lock file, with their dependencies) or
   * by wheel URL. Rejects with an Error naming each package that failed
   * (Pyodide resolves and only reports to errorCallback); what succeeded
   * stays installed, what failed is rolled back.
   * @param {string | string[]} names
   * @param {{messageCallback?: (msg: string) => void, errorCallback?: (msg: string) => void, checkIntegrity?: boolean}} [options]
   */
  loadPackage(names, options = {}) {
    const run = this.queue.then(() => this.load(names, options));
    this.queue = run.catch(() => {});
    return run;
  }

  async load(names, { messageCallback = console.log, errorCallback = console.error, checkIntegrity = true } = {}) {
    if (typeof names === 'string') names = [names];
    if (names && typeof names.toJs === 'function') names = names.toJs();
    if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
      throw new TypeError('loadPackage: names must be a string or an array of strings (package names or wheel URLs)');
    }
    const say = (cb, msg) => { try { cb(msg); } catch (e) { console.error(e); } };
    const wanted = this.resolve(names).filter((p) => {
      const have = this.loadedPackages[p.key];
      if (have === undefined || have === p.channel) return have === undefined;
      const mismatch = `URI mismatch, attempting to load package ${p.key} from ${p.channel} while it is ` +
        `already loaded from ${have}.`;
      // Asked for by name or URL: an error (Pyodide only warns and skips it,
      // so the caller never learns its request was ignored). As a dependency:
      // the loaded one serves, as in Pyodide.
      if (p.requested) {
        say(errorCallback, mismatch);
        throw new Error(`loadPackage: ${mismatch} One version of a package per runtime: load the one you ` +
          'want first (before anything that depends on it), or use a fresh runtime.');
      }
      say(errorCallback, `${mismatch} To override a dependency, load the custom package first.`);
      return false;
    });
    if (wanted.length === 0) {
      say(messageCallback, 'No new packages to load');
      return [];
    }
    const label = wanted.map((p) => p.key).join(', ');
    say(messageCallback, `Loading ${label}`);
    // Downloads in parallel; installs in order, each waiting for its own file.
    const downloads = wanted.map((p) => readBinary(p.url, undefined,
      p.entry ? `is packageBaseUrl (${this.packageBaseUrl}) right?` : 'check the URL'));
    downloads.forEach((d) => d.catch(() => {}));
    const loaded = [];
    const failed = new Map();
    for (const [i, p] of wanted.entries()) {
      const brokenDep = (p.entry?.depends ?? []).map(canonicalName).find((d) => failed.has(d));
      try {
        if (brokenDep) throw new Error(`its dependency ${brokenDep} failed to load`);
        const data = await downloads[i];
        await this.install(p, data, checkIntegrity);
        this.loadedPackages[p.key] = p.channel;
        loaded.push({ name: p.entry?.name ?? p.key, version: p.entry?.version, fileName: p.fileName,
          packageType: p.entry?.package_type ?? 'package' });
      } catch (e) {
        failed.set(p.key, e);
      }
    }
    if (loaded.length) say(messageCallback, `Loaded ${loaded.map((p) => p.name).join(', ')}`);
    if (failed.size) {
      for (const [key, e] of failed) {
        say(errorCallback, `The following error occurred while loading ${key}:`);
        say(errorCallback, e.message);
      }
      const [key, first] = failed.entries().next().value;
      const error = new Error(`loadPackage: could not load ${[...failed.keys()].join(', ')}: ` +
        `${key}: ${first.message}`);
      error.failed = Object.fromEntries([...failed].map(([k, e]) => [k, e.message]));
      throw error;
    }
    return loaded;
  }

  /** Check, extract and link one wheel; undo the extraction if anything fails. */
  async install(p, data, checkIntegrity) {
    const expected = checkIntegrity && p.sha256 ? p.sha256 : undefined;  // undefined is None
    const result = JSON.parse(this.api('wheel_install')(data, p.fileName, expected, p.channel));
    if (result.error) throw new Error(result.error);
    try {
      if (p.entry && result.name && canonicalName(result.name) !== p.key) {
        throw new Error(`${p.fileName} holds ${result.name}, not ${p.key}: the lock file is inconsistent`);
      }
      await this.loadDynlibs(result.dynlibs);
    } catch (e) {
      this.api('wheel_remove')(JSON.stringify(result.files));
      throw e;
    }
  }

  /** Compile and instantiate the side modules at these paths (in the wasm filesystem). */
  async loadDynlibs(paths) {
    const { FS, isthmusDylib } = this.Module;
    for (const path of paths) {
      if (!isthmusDylib) throw new Error(`${path}: this build of Isthmus cannot load C extensions (built without ISTHMUS_DYNAMIC_LINKING)`);
      await isthmusDylib.load(path, FS.readFile(path));
    }
  }

  /** The packages of the lock file that `code`'s imports name, loaded. */
  async loadPackagesFromImports(code, options = {}) {
    if (typeof code !== 'string') throw new TypeError('loadPackagesFromImports: code must be a string');
    const imports = JSON.parse(this.api('find_imports')(code));
    const names = [...new Set(imports.map((i) => this.importToPackage.get(i)).filter(Boolean))];
    if (names.length === 0) return [];
    return this.loadPackage(names, options);
  }
}

/**
 * The lock file at url, or an empty one (and the reason) when there is none:
 * a build without packages still loads, and loadPackage then says why.
 */
export async function fetchLockFile(url) {
  return parseLockFile(readBinary(url, undefined, 'check lockFileURL').then((b) => new TextDecoder().decode(b)));
}

/**
 * The lock file given as loadPyodide's lockFileContents: an object, its JSON
 * text, or a promise of either. An unusable one leaves no packages and an
 * error that loadPackage reports.
 * @param {unknown} contents
 */
export async function parseLockFile(contents) {
  try {
    const value = await contents;
    const lock = typeof value === 'string' ? JSON.parse(value) : value;
    if (typeof lock?.packages !== 'object') throw new Error('it has no "packages" object');
    return { lockfile: lock, error: null };
  } catch (e) {
    return { lockfile: { info: {}, packages: {} }, error: /** @type {Error} */ (e).message };
  }
}
