import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkQueue } from '../../src/sources/chunk-queue.js';

test('items come out in the order they went in', async () => {
  const queue = new ChunkQueue<number>(4);
  await queue.push(1);
  await queue.push(2);
  assert.equal(await queue.pull(), 1);
  assert.equal(await queue.pull(), 2);
});

test('a push waits while the queue is full and goes on after a pull', async () => {
  const queue = new ChunkQueue<string>(1);
  assert.equal(await queue.push('a'), true);
  let second = false;
  const pending = queue.push('b').then((queued) => (second = queued));
  await Promise.resolve();
  assert.equal(second, false);
  assert.equal(queue.length, 1);
  assert.equal(await queue.pull(), 'a');
  await pending;
  assert.equal(second, true);
  assert.equal(await queue.pull(), 'b');
});

test('a waiting pull gets the next pushed item directly', async () => {
  const queue = new ChunkQueue<number>(1);
  const pulled = queue.pull();
  await queue.push(7);
  assert.equal(await pulled, 7);
  assert.equal(queue.length, 0);
});

test('close drops queued items, ends the pull with undefined and refuses pushes', async () => {
  const queue = new ChunkQueue<number>(1);
  await queue.push(1);
  const blocked = queue.push(2);
  queue.close();
  assert.equal(await blocked, false);
  assert.equal(await queue.pull(), undefined);
  assert.equal(await queue.push(3), false);
  assert.equal(queue.closed, true);
});

test('a pull waiting on an empty queue ends with undefined when it is closed', async () => {
  const queue = new ChunkQueue<number>(2);
  const pulled = queue.pull();
  queue.close();
  assert.equal(await pulled, undefined);
});

test('capacity must be a positive integer', () => {
  assert.throws(() => new ChunkQueue(0), RangeError);
  assert.throws(() => new ChunkQueue(1.5), RangeError);
});
