import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prng } from '../../bench/corpus/prng.js';
import { line, pause, type Script } from '../../bench/corpus/session.js';
import { SessionPool } from '../../bench/corpus/session-pool.js';

function* script(name: string, waitAfterFirst: number): Script {
  yield line('p', 1, `${name} 1`, 'postfix-connect');
  yield pause(waitAfterFirst);
  yield line('p', 1, `${name} 2`, 'postfix-disconnect');
}

test('a pausing session writes nothing until its pause has ended', () => {
  const pool = new SessionPool();
  const prng = new Prng(1);
  pool.add(script('a', 10));
  assert.equal(pool.take(prng, 0)?.message, 'a 1');
  assert.equal(pool.take(prng, 0), undefined);
  assert.equal(pool.size, 1);
  pool.wake(9.9);
  assert.equal(pool.take(prng, 9.9), undefined);
  pool.wake(10);
  assert.equal(pool.take(prng, 10)?.message, 'a 2');
  assert.equal(pool.take(prng, 10), undefined);
  assert.equal(pool.size, 0);
});

test('sessions wake in the order of their pauses and each keeps its own line order', () => {
  const pool = new SessionPool();
  const prng = new Prng(2);
  for (const [name, wait] of [
    ['a', 30],
    ['b', 10],
    ['c', 20],
  ] as const)
    pool.add(script(name, wait));
  const firsts = [pool.take(prng, 0), pool.take(prng, 0), pool.take(prng, 0)].map((s) => s?.message).sort();
  assert.deepEqual(firsts, ['a 1', 'b 1', 'c 1']);
  const seconds: string[] = [];
  for (const t of [10, 20, 30]) {
    pool.wake(t);
    seconds.push(pool.take(prng, t)?.message ?? '');
  }
  assert.deepEqual(seconds, ['b 2', 'c 2', 'a 2']);
});
