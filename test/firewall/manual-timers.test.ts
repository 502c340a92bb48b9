import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { createSystemTimers } from '../../src/firewall/firewall-timers.js';
import { ManualTimers } from '../../src/firewall/manual-timers.js';

test('manual timers fire in time order, each at its own time, and can be cleared', async () => {
  const clock = new ManualClock(1000);
  const timers = new ManualTimers(clock);
  const fired: [string, number][] = [];
  timers.setTimeout(() => fired.push(['b', clock.now()]), 20);
  timers.setTimeout(() => {
    fired.push(['a', clock.now()]);
    timers.setTimeout(() => fired.push(['c', clock.now()]), 5);
  }, 10);
  const cleared = timers.setTimeout(() => fired.push(['x', clock.now()]), 15);
  timers.clearTimeout(cleared);
  await timers.advance(100);
  assert.deepEqual(fired, [
    ['a', 1010],
    ['c', 1015],
    ['b', 1020],
  ]);
  assert.equal(clock.now(), 1100);
  assert.equal(timers.size, 0);
});

test('system timers fire and can be cleared', async () => {
  const timers = createSystemTimers();
  let fired = 0;
  const cleared = timers.setTimeout(() => fired++, 1);
  timers.clearTimeout(cleared);
  await new Promise<void>((resolve) => timers.setTimeout(resolve, 2));
  assert.equal(fired, 0);
});
