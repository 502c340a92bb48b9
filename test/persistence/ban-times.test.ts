// When a stored ban ends and when its history may go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { banEndMs, isBanActive, isHistoryPurgeable } from '../../src/persistence/ban-times.js';

test('a ban ends start + ban time; a permanent one never', () => {
  assert.equal(banEndMs(1000, 60), 61_000);
  assert.equal(banEndMs(1000, -1), Infinity);
});

test('a ban is active strictly before its end', () => {
  assert.equal(isBanActive(0, 60, 59_999), true);
  assert.equal(isBanActive(0, 60, 60_000), false);
  assert.equal(isBanActive(0, -1, Number.MAX_SAFE_INTEGER), true);
});

test("history goes once start + 3 × ban time is before the limit (fail2ban's bips rule); permanent stays", () => {
  assert.equal(isHistoryPurgeable(0, 60, 180_000), false);
  assert.equal(isHistoryPurgeable(0, 60, 180_001), true);
  assert.equal(isHistoryPurgeable(0, -1, Number.MAX_SAFE_INTEGER), false);
  assert.equal(isHistoryPurgeable(10, 0, 10), false, 'a ban started at the limit is kept');
  assert.equal(isHistoryPurgeable(10, 0, 11), true);
});
