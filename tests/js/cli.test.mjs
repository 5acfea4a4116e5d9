// The `isthmus` command (dist/cli.mjs), run as a user would: spawned
// processes with pipes, and a pseudo-terminal (util-linux `script`) for the
// REPL and Ctrl-C. Output and exit status are asserted; nothing is timed
// (the waits are for text, with generous limits: the machine may be busy).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.env.ISTHMUS_DIST ?? path.resolve('dist');
const cli = path.join(dist, 'cli.mjs');
// pytest and its dependencies, copied from Debian's python3-pytest by tests/CMakeLists.txt.
const pytestSite = process.env.ISTHMUS_PYTEST_SITE ?? path.resolve(here, '../../build/tests/pytest-site');
const work = mkdtempSync(path.join(tmpdir(), 'isthmus-cli-'));
const LIMIT = 180_000;  // per process: start-up takes seconds on a loaded machine
// The host's environment without PYTHON* variables (the caller's own, say
// PYTHONDONTWRITEBYTECODE, would change what is tested); tests add theirs.
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PYTHON')));

/**
 * Run the command with pipes; resolves to its exit status and output.
 * @param {string[]} args
 * @param {{ input?: string, env?: Record<string, string|undefined>, cwd?: string }} [options]
 */
function isthmus(args, { input = '', env = {}, cwd = work } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd, env: { ...baseEnv, ...env }, stdio: ['pipe', 'pipe', 'pipe'], timeout: LIMIT,
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
    child.stdin.on('error', () => {});  // the command may exit before reading it all
    child.stdin.end(input);
  });
}

