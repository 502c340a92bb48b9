import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FailureTable } from '../../src/counting/failure-table.js';

test('slots are reused after an id is closed', () => {
  const table = new FailureTable(3, 4);
  const a = table.open('a');
  table.open('b');
  table.close('a');
  assert.equal(table.open('c'), a);
  assert.equal(table.size, 2);
});

test('the table grows past its initial capacity and keeps every slot content', () => {
  const table = new FailureTable(2, 2);
  for (let i = 0; i < 10; i++) {
    const slot = table.open(`id${i}`);
    table.timeArray[table.base(slot)] = i;
    table.setCount(slot, 1);
    table.addToTotal(slot, i);
  }
  for (let i = 0; i < 10; i++) {
    const slot = table.slotOf(`id${i}`)!;
    assert.equal(table.newest(slot), i);
    assert.equal(table.total(slot), i);
  }
});

test('touch moves an id to the end, so the front is the least recently failing id', () => {
  const table = new FailureTable(1, 4);
  const a = table.open('a');
  table.open('b');
  assert.equal(table.oldest(), 'a');
  table.touch('a', a);
  assert.equal(table.oldest(), 'b');
});

test('closeExpired stops at the first live id and reports when its budget ran out', () => {
  const table = new FailureTable(1, 8);
  for (const [id, t] of [
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['d', 9],
  ] as const) {
    const slot = table.open(id);
    table.timeArray[table.base(slot)] = t;
    table.setCount(slot, 1);
  }
  const expired = (slot: number): boolean => table.newest(slot) < 5;
  const closed: string[] = [];
  assert.deepEqual(
    table.closeExpired(expired, 2, (id) => closed.push(id)),
    { closed: 2, more: true },
  );
  assert.deepEqual(
    table.closeExpired(expired, 2, (id) => closed.push(id)),
    { closed: 1, more: false },
  );
  assert.deepEqual(closed, ['a', 'b', 'c']);
  assert.equal(table.size, 1);
});

test('after a flood expires the arrays shrink and the remaining ids keep their times', () => {
  const table = new FailureTable(1, 1024);
  for (let i = 0; i < 8192; i++) {
    const slot = table.open(`id${i}`);
    table.timeArray[table.base(slot)] = i;
    table.setCount(slot, 1);
  }
  const before = table.timeArray.length;
  table.closeExpired((slot) => table.newest(slot) < 8000, Infinity);
  assert.ok(table.timeArray.length < before);
  assert.equal(table.size, 192);
  for (let i = 8000; i < 8192; i++) assert.equal(table.newest(table.slotOf(`id${i}`)!), i);
  const slot = table.open('new');
  assert.equal(table.count(slot), 0, 'a slot opened after shrinking starts empty');
});
