// Which host directories the `isthmus` command mounts into the wasm
// filesystem, and where. Python sees the host only through these mounts
// (Emscripten's NODEFS, read-write), so every path a script is likely to name
// is mounted at its own host path: the current directory, HOME, the script's
// directory, PYTHONPATH entries, PYTHONSTARTUP's directory.
import fs from 'node:fs';
import path from 'node:path';

/** The runtime's own directories: a host directory here goes to /host<dir>. */
export const RESERVED = ['/', '/lib', '/dev', '/proc'];

/** Where a host directory appears inside wasm. */
export function mountPointFor(hostDir) {
  const under = RESERVED.find((r) => r !== '/' && (hostDir === r || hostDir.startsWith(`${r}/`)));
  return hostDir === '/' || under ? path.posix.join('/host', hostDir) : hostDir;
}

function isDirectory(p) {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

/**
 * The mounts for a run: [wasm path, host path] pairs, outermost first, with no
 * directory mounted twice (one inside a mounted one is already visible).
 * Paths that do not exist are skipped: Python reports them when it uses them.
 * @param {{ cwd: string, env: Record<string, string|undefined>, parsed: import('./cli_args.mjs').Parsed, ignoreEnv: boolean }} o
 * @returns {{ mounts: [string, string][], cwd: string }} cwd: the current directory inside wasm
 */
export function planMounts({ cwd, env, parsed, ignoreEnv }) {
  const wanted = [cwd];
  if (env.HOME) wanted.push(env.HOME);
  if (parsed.mode === 'file') {
    const script = path.resolve(cwd, parsed.target);
    // A directory or zip with __main__.py is run itself; a file from its directory.
    wanted.push(isDirectory(script) ? script : path.dirname(script));
  }
  if (!ignoreEnv) {
    for (const entry of (env.PYTHONPATH ?? '').split(':').filter(Boolean)) wanted.push(path.resolve(cwd, entry));
    if (env.PYTHONSTARTUP) wanted.push(path.dirname(path.resolve(cwd, env.PYTHONSTARTUP)));
  }
  const dirs = [...new Set(wanted.map((d) => path.resolve(d)))].filter(isDirectory)
    .sort((a, b) => a.length - b.length);
  const chosen = [];
  for (const dir of dirs) {
    const inside = chosen.some((c) => c !== '/' && (dir === c || dir.startsWith(`${c}/`)));
    // Mounting / itself (at /host) would not make /x visible at /x.
    if (!inside || RESERVED.includes(dir)) chosen.push(dir);
  }
  const mounts = chosen.map((dir) => [mountPointFor(dir), dir]);
  const within = chosen.filter((c) => cwd === c || cwd.startsWith(`${c}/`)).pop() ?? cwd;
  return { mounts, cwd: path.posix.join(mountPointFor(within), path.relative(within, cwd)) };
}