const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
// eslint-disable-next-line no-control-regex
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/** The command in a pseudo-terminal: `script` gives it a tty for stdin and stdout. */
class Terminal {
  constructor(args, { env = {}, cwd = work } = {}) {
    // `exec`: script runs the command with $SHELL (dash when unset), which
    // would otherwise stay as the parent, get the Ctrl-C too and exit 130.
    const command = `exec ${[process.execPath, cli, ...args].map(quote).join(' ')}`;
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd, env: { ...baseEnv, TERM: 'xterm', ...env }, stdio: ['pipe', 'pipe', 'pipe'], timeout: LIMIT,
    });
    this.raw = '';
    this.seen = 0;  // expect() looks after what it matched last
    this.waiters = new Set();
    const take = (d) => { this.raw += d; for (const w of this.waiters) w(); };
    this.child.stdout.setEncoding('utf8').on('data', take);
    this.child.stderr.setEncoding('utf8').on('data', take);
    this.status = new Promise((resolve) => this.child.on('close', (code) => { resolve(code); for (const w of this.waiters) w(); }));
  }

  get text() { return stripAnsi(this.raw); }

  /** Wait until `pattern` appears in the output after the last match. */
  expect(pattern) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const rest = this.text.slice(this.seen);
        const m = typeof pattern === 'string' ? (rest.includes(pattern) ? [pattern] : null) : rest.match(pattern);
        if (m) {
          this.waiters.delete(check);
          clearTimeout(timer);
          this.seen += rest.indexOf(m[0]) + m[0].length;
          resolve(m);
        } else if (this.child.exitCode !== null) {
          this.waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`exited before ${pattern}; output:\n${this.text}`));
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${pattern} in:\n${this.text}`));
      }, LIMIT);
      this.waiters.add(check);
      check();
    });
  }

  type(keys) { this.child.stdin.write(keys); }
}

/** A file under the work directory (or `dir`). */
function file(name, text, dir = work) {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

describe('running code', () => {
  test('-c runs code with sys.argv as python sets it', async () => {
    const r = await isthmus(['-c', 'import sys; print(sys.platform, sys.argv)', 'a', 'b c']);
    assert.equal(r.out, "emscripten ['-c', 'a', 'b c']\n");
    assert.equal(r.code, 0);
  });

  test('a script gets sys.argv and reads and writes files relative to the current directory', async () => {
    file('data.txt', 'from the host\n');
    file('script.py', "import sys\nprint(sys.argv)\nprint(open('data.txt').read(), end='')\nopen('written.txt', 'w').write('é')\n");
    const r = await isthmus(['script.py', 'one', 'two words']);
    assert.equal(r.err, '');
    assert.equal(r.out, "['script.py', 'one', 'two words']\nfrom the host\n");
    assert.equal(readFileSync(path.join(work, 'written.txt'), 'utf8'), 'é');
    assert.equal(r.code, 0);
  });

  test("a script elsewhere runs with its directory first on sys.path (its siblings import)", async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'isthmus-other-'));
    file('helper.py', 'VALUE = 42\n', other);
    const script = file('abs.py', "import sys, helper\nprint(__file__.endswith('abs.py'), sys.path[0] == __import__('os').path.dirname(__file__), helper.VALUE)\n", other);
    const r = await isthmus([script]);
    assert.equal(r.out, 'True True 42\n');
    assert.equal(r.code, 0);
  });

  test('-m runs a module through runpy, with sys.argv[0] its path and the current directory on sys.path', async () => {
    file('mypkg/__init__.py', '');
    file('mypkg/__main__.py', "import sys\nprint(sys.argv[0].endswith('mypkg/__main__.py'), sys.argv[1:], sys.path[0] == __import__('os').getcwd())\n");
    const r = await isthmus(['-m', 'mypkg', '--flag', 'x']);
    assert.equal(r.out, "True ['--flag', 'x'] True\n");
    assert.equal(r.code, 0);
    const j = await isthmus(['-m', 'json.tool'], { input: '{"a": [1, 2]}' });
    assert.equal(j.out, '{\n    "a": [\n        1,\n        2\n    ]\n}\n');
    assert.equal(j.code, 0);
    const missing = await isthmus(['-m', 'no_such_module']);
    assert.equal(missing.code, 1);
    assert.equal(missing.err, 'isthmus: No module named no_such_module\n');
  });

  test('a directory or a zip with __main__.py runs as python runs it (itself sys.path[0])', async () => {
    file('app/__main__.py', 'import sys, helper_in_app\nprint(sys.argv, sys.path[0], __name__)\n');
    file('app/helper_in_app.py', '');
    const dir = await isthmus(['app', 'x']);
    assert.equal(dir.out, "['app', 'x'] app __main__\n");
    await isthmus(['-c', "import zipfile\nwith zipfile.ZipFile('app.zip', 'w') as z:\n    z.write('app/__main__.py', '__main__.py')\n    z.write('app/helper_in_app.py', 'helper_in_app.py')"]);
    const zip = await isthmus(['app.zip']);
    assert.equal(zip.out, "['app.zip'] app.zip __main__\n");
    const empty = await isthmus([mkdtempSync(path.join(work, 'empty-'))]);
    assert.equal(empty.code, 1);
    assert.match(empty.err, /^isthmus: can't find '__main__' module in /);
  });

  test('the script comes from stdin when it is not a terminal, or with -', async () => {
    const r = await isthmus([], { input: 'import sys\nprint(1 + 1, sys.argv)\n' });
    assert.equal(r.out, "2 ['']\n");
    assert.equal(r.code, 0);
    const dash = await isthmus(['-', 'x'], { input: 'import sys; print(sys.argv)' });
    assert.equal(dash.out, "['-', 'x']\n");
    const bad = await isthmus([], { input: 'raise ValueError(1)\n' });
    assert.equal(bad.code, 1);
    assert.match(bad.err, /File "<stdin>", line 1, in <module>\nValueError: 1\n$/);
  });

  test('standard input reaches input() and sys.stdin; EOF raises EOFError', async () => {
    assert.equal((await isthmus(['-c', 'print(input().upper())'], { input: 'hello\n' })).out, 'HELLO\n');
    assert.equal((await isthmus(['-c', 'import sys; print(sys.stdin.read().split())'], { input: 'a\nb\n' })).out, "['a', 'b']\n");
    const r = await isthmus(['-c', 'input()']);
    assert.equal(r.code, 1);
    assert.match(r.err, /EOFError/);
  });

  test('output without a trailing newline is not lost, and order is kept', async () => {
    const r = await isthmus(['-c', "print('a'); print('b', end='')"]);
    assert.equal(r.out, 'a\nb');
  });

  test("the command has CPython's recursion limit, and deep C recursion raises RecursionError", async () => {
    const r = await isthmus(['-c', `
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
});

