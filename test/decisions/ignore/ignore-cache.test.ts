import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IgnoreCache } from '../../../src/decisions/ignore/ignore-cache.js';

test('a cached result lasts maxTime seconds', () => {
  const cache = new IgnoreCache({ maxCount: 10, maxTime: 60 });
  cache.set('192.0.2.1', true, 0);
  assert.equal(cache.get('192.0.2.1', 59_999), true);
  assert.equal(cache.get('192.0.2.1', 60_000), undefined);
  assert.equal(cache.size, 0);
});

test('when full, the oldest entries make room first', () => {
  const cache = new IgnoreCache({ maxCount: 2, maxTime: 60 });
  cache.set('a', true, 0);
  cache.set('b', false, 1);
  cache.set('c', true, 2);
  assert.equal(cache.get('a', 3), undefined);
  assert.equal(cache.get('b', 3), false);
  assert.equal(cache.get('c', 3), true);
  assert.equal(cache.size, 2);
});
