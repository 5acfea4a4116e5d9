// The browser examples in Chromium: each page loads Isthmus, runs its Python,
// and the DOM shows the result (issue 7). A screenshot of each is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startBrowser, openPage, screenshot, root } from './chromium.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const ready = (page) => page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });

test('DOM from Python: elements, text, styles, Python click handlers, listener removal', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/dom/`);
  await ready(page);
  assert.equal(await page.textContent('h1'), 'Tasks, kept by Python');
  assert.equal(await page.textContent('#summary'), '0 tasks, 0 done');

  await page.fill('#entry', 'write tests');
  await page.click('#add');                 // Python's add_task runs
  await page.click('#add');                 // empty entry: a default name
  await page.fill('#entry', 'ship');
  await page.click('#add');
  assert.deepEqual(await page.$$eval('#tasks li', (li) => li.map((e) => e.textContent)),
    ['write tests', 'Task 2', 'ship']);
  assert.equal(await page.inputValue('#entry'), '', 'Python cleared the input');

  await page.click('#tasks li >> nth=1');   // a per-item Python handler
  assert.equal(await page.textContent('#summary'), '3 tasks, 1 done');
  assert.equal(await page.$eval('#tasks li >> nth=1', (e) => e.style.textDecoration), 'line-through');
  assert.equal(await page.$eval('#add', (e) => e.style.marginLeft), '0.5rem');
  await page.click('#tasks li >> nth=1');
  assert.equal(await page.textContent('#summary'), '3 tasks, 0 done');
  await page.click('#tasks li >> nth=2');
  await screenshot(page, 'dom');

  // A page that does not import NumPy downloads none of it.
  assert.deepEqual(page.requests.filter((u) => /numpy/.test(u)), []);

  await page.click('#stop');                // removes the listener, destroys the proxy
  assert.equal(await page.textContent('#summary'), '3 tasks, 1 done (list closed)');
  assert.equal(await page.$('#stop'), null);
  // The button is disabled now; a click dispatched anyway reaches no Python.
  await page.$eval('#add', (b) => { b.disabled = false; b.click(); });
  assert.equal(await page.$$eval('#tasks li', (li) => li.length), 3);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('NumPy arrays to uPlot: zero-copy Float64Array views drawn on a canvas', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/plot/`);
  await ready(page);
  assert.match(await page.textContent('#stats'), /^2000 points; signal mean [-+]\d\.\d{4}, stdev \d\.\d{4}/);
  const canvas = await page.$('#chart canvas');
  assert.ok(canvas, 'uPlot made a canvas');
  const inked = () => page.$eval('#chart canvas', (c) => {
    // Count painted pixels: the plot drew lines, not an empty canvas.
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return { n, width: c.width, height: c.height };
  });
  const first = await inked();
  assert.ok(first.width > 300 && first.height > 100, `canvas ${first.width}x${first.height}`);
  assert.ok(first.n > 2000, `painted pixels: ${first.n}`);
  // The legend shows both series by name.
  const labels = await page.$$eval('.u-legend .u-label', (l) => l.map((e) => e.textContent));
  assert.deepEqual(labels.slice(1), ['signal', 'moving mean']);
  // Moving the slider recomputes in Python and redraws from new views.
  const before = await page.textContent('#stats');
  await page.$eval('#damping', (s) => { s.value = '0'; s.dispatchEvent(new Event('input')); });
  assert.notEqual(await page.textContent('#stats'), before);
  assert.ok((await inked()).n > 2000);
  await page.$eval('#damping', (s) => { s.value = '25'; s.dispatchEvent(new Event('input')); });
  await screenshot(page, 'plot');
  // The page imports numpy: its wheel came through loadPackagesFromImports.
  assert.equal(page.requests.filter((u) => /\/dist\/numpy-2\.4\.6-.*\.whl$/.test(u)).length, 1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('console page: expressions, multi-line statements, tracebacks, history', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/console/`);
  await ready(page);
  const enter = async (line) => { await page.fill('#input', line); await page.press('#input', 'Enter'); };
  assert.match(await page.textContent('#output'), /^Python 3\.11\.\d+ on emscripten \(Isthmus\)/);
  await enter('6 * 7');
  await enter('def square(x):');
  assert.equal(await page.textContent('#prompt'), '... ');
  await enter('    return x * x');
  await enter('');
  assert.equal(await page.textContent('#prompt'), '>>> ');
  await enter('print(square(12), end="!")');
  await enter('1/0');
  await enter('import js; js.document.title');
  const output = await page.textContent('#output');
  assert.match(output, />>> 6 \* 7\n42\n/);
  assert.match(output, /\n144!/);
  assert.match(output, /Traceback \(most recent call last\):\n {2}File "<console>", line 1, in <module>\nZeroDivisionError: division by zero\n/);
  assert.match(output, /'Isthmus: Python console'\n$/);
  assert.equal(await page.$$eval('#output .stderr', (s) => s.length > 0), true, 'the traceback is styled as stderr');
  // History: ArrowUp recalls the previous lines, ArrowDown walks back.
  await page.press('#input', 'ArrowUp');
  assert.equal(await page.inputValue('#input'), 'import js; js.document.title');
  await page.press('#input', 'ArrowUp');
  assert.equal(await page.inputValue('#input'), '1/0');
  await page.press('#input', 'ArrowDown');
  await page.press('#input', 'ArrowDown');
  assert.equal(await page.inputValue('#input'), '');
  await enter('square(3)');
  assert.match(await page.textContent('#output'), />>> square\(3\)\n9\n$/);
  await screenshot(page, 'console');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the examples index links every example', async () => {
  const page = await openPage(browser.context, `${browser.url}/examples/`);
  const links = await page.$$eval('a', (a) => a.map((e) => e.getAttribute('href')));
  assert.deepEqual(links, ['dom/', 'plot/', 'console/']);
  await page.close();
});

test('the Node example (Python from JS): its terminal output, pictured for the README', async () => {
  const script = path.join('examples', 'python-from-js', 'main.mjs');
  const output = execFileSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
  assert.match(output, /^summary: \{ count: 8, mean: 3\.875/);
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 800, height: 200 });
  await page.setContent(`<body style="margin:0;background:#1d232a"><pre id="term" style="margin:0;padding:16px;
    color:#e6e9ec;font:14px/1.5 ui-monospace,monospace"></pre></body>`);
  await page.$eval('#term', (pre, text) => { pre.textContent = text; }, `$ node ${script}\n${output}`);
  await screenshot(page, 'python-from-js');
  await page.close();
});