test('os.dup, os.dup2: a second descriptor on the same open file, as POSIX has it', async () => {
  const r = await isthmus(['-c', `
import os
fd = os.open('dup.txt', os.O_RDWR | os.O_CREAT | os.O_TRUNC)
os.write(fd, b'abc')
copy = os.dup(fd)
print(os.lseek(copy, 0, os.SEEK_CUR))        # the position is shared
os.lseek(copy, 0, os.SEEK_SET)
os.close(fd)                                 # the copy stays open
print(os.read(copy, 3))
os.close(copy)
saved = os.dup(1)
with open('captured.txt', 'wb') as f:
    os.dup2(f.fileno(), 1)
    os.write(1, b'into the file\\n')
os.dup2(saved, 1)
os.close(saved)
print(open('captured.txt').read(), end='')
`]);
  assert.equal(r.err, '');
  assert.equal(r.out, "3\nb'abc'\ninto the file\n");
});

describe('exit status', () => {
  test('atexit functions run at the end; os._exit ends at once with its status', async () => {
    const r = await isthmus(['-c', 'import atexit, sys; atexit.register(print, "at exit"); sys.exit(4)']);
    assert.equal(r.out, 'at exit\n');
    assert.equal(r.code, 4);
    const hard = await isthmus(['-c', 'import atexit, os; atexit.register(print, "not run"); print("before", flush=True); os._exit(3)']);
    assert.equal(hard.out, 'before\n');
    assert.equal(hard.err, '');
    assert.equal(hard.code, 3);
  });

  test('a closed stdout pipe is BrokenPipeError in Python (exit 1), as `python | head` has it', async () => {
    const child = spawn(process.execPath, [cli, '-c', 'while True: print("line")'], {
      cwd: work, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'], timeout: LIMIT,
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 1);
    assert.match(err, /BrokenPipeError: \[Errno \d+\] Broken pipe/);
    assert.doesNotMatch(err, /internal error/);
  });

  test("SystemExit's code, strings printed to stderr", async () => {
    assert.equal((await isthmus(['-c', 'import sys; sys.exit(7)'])).code, 7);
    assert.equal((await isthmus(['-c', 'raise SystemExit'])).code, 0);
    const r = await isthmus(['-c', "import sys; sys.exit('fatal: message')"]);
    assert.equal(r.code, 1);
    assert.equal(r.err, 'fatal: message\n');
  });

  test('an uncaught exception prints the traceback and exits 1; KeyboardInterrupt exits 130', async () => {
    const r = await isthmus(['-c', "raise ValueError('boom')"]);
    assert.equal(r.code, 1);
    assert.equal(r.err, 'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nValueError: boom\n');
    const k = await isthmus(['-c', 'raise KeyboardInterrupt']);
    assert.equal(k.code, 130);
    assert.match(k.err, /\nKeyboardInterrupt\n$/);
  });

  test('a syntax error says where, a missing file is exit 2', async () => {
    file('bad.py', 'def f(:\n    pass\n');
    const r = await isthmus(['bad.py']);
    assert.equal(r.code, 1);
    assert.match(r.err, /File ".*bad\.py", line 1/);
    assert.match(r.err, /SyntaxError: invalid syntax/);
    const missing = await isthmus(['missing.py']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^isthmus: can't open file '.*missing\.py': \[Errno \d+\] No such file or directory\n$/);
  });

  test('usage errors exit 2 with the message and the usage line', async () => {
    for (const [args, message] of [
      [['-z'], 'Unknown option: -z'],
      [['-c'], 'Argument expected for the -c option'],
      [['-Bm'], 'Argument expected for the -m option'],
      [['--bogus'], 'unknown option --bogus'],
      [['-J'], '-J is reserved for Jython'],
      [['-x', 'a.py'], '-x (skip the first line of the script) is not supported by isthmus'],
      [['-X', 'int_max_str_digits=5', '-c', 'pass'], '-X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.'],
      [['--check-hash-based-pycs', 'sometimes'], "--check-hash-based-pycs must be one of 'default', 'always', or 'never'"],
      [['--check-hash-based-pycs=always'], 'unknown option --check-hash-based-pycs=always'],
    ]) {
      const r = await isthmus(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err, `${message}\nusage: isthmus [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry \`isthmus -h' for more information.\n`);
    }
  });
});

describe('flags', () => {
  test('-h and --help describe the options and the mounts; -V and -VV the version', async () => {
    for (const flag of ['-h', '--help']) {
      const r = await isthmus([flag]);
      assert.equal(r.code, 0);
      assert.match(r.out, /^usage: isthmus \[option\]/);
      assert.match(r.out, /mounted in it at their own paths/);
    }
    const inside = (await isthmus(['-c', 'import sys; print(sys.version)'])).out.trim();
    const v = await isthmus(['--version']);
    assert.equal(v.out, `Python ${inside.split(' ')[0]}\n`);
    assert.equal((await isthmus(['-V'])).out, v.out);
    assert.equal((await isthmus(['-VV'])).out, `Python ${inside}\n`);
  });

  test('combined short flags, -W, -X, -O, -OO, -B, -u as python reads them', async () => {
    const r = await isthmus(['-BuOWignore', '-X', 'dev', '-Xfoo=bar', '-c',
      'import sys; print(sys.dont_write_bytecode, sys.flags.optimize, sys.warnoptions, sys._xoptions, sys.flags.dev_mode, __debug__)']);
    // -X dev puts 'default' before the -W options, as in python.
    assert.equal(r.out, "True 1 ['default', 'ignore'] {'dev': True, 'foo': 'bar'} True False\n");
    const asserts = await isthmus(['-O', '-c', 'assert False; print("skipped")']);
    assert.equal(asserts.out, 'skipped\n');
    const docs = await isthmus(['-OO', '-c', 'def f():\n    "doc"\nprint(f.__doc__)']);
    assert.equal(docs.out, 'None\n');
    const werror = await isthmus(['-W', 'error', '-c', 'import warnings; warnings.warn("careful")']);
    assert.equal(werror.code, 1);
    assert.match(werror.err, /UserWarning: careful\n$/);
  });

  test('-I, -E, -s, -S, -P, -q, -b, -v set sys.flags', async () => {
    const flags = 'import sys; f = sys.flags; print(f.isolated, f.ignore_environment, f.no_user_site, f.no_site, int(f.safe_path), "site" in sys.modules)';
    assert.equal((await isthmus(['-c', flags])).out, '0 0 0 0 0 True\n');
    assert.equal((await isthmus(['-I', '-c', flags])).out, '1 1 1 0 1 True\n');
    assert.equal((await isthmus(['-EsS', '-c', flags])).out, '0 1 1 1 0 False\n');
    assert.equal((await isthmus(['-P', '-c', flags])).out, '0 0 0 0 1 True\n');
    const other = await isthmus(['-qb', '-c', 'import sys; print(sys.flags.quiet, sys.flags.bytes_warning)']);
    assert.equal(other.out, '1 1\n');
    const verbose = await isthmus(['-v', '-c', 'import colorsys']);
    assert.match(verbose.err, /import 'colorsys'/);
  });

  test('-i runs the prompt after the code, reading stdin (prompts on stderr) when it is no terminal', async () => {
    const r = await isthmus(['-i', '-c', 'x = 5'], { input: 'print(x * 2)\nraise SystemExit(4)\n' });
    assert.equal(r.out, '10\n');
    assert.match(r.err, /^>>> >>> /);
    assert.equal(r.code, 4);
    const afterExit = await isthmus(['-i', '-c', 'import sys; y = 3; sys.exit(9)'], { input: 'print(y)\n' });
    assert.equal(afterExit.out, '3\n');
    assert.match(afterExit.err, /SystemExit: 9/);
    assert.equal(afterExit.code, 0);
  });
});

describe('the environment', () => {
  test('os.environ is the host environment; HOME is the host HOME, mounted read-write', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'isthmus-home-'));
    file('.note', 'in home\n', home);
    const r = await isthmus(['-c', `
import os
print(os.environ['MYVAR'], os.environ['HOME'] == ${JSON.stringify(home)})
print(open(os.path.expanduser('~/.note')).read(), end='')
open(os.path.join(os.environ['HOME'], 'out.txt'), 'w').write('written')
`], { env: { MYVAR: 'from the host', HOME: home } });
    assert.equal(r.err, '');
    assert.equal(r.out, 'from the host True\nin home\n');
    assert.equal(readFileSync(path.join(home, 'out.txt'), 'utf8'), 'written');
  });

  test('PYTHONPATH directories are mounted and importable, before the stdlib; -E and -I ignore them', async () => {
    const lib = mkdtempSync(path.join(tmpdir(), 'isthmus-lib-'));
    file('extlib.py', 'NAME = "extlib"\n', lib);
    file('colorsys.py', 'SHADOW = True\n', lib);
    const code = 'import sys, colorsys; print(__import__("extlib").NAME, hasattr(colorsys, "SHADOW"), sys.path[:2])';
    const r = await isthmus(['-c', code], { env: { PYTHONPATH: lib } });
    assert.equal(r.out, `extlib True ['', '${lib}']\n`);
    // A relative entry is made absolute against the current directory, as python's getpath does.
    const relative = await isthmus(['-c', code], { env: { PYTHONPATH: path.basename(lib) }, cwd: path.dirname(lib) });
    assert.equal(relative.out, r.out);
    for (const flag of ['-E', '-I']) {
      const ignored = await isthmus([flag, '-c', 'import extlib'], { env: { PYTHONPATH: lib } });
      assert.match(ignored.err, /ModuleNotFoundError: No module named 'extlib'/);
    }
  });

  test('PYTHONHASHSEED makes str hashes reproducible', async () => {
    const code = 'import sys; print(hash("isthmus"), sys.flags.hash_randomization)';
    const a = await isthmus(['-c', code], { env: { PYTHONHASHSEED: '123' } });
    const b = await isthmus(['-c', code], { env: { PYTHONHASHSEED: '123' } });
    assert.equal(a.out, b.out);
    const zero = await isthmus(['-c', code], { env: { PYTHONHASHSEED: '0' } });
    assert.match(zero.out, / 0\n$/);  // 0: no randomization at all
    const ignored = await isthmus(['-E', '-c', code], { env: { PYTHONHASHSEED: '0' } });
    assert.match(ignored.out, / 1\n$/);
  });

  test('bytecode is written next to imported modules unless -B or PYTHONDONTWRITEBYTECODE', async () => {
    for (const [name, args, env, written] of [
      ['mod_default', [], {}, true],
      ['mod_b', ['-B'], {}, false],
      ['mod_env', [], { PYTHONDONTWRITEBYTECODE: '1' }, false],
    ]) {
      file(`${name}.py`, 'X = 1\n');
      const r = await isthmus([...args, '-c', `import ${name}`], { env });
      assert.equal(r.code, 0, r.err);
      const pyc = path.join(work, '__pycache__', `${name}.cpython-311.pyc`);
      assert.equal(existsSync(pyc), written, name);
    }
  });

  test('PYTHONWARNINGS, PYTHONUNBUFFERED, PYTHONSAFEPATH, PYTHONOPTIMIZE are honoured', async () => {
    const r = await isthmus(['-c', 'import sys; print(sys.warnoptions, int(sys.flags.safe_path), sys.flags.optimize, sys.path[0])'], {
      env: { PYTHONWARNINGS: 'ignore::DeprecationWarning', PYTHONSAFEPATH: '1', PYTHONOPTIMIZE: '1', PYTHONUNBUFFERED: '1' },
    });
    assert.equal(r.out, "['ignore::DeprecationWarning'] 1 1 /lib/isthmus.zip\n");
  });
});

