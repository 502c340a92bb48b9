import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SerialQueue } from '../../src/actions/serial-queue.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

test('jobs run one at a time in submission order', async () => {
  const queue = new SerialQueue(10);
  const events: string[] = [];
  let running = 0;
  const job = (name: string) => async () => {
    running++;
    assert.equal(running, 1);
    events.push(`start ${name}`);
    await new Promise((resolve) => setImmediate(resolve));
    events.push(`end ${name}`);
    running--;
    return name;
  };
  const results = await Promise.all([queue.run(job('a')), queue.run(job('b')), queue.run(job('c'))]);
  assert.deepEqual(results, ['a', 'b', 'c']);
  assert.deepEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
});

test('a failing job rejects its own promise and the queue goes on', async () => {
  const queue = new SerialQueue(10);
  const failed = queue.run(() => Promise.reject(new Error('boom')));
  const next = queue.run(() => Promise.resolve(2));
  await assert.rejects(failed, /boom/);
  assert.equal(await next, 2);
});

test('ready() waits while the queue is full and nothing is dropped', async () => {
  const queue = new SerialQueue(2);
  const gate = deferred();
  const done: number[] = [];
  const jobs = [1, 2, 3].map((n) =>
    queue.run(async () => {
      await gate.promise;
      done.push(n);
    }),
  );
  assert.equal(queue.length, 3);
  let ready = false;
  const readiness = queue.ready().then(() => (ready = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(ready, false);
  gate.resolve();
  await readiness;
  await Promise.all(jobs);
  assert.deepEqual(done, [1, 2, 3]);
  assert.equal(queue.length, 0);
});

test('idle() resolves when every job has finished', async () => {
  const queue = new SerialQueue(5);
  await queue.idle();
  let finished = false;
  void queue.run(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    finished = true;
  });
  await queue.idle();
  assert.equal(finished, true);
});

test('a long queue keeps its order across internal compaction', async () => {
  const queue = new SerialQueue(10);
  const seen: number[] = [];
  const all = Array.from({ length: 3000 }, (_, n) =>
    queue.run(() => {
      seen.push(n);
      return Promise.resolve();
    }),
  );
  await Promise.all(all);
  assert.deepEqual(
    seen,
    Array.from({ length: 3000 }, (_, n) => n),
  );
});

test('the bound must be a positive integer', () => {
  assert.throws(() => new SerialQueue(0), RangeError);
});
