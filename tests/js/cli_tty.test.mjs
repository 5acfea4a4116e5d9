// The Ctrl-C hand-over between the isthmus command's main thread (LineServer)
// and its worker (LineClient), js/cli_tty.mjs: both run here in one thread, so
// the orders a loaded machine produces are forced one by one. The race lost a
// Ctrl-C typed after `while True: pass` + two Enters (the loop then ran on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.ISTHMUS_DIST ?? path.resolve('dist');
const { LineServer, LineClient, newChannelBuffer, LINE, INTERRUPT } =
  await import(pathToFileURL(path.join(dist, 'cli_tty.mjs')).href);
const SIGINT = 2;

function pair() {
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  const server = new LineServer(newChannelBuffer(), interrupt, () => assert.fail('no readline here'));
  const requests = [];
  const client = new LineClient(server.ctrl.buffer, (prompt) => requests.push(prompt), interrupt);
  return { interrupt, server, client, requests };
}

test('Ctrl-C before the main thread serves the "... " request: the read ends in INTERRUPT, the idle handler leaves it', async () => {
  const { interrupt, server, client, requests } = pair();
  server.typedAhead.push([LINE, '']);  // the second Enter, typed ahead
  const read = client.read('... ');
  Atomics.store(interrupt, 0, SIGINT);  // the main thread's onInterrupt: no line asked for yet
  assert.equal(client.takeIdleInterrupt(), false);
  server.serve(requests.shift());
  assert.deepEqual(await read, [INTERRUPT, '']);
  assert.equal(Atomics.load(interrupt, 0), 0);
});

test('Ctrl-C after the main thread answered with a typed-ahead line: INTERRUPT, the line dropped', async () => {
  const { interrupt, server, client, requests } = pair();
  server.typedAhead.push([LINE, 'while True: pass']);
  const read = client.read('... ');
  server.serve(requests.shift());  // answered; the worker's wake-up is still queued
  Atomics.store(interrupt, 0, SIGINT);
  assert.equal(client.takeIdleInterrupt(), false);
  assert.deepEqual(await read, [INTERRUPT, '']);
  assert.equal(Atomics.load(interrupt, 0), 0);
});

test('Ctrl-C while no line is read (the REPL awaiting a statement): the idle handler takes it', () => {
  const { interrupt, client } = pair();
  Atomics.store(interrupt, 0, SIGINT);
  assert.equal(client.takeIdleInterrupt(), true);
  assert.equal(Atomics.load(interrupt, 0), 0);
});
