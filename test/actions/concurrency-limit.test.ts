import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConcurrencyLimit } from '../../src/actions/concurrency-limit.js';

test('never more than max tasks run at once and all of them finish', async () => {
  const limit = new ConcurrencyLimit(3);
  let running = 0;
  let peak = 0;
  const tasks = Array.from({ length: 20 }, (_, n) =>
    limit.run(async () => {
      running++;
      peak = Math.max(peak, running);
      for (let i = 0; i < (n % 4) + 1; i++) await new Promise((resolve) => setImmediate(resolve));
      running--;
      return n;
    }),
  );
  assert.deepEqual(
    await Promise.all(tasks),
    Array.from({ length: 20 }, (_, n) => n),
  );
  assert.equal(peak, 3);
  assert.equal(limit.running, 0);
});

test('a failing task frees its slot', async () => {
  const limit = new ConcurrencyLimit(1);
  await assert.rejects(limit.run(() => Promise.reject(new Error('x'))));
  assert.equal(await limit.run(() => Promise.resolve('ok')), 'ok');
  assert.equal(limit.running, 0);
});

test('the limit must be a positive integer', () => {
  assert.throws(() => new ConcurrencyLimit(0), RangeError);
});
