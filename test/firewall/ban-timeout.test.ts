import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BanDecision } from '../../src/core/records.js';
import { banTimeoutSec, bansToRefresh } from '../../src/firewall/ban-timeout.js';

function ban(startMs: number, durationSec: number, address = '192.0.2.1'): BanDecision {
  return { jail: 'j', address, family: 4, startMs, durationSec, banCount: 1, failures: 1 };
}

test('the timeout is the remaining ban time rounded up, at least one second, at most the cap', () => {
  assert.equal(banTimeoutSec(ban(0, 600), 0, 1000), 600);
  assert.equal(banTimeoutSec(ban(0, 600), 100_500, 1000), 500);
  assert.equal(banTimeoutSec(ban(0, 600), 700_000, 1000), 1);
  assert.equal(banTimeoutSec(ban(0, 600), 599_999, 1000), 1);
  assert.equal(banTimeoutSec(ban(0, 5000), 0, 1000), 1000);
  assert.equal(banTimeoutSec(ban(0, -1), 0, 1000), undefined);
});

test('bans ending beyond the refresh horizon are returned, permanent ones never', () => {
  const policy = { maxTimeoutSec: 1000, periodSec: 100 };
  const bans = [ban(0, 700, 'a'), ban(0, 900, 'b'), ban(0, 5000, 'c'), ban(0, -1, 'd')];
  assert.deepEqual(
    bansToRefresh(bans, 0, policy).map((b) => b.address),
    ['b', 'c'],
  );
  assert.deepEqual(
    bansToRefresh(bans, 4_500_000, policy).map((b) => b.address),
    [],
  );
  assert.throws(() => bansToRefresh(bans, 0, { maxTimeoutSec: 100, periodSec: 50 }), /less than half/);
});

test('refreshing every period keeps a capped ban in the kernel until its end, and not past it', () => {
  // A simulated kernel: the element expires at the last write plus its timeout.
  const policy = { maxTimeoutSec: 1000, periodSec: 100 };
  const long = ban(0, 10_000);
  let expiresMs = banTimeoutSec(long, 0, policy.maxTimeoutSec)! * 1000;
  for (let nowMs = 0; nowMs <= 12_000_000; nowMs += 97_000) {
    assert.ok(expiresMs > nowMs || nowMs >= 10_000_000, `present at ${nowMs}`);
    for (const due of bansToRefresh([long], nowMs, policy)) {
      expiresMs = nowMs + banTimeoutSec(due, nowMs, policy.maxTimeoutSec)! * 1000;
    }
  }
  assert.ok(expiresMs >= 10_000_000 && expiresMs <= 10_001_000, `expires at ${expiresMs}`);
});
