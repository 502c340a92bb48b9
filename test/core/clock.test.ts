import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, systemClock } from '../../src/core/clock.js';

test('a manual clock moves only when told', () => {
  const clock = new ManualClock(1000);
  assert.equal(clock.now(), 1000);
  clock.advance(500);
  assert.equal(clock.now(), 1500);
  clock.set(10);
  assert.equal(clock.now(), 10);
});

test('the system clock reads the wall clock', () => {
  const before = Date.now();
  const read = systemClock.now();
  assert.ok(read >= before && read <= Date.now());
});
