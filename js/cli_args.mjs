// The `isthmus` command line, parsed as CPython 3.11's getopt does
// (Python/getopt.c, Modules/main.c), so that `isthmus` takes what `python`
// takes. CPython parses the same argv again when it starts (it sets sys.flags,
// sys.argv, -X and -W itself); this copy decides, before the interpreter
// exists, what to mount, whether to answer -h at once, and what to run. It
// refuses everything CPython would exit on, so CPython never does.

/** Short options; a ':' after a letter: it takes an argument. */
const SHORT = 'bBc:dEhiIJm:OPqRsStuvVW:xX:?';
const LONG = new Set(['--help', '--version', '--help-env', '--help-xoptions', '--help-all', '--check-hash-based-pycs']);
const HASH_PYCS = ['always', 'default', 'never'];

/** Flags that parse but cannot do here what they do in python: why. */
export const UNSUPPORTED = {
  x: '-x (skip the first line of the script) is not supported by isthmus',
};

export class UsageError extends Error {}

/**
 * @typedef {{
 *   mode: 'help' | 'version' | 'command' | 'module' | 'file' | 'stdin' | 'repl',
 *   help?: 'usage' | 'all' | 'env' | 'xoptions',
 *   target?: string,      // the -c code, the -m module or the script path
 *   args: string[],       // what follows the target (sys.argv[1:])
 *   flags: Set<string>,   // the short flags seen, e.g. 'i', 'E', 'q'
 *   version: number,      // how many -V
 * }} Parsed
 */

/**
 * Parse the arguments after the program name.
 * @param {string[]} argv
 * @param {{ stdinIsTTY: boolean }} context
 * @returns {Parsed}
 * @throws {UsageError} what python would print before its usage line
 */
export function parseArgs(argv, { stdinIsTTY }) {
  const flags = new Set();
  let version = 0;
  let i = 0;
  let target;
  let mode;
  while (i < argv.length && !mode) {
    const arg = argv[i];
    if (arg === '--') { i++; break; }
    if (!arg.startsWith('-') || arg === '-') break;
    i++;
    if (arg.startsWith('--')) {
      // Exact names only (CPython takes no --name=value).
      const name = arg;
      if (!LONG.has(name)) throw new UsageError(`unknown option ${arg}`);
      if (name === '--check-hash-based-pycs') {
        const value = argv[i++];
        if (value === undefined) throw new UsageError(`Argument expected for the ${name} options`);
        if (!HASH_PYCS.includes(value)) throw new UsageError(`--check-hash-based-pycs must be one of 'default', 'always', or 'never'`);
      } else if (name === '--version') {
        version++;
      } else {
        // Help is printed at once, whatever follows (as CPython).
        const help = { '--help': 'usage', '--help-all': 'all', '--help-env': 'env', '--help-xoptions': 'xoptions' }[name];
        return { mode: 'help', help, args: [], flags, version };
      }
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      const at = SHORT.indexOf(c);
      if (at === -1 || c === ':') throw new UsageError(`Unknown option: -${c}`);
      if (c === 'J') throw new UsageError('-J is reserved for Jython');
      if (UNSUPPORTED[c]) throw new UsageError(UNSUPPORTED[c]);
      if (SHORT[at + 1] !== ':') {
        if (c === 'h' || c === '?') return { mode: 'help', help: 'usage', args: [], flags, version };
        if (c === 'V') version++;
        else flags.add(c);
        continue;
      }
      // An option with an argument: the rest of this word, or the next one.
      let value = arg.slice(j + 1);
      if (value === '') {
        if (i >= argv.length) throw new UsageError(`Argument expected for the -${c} option`);
        value = argv[i++];
      }
      if (c === 'c') { mode = 'command'; target = value; }
      else if (c === 'm') { mode = 'module'; target = value; }
      else if (c === 'X' && value.startsWith('int_max_str_digits')) checkIntMaxStrDigits(value);
      break;
    }
  }
  if (version) return { mode: 'version', args: [], flags, version };
  if (!mode) {
    if (i < argv.length && argv[i] !== '-') {
      mode = 'file';
      target = argv[i++];
    } else if (i < argv.length) {
      mode = 'stdin';  // `-`: the script is standard input, sys.argv[0] is '-'
      target = argv[i++];
    } else {
      mode = stdinIsTTY ? 'repl' : 'stdin';
    }
  }
  return { mode, target, args: argv.slice(i), flags, version };
}