describe('test runners', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'isthmus-project-'));
  cpSync(path.join(here, '../cli'), project, { recursive: true });

  test('-m unittest runs a test directory; a failure is exit 1', async () => {
    const r = await isthmus(['-m', 'unittest', 'discover', '-s', 'passing', '-v'], { cwd: project });
    assert.match(r.err, /test_arithmetic .* ok\n/);
    assert.match(r.err, /Ran 2 tests in .*\n\nOK\n$/);
    assert.equal(r.code, 0);
    const failing = await isthmus(['-m', 'unittest', 'discover', '-s', 'failing'], { cwd: project });
    assert.match(failing.err, /FAILED \(failures=1\)/);
    assert.equal(failing.code, 1);
  });

  test('-m pytest runs a test directory (pytest from PYTHONPATH); a failure is exit 1', async () => {
    // pytest's default fd-level capture: os.dup/dup2 (js/fs_dup.lib.js).
    const env = { PYTHONPATH: pytestSite };
    const r = await isthmus(['-m', 'pytest', 'passing'], { cwd: project, env });
    assert.match(r.out, /3 passed/);
    assert.equal(r.code, 0);
    const failing = await isthmus(['-m', 'pytest', 'failing'], { cwd: project, env });
    assert.match(failing.out, /1 failed/);
    assert.match(failing.out, /Captured stdout call -+\nprinted by the failing test\n/);
    assert.equal(failing.code, 1);
  });
});

