// The Isthmus build under test: $ISTHMUS_DIST, else ./dist. The suites import
// it (and dist, its directory) from here so the browser run (tests/browser) can map this one module to
// the served dist/ with an import map and run the same test files in a page.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const dist = process.env.ISTHMUS_DIST ?? path.resolve('dist');
export const { loadPyodide, PythonError } = await import(pathToFileURL(path.join(dist, 'isthmus.mjs')).href);
