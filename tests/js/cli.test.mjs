// The `isthmus` command (dist/cli.mjs), run as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dist = process.env.ISTHMUS_DIST ?? path.resolve('dist');
const cli = path.join(dist, 'cli.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'isthmus-cli-'));

function isthmus(args, options = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', ...options });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('-c runs code and prints to stdout', () => {
  const r = isthmus(['-c', 'import sys; print(sys.platform)']);
  assert.equal(r.out, 'emscripten\n');
  assert.equal(r.code, 0);
});

test('a script gets sys.argv and reads files relative to the current directory', () => {
  writeFileSync(path.join(work, 'data.txt'), 'from the host\n');
  writeFileSync(path.join(work, 'script.py'),
    "import sys\nprint(sys.argv)\nprint(open('data.txt').read(), end='')\nopen('written.txt', 'w').write('é')\n");
  const r = isthmus(['script.py', 'one', 'two words']);
  assert.equal(r.err, '');
  assert.equal(r.out, "['script.py', 'one', 'two words']\nfrom the host\n");
  assert.equal(readFileSync(path.join(work, 'written.txt'), 'utf8'), 'é');
  assert.equal(r.code, 0);
});

test('absolute script paths outside the current directory work', () => {
  const other = mkdtempSync(path.join(tmpdir(), 'isthmus-other-'));
  writeFileSync(path.join(other, 'abs.py'), "print(__file__.endswith('abs.py'))\n");
  const r = isthmus([path.join(other, 'abs.py')]);
  assert.equal(r.out, 'True\n');
});

test('the exit code of sys.exit is honoured', () => {
  assert.equal(isthmus(['-c', 'import sys; sys.exit(7)']).code, 7);
  assert.equal(isthmus(['-c', 'raise SystemExit']).code, 0);
  const r = isthmus(['-c', "import sys; sys.exit('fatal: message')"]);
  assert.equal(r.code, 1);
  assert.equal(r.err, 'fatal: message\n');
});

test('an uncaught exception prints the traceback and exits 1', () => {
  const r = isthmus(['-c', "raise ValueError('boom')"]);
  assert.equal(r.code, 1);
  assert.equal(r.err, 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nValueError: boom\n');
});

test('a syntax error prints where it is and exits non-zero', () => {
  writeFileSync(path.join(work, 'bad.py'), 'def f(:\n    pass\n');
  const r = isthmus(['bad.py']);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /File ".*bad\.py", line 1/);
  assert.match(r.err, /SyntaxError: invalid syntax/);
  assert.equal(r.out, '');
});

test('a missing file is reported clearly', () => {
  const r = isthmus(['missing.py']);
  assert.equal(r.code, 2);
  assert.match(r.err, /can't open file '.*missing\.py': No such file or directory/);
});

test('output without a trailing newline is not lost, and order is kept', () => {
  const r = isthmus(['-c', "print('a'); print('b', end='')"]);
  assert.equal(r.out, 'a\nb');
});

test('no arguments prints usage and exits 2', () => {
  const r = isthmus([]);
  assert.equal(r.code, 2);
  assert.match(r.err, /usage: isthmus/);
});

test('standard input reaches input() and sys.stdin; EOF raises EOFError', () => {
  assert.equal(isthmus(['-c', 'print(input().upper())'], { input: 'hello\n' }).out, 'HELLO\n');
  assert.equal(isthmus(['-c', 'import sys; print(sys.stdin.read().split())'], { input: 'a\nb\n' }).out, "['a', 'b']\n");
  const r = isthmus(['-c', 'input()'], { input: '' });
  assert.equal(r.code, 1);
  assert.match(r.err, /EOFError/);
});

test('the command has CPython\'s recursion limit, and deep C recursion raises RecursionError', () => {
  const r = isthmus(['-c', `
import sys
class D:
    def __getattr__(self, name):
        return getattr(self, name + "x")
try:
    D().a
except RecursionError:
    print("RecursionError", sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
`]);
  assert.equal(r.out, 'RecursionError 1000\n900\n');
  assert.equal(r.code, 0);
});
