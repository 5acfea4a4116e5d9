// Start-up of a whole command, a fresh process each time: `isthmus -c pass`
// (dist/cli.mjs: node, the worker, the wasm runtime, CPython with site)
// beside native `python3.11 -c pass` and `node -e 0` (node's own share).
// The commands alternate within each round (the machine's speed drifts);
// each row is the median of all its runs, with the spread (min-max).
// Usage: node bench/startup.mjs [--json out.json] [rounds]
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.ISTHMUS_DIST ?? path.join(root, 'dist');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time of one run of a command, in ms; throws if it fails. */
export function timeCommand(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

/** Median wall time of `runs` fresh runs, in ms (after one warm-up run). */
export function commandStartup(cmd, args, runs = 5) {
  timeCommand(cmd, args);
  return median(Array.from({ length: runs }, () => timeCommand(cmd, args)));
}

const COMMANDS = {
  'isthmus -c pass': [process.execPath, [path.join(dist, 'cli.mjs'), '-c', 'pass']],
  'isthmus -S -c pass (no site)': [process.execPath, [path.join(dist, 'cli.mjs'), '-S', '-c', 'pass']],
  'python3.11 -c pass': ['/usr/bin/python3.11', ['-c', 'pass']],
  'node -e 0': [process.execPath, ['-e', '0']],
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rounds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 7);
  const samples = Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, []]));
  for (const [cmd, args] of Object.values(COMMANDS)) timeCommand(cmd, args);  // warm the file cache
  for (let r = 0; r < rounds; r++) {
    for (const [name, [cmd, args]] of Object.entries(COMMANDS)) samples[name].push(timeCommand(cmd, args));
  }
  const rows = Object.entries(samples).map(([op, xs]) => ({
    op, medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs), runs: xs.length,
  }));
  console.log(`start-up of a fresh process (${rounds} alternating rounds; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  for (const row of rows) {
    console.log(`${row.op.padEnd(30)} ${row.medianMs.toFixed(1).padStart(8)} ms   (${row.minMs.toFixed(1)}-${row.maxMs.toFixed(1)})`);
  }
  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1], JSON.stringify({ loadAverage: os.loadavg(), rows }, null, 2));
}