describe('in a terminal', () => {
  test('the REPL: banner, prompts, blocks, tracebacks, top-level await, input(), history, exit()', async () => {
    const t = new Terminal([]);
    await t.expect(/Type "help", "copyright", "credits" or "license" for more information\.\n>>> /);
    t.type('6 * 7\r');
    await t.expect('42\n>>> ');
    t.type('def f(x):\r');
    await t.expect('... ');
    t.type('    return x + 1\r');
    await t.expect('... ');
    t.type('\r');
    await t.expect('>>> ');
    t.type('f(1)\r');
    await t.expect('2\n>>> ');
    t.type('1/0\r');
    await t.expect('Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nZeroDivisionError: division by zero\n>>> ');
    t.type('import asyncio\r');
    await t.expect('>>> ');
    t.type('await asyncio.sleep(0.01) or "awaited"\r');
    await t.expect("'awaited'\n>>> ");
    t.type('name = input("name? ")\r');
    await t.expect('name? ');
    t.type('bob\r');
    await t.expect('>>> ');
    t.type('name\r');
    await t.expect("'bob'\n>>> ");
    t.type('\x1b[A\r');  // up: the line before again
    await t.expect("'bob'\n>>> ");
    t.type('def g():\r    return 8\r\rg() * 2\r');  // pasted at once: no line is lost
    await t.expect('16\n>>> ');
    t.type('exit(3)\r');
    assert.equal(await t.status, 3);
  });

  test('Ctrl-C: at the prompt, in running code, in input() and in an await; PYTHONSTARTUP; Ctrl-D ends it', async () => {
    const startup = file('startup/rc.py', 'greeting = "from PYTHONSTARTUP"\n', mkdtempSync(path.join(tmpdir(), 'isthmus-rc-')));
    const t = new Terminal(['-q'], { env: { PYTHONSTARTUP: startup } });
    await t.expect('>>> ');
    t.type('greeting\r');
    await t.expect("'from PYTHONSTARTUP'\n>>> ");
    t.type('half a line\x03');
    await t.expect('KeyboardInterrupt\n>>> ');
    t.type('while True: pass\r\r');
    await t.expect('while True: pass\n');
    t.type('\x03');  // at the '... ' prompt or in the loop: KeyboardInterrupt either way
    await t.expect('KeyboardInterrupt\n>>> ');
    t.type('input("? ")\r');
    await t.expect('")\n? ');
    t.type('\x03');
    await t.expect('Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nKeyboardInterrupt\n>>> ');
    t.type('import asyncio; await asyncio.sleep(600)\r');
    await t.expect('await asyncio.sleep(600)\n');
    t.type('\x03');
    await t.expect('KeyboardInterrupt\n>>> ');
    t.type('"still here"\r');
    await t.expect("'still here'\n>>> ");
    // Typed ahead in one go: whichever thread sees the Ctrl-C first, it is
    // not lost (tests/js/cli_tty.test.mjs forces each order).
    t.type('while True: pass\r\r\x03');
    await t.expect('KeyboardInterrupt\n>>> ');
    t.type('x = 1\r\x03');
    await t.expect('KeyboardInterrupt\n>>> ');
    t.type('\x04');
    assert.equal(await t.status, 0);
    assert.doesNotMatch(t.text, /Python 3/);  // -q: no banner
  });

  test('Ctrl-C stops a running script (a loop, time.sleep) with KeyboardInterrupt (130), or the script handles it', async () => {
    const loop = new Terminal(['-c', 'print("ready", flush=True)\nwhile True: pass']);
    await loop.expect('ready\n');
    loop.type('\x03');
    // Ctrl-C may land as soon as "ready" is out: in line 1 or 2.
    await loop.expect(/Traceback \(most recent call last\):\n {2}File "<string>", line [12], in <module>\nKeyboardInterrupt\n/);
    assert.equal(await loop.status, 130);
    // Not `while True: pass`: CPython 3.11 itself does not catch the
    // KeyboardInterrupt of that loop in its `try` (the jump is outside it).
    const handled = new Terminal(['-c', `
n = 0
try:
    print("ready", flush=True)
    while True:
        n += 1
except KeyboardInterrupt:
    print("handled")
print("went on")`]);
    await handled.expect('ready\n');
    handled.type('\x03');
    await handled.expect('handled\nwent on\n');
    assert.equal(await handled.status, 0);
    const sleeping = new Terminal(['-c', 'import time\nprint("ready", flush=True); time.sleep(600)']);
    await sleeping.expect('ready\n');
    sleeping.type('\x03');
    await sleeping.expect('File "<string>", line 2, in <module>\nKeyboardInterrupt\n');
    assert.equal(await sleeping.status, 130);
  });
});
