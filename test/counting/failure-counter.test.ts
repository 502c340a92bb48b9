import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillCountingOptions, type CountingOptions } from '../../src/counting/counting-options.js';
import { FailureCounter } from '../../src/counting/failure-counter.js';

const s = 1000;

function counter(options: CountingOptions): FailureCounter {
  return new FailureCounter(fillCountingOptions(options));
}

/** Feeds failure times (seconds) of one id; returns the times (seconds) at which it was banned. */
function bansAt(options: CountingOptions, times: readonly number[]): number[] {
  const c = counter(options);
  return times.filter((t) => c.record('192.0.2.1', t * s) !== undefined);
}

test('maxretry reached within findtime bans exactly once', () => {
  const c = counter({ maxretry: 3, findtime: 600 });
  assert.equal(c.record('192.0.2.1', 0), undefined);
  assert.equal(c.record('192.0.2.1', 100 * s), undefined);
  const reached = c.record('192.0.2.1', 200 * s);
  assert.deepEqual(reached, { firstMs: 0, lastMs: 200 * s, failures: 3 });
  assert.equal(c.size, 0, 'the id is forgotten once it reached the threshold');
  assert.equal(c.record('192.0.2.1', 201 * s), undefined, 'the next failure starts a new count');
});

test('failures spread over more than findtime do not ban', () => {
  assert.deepEqual(bansAt({ maxretry: 3, findtime: 600 }, [0, 301, 602, 903]), []);
});

test('both ends of the window count: failures exactly findtime apart are within findtime', () => {
  assert.deepEqual(bansAt({ maxretry: 3, findtime: 600 }, [0, 300, 600]), [600]);
  assert.deepEqual(bansAt({ maxretry: 3, findtime: 600 }, [0, 300, 601]), []);
});

test('the window slides: the newest maxretry failures decide, not the first ones', () => {
  assert.deepEqual(bansAt({ maxretry: 3, findtime: 600 }, [0, 500, 1000, 1050]), [1050]);
});

// The cases where fail2ban's rate estimate differs from the exact window (docs/counting.md).
test('an old burst does not count toward a ban later (fail2ban bans [0, 0, 650] at 650)', () => {
  assert.deepEqual(bansAt({ maxretry: 3, findtime: 600 }, [0, 0, 650]), []);
  assert.deepEqual(bansAt({ maxretry: 5, findtime: 600 }, [0, 700, 700, 700, 700]), []);
});

test('maxretry failures within findtime ban even after older failures (fail2ban misses [186, 829, 1180, 1390])', () => {
  assert.deepEqual(bansAt({ maxretry: 3, findtime: 600 }, [186, 829, 1180, 1390]), [1390]);
});

test('a failure more than findtime after the newest one starts the count over', () => {
  const c = counter({ maxretry: 3, findtime: 60 });
  c.record('a', 0);
  c.record('a', 10 * s);
  c.record('a', 100 * s);
  assert.equal(c.windowCount('a'), 1);
  assert.equal(c.record('a', 110 * s), undefined);
  assert.deepEqual(c.record('a', 120 * s)?.failures, 3, 'failures restart with the entry');
});

test('a late failure inside the window counts, one older than the window does not', () => {
  const c = counter({ maxretry: 3, findtime: 60 });
  c.record('a', 100 * s);
  c.record('a', 30 * s);
  assert.equal(c.windowCount('a'), 1, '70 s before the newest: outside the window');
  assert.equal(c.record('a', 50 * s), undefined);
  assert.deepEqual(c.record('a', 60 * s), { firstMs: 50 * s, lastMs: 100 * s, failures: 4 });
});

test('a weighted failure counts several times, capped at maxretry', () => {
  const c = counter({ maxretry: 5, findtime: 600 });
  assert.equal(c.record('a', 0, 3), undefined);
  assert.equal(c.windowCount('a'), 3);
  assert.ok(c.record('a', s, 2) !== undefined);
  assert.ok(c.record('b', 0, 99) !== undefined, 'a weight of maxretry or more bans at once');
});

test('ids are counted separately', () => {
  const c = counter({ maxretry: 2, findtime: 600 });
  assert.equal(c.record('192.0.2.1', 0), undefined);
  assert.equal(c.record('192.0.2.2', 0), undefined);
  assert.equal(c.size, 2);
  assert.equal(c.totalFailures, 2);
  assert.ok(c.record('192.0.2.2', s) !== undefined);
  assert.equal(c.windowCount('192.0.2.1'), 1);
});

test('the sweep removes ids whose newest failure is older than findtime, within its budget', () => {
  const c = counter({ maxretry: 5, findtime: 60 });
  c.record('a', 0);
  c.record('b', 10 * s);
  c.record('c', 20 * s);
  c.record('a', 50 * s);
  assert.deepEqual(c.sweep(85 * s), { removed: 2, more: false }, 'b and c; a failed again at 50 s');
  assert.equal(c.size, 1);
  assert.deepEqual(c.sweep(200 * s, 0), { removed: 0, more: true });
  assert.deepEqual(c.sweep(200 * s), { removed: 1, more: false });
  assert.equal(c.size, 0);
});

test('beyond maxTracked the id whose last failure is oldest is dropped', () => {
  const c = counter({ maxretry: 3, findtime: 600, maxTracked: 2 });
  c.record('a', 0);
  c.record('b', s);
  c.record('a', 2 * s);
  c.record('c', 3 * s);
  assert.equal(c.windowCount('b'), 0);
  assert.equal(c.windowCount('a'), 2);
  assert.equal(c.evicted, 1);
});

test('matches are kept only when maxMatches is set, the newest maxMatches of them', () => {
  const without = counter({ maxretry: 2, findtime: 600 });
  without.record('a', 0, 1, ['line 1']);
  assert.equal(without.record('a', s, 1, ['line 2'])?.matches, undefined);

  const c = counter({ maxretry: 3, findtime: 600, maxMatches: 2 });
  c.record('a', 0, 1, ['line 1']);
  c.record('a', s, 1, ['line 2']);
  assert.deepEqual(c.record('a', 2 * s, 1, ['line 3'])?.matches, ['line 2', 'line 3']);
  c.record('b', 0, 1, ['old']);
  c.sweep(3600 * s);
  c.record('b', 3600 * s, 1, ['new']);
  c.record('b', 3601 * s);
  assert.deepEqual(c.record('b', 3602 * s)?.matches, ['new'], 'an expired entry takes its matches along');
});

test('memory per id stays bounded: a thousand failures of one id keep maxretry times', () => {
  const c = counter({ maxretry: 1000, findtime: 10 });
  for (let i = 0; i < 5000; i++) c.record('a', i * 1000);
  assert.ok(c.windowCount('a') <= 11, 'only the failures of the last 10 s are in the window');
});
