// Shared set-up of the browser tests: the repository served on 127.0.0.1 and
// Debian's Chromium driven by playwright-core, with a fresh profile per run.
import path from 'node:path';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../tools/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = process.env.ISTHMUS_SCREENSHOTS ?? path.join(root, 'build/screenshots');

/**
 * Start the server and the browser.
 * @param {Omit<Parameters<typeof serve>[0], 'root'>} [serveOptions] headers/routes for tools/serve.mjs
 * @returns {Promise<{ url: string, browser: import('playwright-core').Browser, close: () => Promise<void> }>}
 */
export async function startBrowser(serveOptions = {}) {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    // (fail at once: a missing browser used to leave the server open until the test's timeout)
    throw new Error(`no Chromium at ${executablePath}: run tools/install-deps.sh --test, or set CHROMIUM to a Chromium binary`);
  }
  const { server, url } = await serve({ root, ...serveOptions });
  const profile = mkdtempSync(path.join(tmpdir(), 'isthmus-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
        '--js-flags=--expose-gc'],  // the leak tests of the JS suites call gc()
      viewport: { width: 800, height: 640 },
    });
  } catch (e) {
    server.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    url,
    context,
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new page that fails the test on uncaught page errors: they are collected
 * and checked by expectNoPageErrors().
 */
export async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.errors = errors;
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.requests = requests;  // every URL the page fetched (what it downloads)
  await page.goto(url);
  return page;
}

/** Save a screenshot of the page for the README, as build/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
