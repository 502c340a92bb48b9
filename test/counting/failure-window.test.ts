import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropBefore, insertTime } from '../../src/counting/failure-window.js';

function run(times: Float64Array, base: number, count: number): number[] {
  return Array.from(times.subarray(base, base + count));
}

test('times arriving in order are appended until the run is full, then the oldest is dropped', () => {
  const times = new Float64Array(6);
  let count = 0;
  for (const t of [10, 20, 30, 40]) count = insertTime(times, 3, count, 3, t, 1);
  assert.equal(count, 3);
  assert.deepEqual(run(times, 3, count), [20, 30, 40]);
  assert.deepEqual(Array.from(times.subarray(0, 3)), [0, 0, 0], 'the neighbouring run is untouched');
});

test('a time arriving late is inserted in order', () => {
  const times = new Float64Array(4);
  let count = insertTime(times, 0, 0, 4, 30, 1);
  count = insertTime(times, 0, count, 4, 10, 1);
  count = insertTime(times, 0, count, 4, 20, 1);
  assert.deepEqual(run(times, 0, count), [10, 20, 30]);
});

test('a late time older than every kept time of a full run changes nothing', () => {
  const times = Float64Array.from([10, 20, 30]);
  assert.equal(insertTime(times, 0, 3, 3, 5, 1), 3);
  assert.deepEqual(run(times, 0, 3), [10, 20, 30]);
  assert.equal(insertTime(times, 0, 3, 3, 15, 1), 3);
  assert.deepEqual(run(times, 0, 3), [15, 20, 30]);
});

test('copies insert the same time several times, at most the run width', () => {
  const times = new Float64Array(3);
  const count = insertTime(times, 0, 0, 3, 7, 10);
  assert.equal(count, 3);
  assert.deepEqual(run(times, 0, count), [7, 7, 7]);
});

test('dropBefore removes the times older than the bound and keeps the rest in order', () => {
  const times = Float64Array.from([0, 5, 10, 15, 20]);
  const count = dropBefore(times, 1, 4, 11);
  assert.equal(count, 2);
  assert.deepEqual(run(times, 1, count), [15, 20]);
  assert.equal(dropBefore(times, 1, count, 0), 2, 'nothing older: nothing dropped');
});
