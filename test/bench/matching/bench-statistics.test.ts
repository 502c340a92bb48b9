import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRate, median, rate } from '../../../bench/matching/bench-statistics.js';

test('the median of an odd and an even number of values', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('rates are lines per second, shown with k and M', () => {
  assert.equal(rate(1000, 0.5), 2000);
  assert.equal(formatRate(2_345_678), '2.35M');
  assert.equal(formatRate(45_678), '45.7k');
  assert.equal(formatRate(12), '12');
  assert.equal(formatRate(rate(1, 0)), '∞');
});