/** CPython would stop with a fatal error on a bad -X int_max_str_digits. */
function checkIntMaxStrDigits(value) {
  const n = value.split('=')[1];
  if (n === undefined || !/^\d+$/.test(n) || (Number(n) !== 0 && Number(n) < 640)) {
    throw new UsageError('-X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.');
  }
}

/** The line python prints after a usage error. */
export const USAGE = 'usage: isthmus [option] ... [-c cmd | -m mod | file | -] [arg] ...';
export const TRY_HELP = "Try `isthmus -h' for more information.";

/** `isthmus -h`: CPython's options, what each does here, and the mounts. */
export const HELP = `${USAGE}
Python 3.11 (CPython compiled to WebAssembly) under Node.js. As python:
-c cmd : program passed in as string (terminates option list)
-m mod : run library module as a script (terminates option list)
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Options:
-b     : issue warnings about str(bytes_instance), str(bytearray_instance)
         and comparing bytes/bytearray with str. (-bb: issue errors)
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-d     : turn on parser debugging output (for experts only)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script; forces a prompt even
         if stdin does not appear to be a terminal; also PYTHONINSPECT=x
-I     : isolate Python from the user's environment (implies -E, -P and -s)
-O     : remove assert and __debug__-dependent statements; also PYTHONOPTIMIZE=x
-OO    : do -O changes and also discard docstrings
-P     : don't prepend a potentially unsafe path to sys.path; also PYTHONSAFEPATH
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE
-S     : don't imply 'import site' on initialization
-u     : unbuffered binary stdout and stderr (always so here); also PYTHONUNBUFFERED=x
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
-V     : print the Python version number and exit (also --version)
         when given twice, print more information about the build
-W arg : warning control; arg is action:message:category:module:lineno
         also PYTHONWARNINGS=arg
-X opt : set implementation-specific option (dev, utf8, importtime,
         int_max_str_digits=N, warn_default_encoding, ...; see --help-xoptions)
--check-hash-based-pycs always|default|never:
         control how Python invalidates hash-based .pyc files
--help-env, --help-xoptions, --help-all: more help

Not available: -x (skip the first line of the script); -R is accepted
(hashes are always randomized unless PYTHONHASHSEED is set).

The host's environment is os.environ. Python runs in a WebAssembly
filesystem; these host directories are mounted in it at their own paths,
read-write: the current directory, HOME, the script's directory, the
PYTHONPATH entries (not with -E/-I) and PYTHONSTARTUP's directory. A
directory at /, /lib, /dev or /proc (the runtime's own) is mounted at
/host<path> instead. Other host paths are not visible.

Ctrl-C raises KeyboardInterrupt; a second Ctrl-C while the first has not
been taken (Python blocked in a read or in C code) ends the command (130).`;

export const HELP_ENV = `Environment variables that change behavior (not with -E or -I):
PYTHONSTARTUP: file executed on interactive startup (no default)
PYTHONPATH   : ':'-separated list of directories prefixed to the
               default module search path (mounted from the host)
PYTHONSAFEPATH: don't prepend a potentially unsafe path to sys.path.
PYTHONHASHSEED: if this variable is set to 'random', a random value is used
   to seed the hashes of str and bytes objects; an integer in [0,4294967295]
   makes them reproducible.
PYTHONDONTWRITEBYTECODE, PYTHONUNBUFFERED, PYTHONWARNINGS, PYTHONOPTIMIZE,
PYTHONVERBOSE, PYTHONINSPECT, PYTHONNOUSERSITE, PYTHONDEVMODE,
PYTHONINTMAXSTRDIGITS, PYTHONIOENCODING, PYTHONWARNDEFAULTENCODING,
PYTHONBREAKPOINT: as in python (see python3 --help-env).`;

export const HELP_XOPTIONS = `-X options (as python 3.11): dev, utf8 (always on), importtime,
tracemalloc[=N], faulthandler, int_max_str_digits=N, warn_default_encoding,
no_debug_ranges, pycache_prefix=PATH, frozen_modules=on|off.
Unknown ones are kept in sys._xoptions, as python does.`;
