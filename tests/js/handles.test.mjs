// The JS handle table on its own (js/handles.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HandleTable, UNDEFINED, NULL, TRUE, FALSE, GLOBAL_THIS } from '../../dist/handles.mjs';

test('immortal slots hold the constants and are never freed', () => {
  const g = {};
  const t = new HandleTable(g);
  assert.equal(t.get(UNDEFINED), undefined);
  assert.equal(t.get(NULL), null);
  assert.equal(t.get(TRUE), true);
  assert.equal(t.get(FALSE), false);
  assert.equal(t.get(GLOBAL_THIS), g);
  t.release(NULL);
  assert.equal(t.get(NULL), null);
  assert.equal(t.liveCount(), 0);
});

test('ids are recycled through the free list', () => {
  const t = new HandleTable();
  const a = t.put('a');
  const b = t.put('b');
  assert.notEqual(a, b);
  assert.equal(t.liveCount(), 2);
  assert.equal(t.take(a), 'a');
  const c = t.put('c');
  assert.equal(c, a);
  assert.equal(t.get(c), 'c');
  t.release(b);
  t.release(c);
  assert.equal(t.liveCount(), 0);
});

test('releasing an id that was never handed out throws', () => {
  const t = new HandleTable();
  assert.throws(() => t.release(1000), /invalid JS handle 1000/);
});

test('the debug table detects use of a freed id, even after its slot is reused', async () => {
  const { DebugHandleTable } = await import('../../dist/handles.mjs');
  const t = new DebugHandleTable();
  const a = t.put('a');
  assert.equal(t.get(a), 'a');
  t.release(a);
  const b = t.put('b');  // same slot, next generation
  assert.notEqual(a, b);
  assert.equal(t.get(b), 'b');
  assert.throws(() => t.get(a), /use of freed JS handle/);
  assert.throws(() => t.release(a), /use of freed JS handle/);
  assert.equal(t.get(b), 'b');
  t.release(b);
  assert.equal(t.liveCount(), 0);
});
