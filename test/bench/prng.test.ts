import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prng } from '../../bench/corpus/prng.js';

function draws(seed: number, n: number): number[] {
  const prng = new Prng(seed);
  return Array.from({ length: n }, () => prng.nextU32());
}

test('the same seed gives the same sequence', () => {
  assert.deepEqual(draws(42, 1000), draws(42, 1000));
});

test('different seeds give different sequences', () => {
  assert.notDeepEqual(draws(1, 16), draws(2, 16));
  // High bits of a large seed matter too.
  assert.notDeepEqual(draws(5, 16), draws(5 + 2 ** 32, 16));
});

test('seed 0 does not yield a stuck generator', () => {
  assert.equal(new Set(draws(0, 100)).size, 100);
});

test('below, between and float stay in their ranges and cover them', () => {
  const prng = new Prng(9);
  const seen = new Set<number>();
  for (let i = 0; i < 10000; i++) {
    const n = prng.below(10);
    assert.ok(n >= 0 && n < 10 && Number.isInteger(n));
    seen.add(n);
    const b = prng.between(3, 5);
    assert.ok(b >= 3 && b <= 5);
    const f = prng.float();
    assert.ok(f >= 0 && f < 1);
  }
  assert.equal(seen.size, 10);
});

test('weighted picks follow the weights and never pick a zero weight', () => {
  const prng = new Prng(3);
  const counts = [0, 0, 0];
  for (let i = 0; i < 30000; i++) counts[prng.weighted([1, 0, 3])]! += 1;
  assert.equal(counts[1], 0);
  const ratio = counts[2]! / counts[0]!;
  assert.ok(ratio > 2.7 && ratio < 3.3, `ratio ${ratio}`);
});

test('pick from an empty list throws instead of returning undefined', () => {
  assert.throws(() => new Prng(1).pick([]), RangeError);
});
