import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import type { FailureEvent } from '../../src/core/records.js';
import { createCountingStage } from '../../src/counting/counting-stage.js';

function failure(id: string, timeMs: number, extra: Partial<FailureEvent> = {}): FailureEvent {
  return { jail: 'sshd', id, kind: 'address', timeMs, ...extra };
}

test('maxretry failures within findtime produce one ban candidate with the failure data', () => {
  const clock = new ManualClock(0);
  const stage = createCountingStage({
    clock,
    jails: { sshd: { maxretry: 2, findtime: 600, maxMatches: 5 } },
  });
  assert.equal(stage.count(failure('192.0.2.1', 1000, { matches: ['l1'] })), undefined);
  const candidate = stage.count(failure('192.0.2.1', 2000, { user: 'root', matches: ['l2'] }));
  assert.deepEqual(candidate, {
    jail: 'sshd',
    id: '192.0.2.1',
    kind: 'address',
    timeMs: 2000,
    firstMs: 1000,
    failures: 2,
    user: 'root',
    matches: ['l1', 'l2'],
  });
  assert.equal(stage.count(failure('192.0.2.1', 3000)), undefined);
});

test('jails count separately, and an unknown jail is ignored', () => {
  const stage = createCountingStage({
    clock: new ManualClock(),
    jails: { sshd: { maxretry: 2, findtime: 600 }, postfix: { maxretry: 2, findtime: 600 } },
  });
  stage.count(failure('192.0.2.1', 0));
  assert.equal(stage.count({ ...failure('192.0.2.1', 1), jail: 'postfix' }), undefined);
  assert.equal(stage.count({ ...failure('192.0.2.1', 1), jail: 'nope' }), undefined);
  assert.deepEqual(stage.status('sshd'), { current: 1, total: 1, evicted: 0 });
  assert.equal(stage.status('nope'), undefined);
});

test('the clock drives the periodic sweep: expired ids disappear without further failures from them', () => {
  const clock = new ManualClock(0);
  const stage = createCountingStage({
    clock,
    jails: { sshd: { maxretry: 3, findtime: 60 } },
    sweepIntervalMs: 5000,
  });
  stage.count(failure('192.0.2.1', 0));
  clock.set(61_000);
  stage.count(failure('192.0.2.2', 61_000));
  assert.equal(stage.status('sshd')?.current, 1, 'the sweep ran on this count and dropped 192.0.2.1');
  clock.set(200_000);
  assert.equal(stage.sweep(), 1);
  assert.equal(stage.status('sshd')?.current, 0);
});

test('a sweep that runs out of budget continues on the next event', () => {
  const clock = new ManualClock(0);
  const stage = createCountingStage({
    clock,
    jails: { sshd: { maxretry: 3, findtime: 10 } },
    sweepIntervalMs: 1000,
    sweepBudget: 2,
  });
  for (let i = 0; i < 5; i++) stage.count(failure(`192.0.2.${i}`, 0));
  clock.set(60_000);
  stage.count(failure('198.51.100.1', 60_000));
  assert.equal(stage.status('sshd')?.current, 4, 'two of five removed, then the new one');
  stage.count(failure('198.51.100.1', 60_001));
  stage.count(failure('198.51.100.2', 60_002));
  assert.equal(stage.status('sshd')?.current, 2);
});

test('the weight is clamped to 1..maxretry', () => {
  const stage = createCountingStage({
    clock: new ManualClock(),
    jails: { sshd: { maxretry: 3, findtime: 60 } },
  });
  assert.equal(stage.count(failure('a', 0), 0), undefined, 'weight 0 still counts once');
  assert.ok(stage.count(failure('b', 0), 50) !== undefined);
});

test('forget drops the failures of one id', () => {
  const stage = createCountingStage({
    clock: new ManualClock(),
    jails: { sshd: { maxretry: 2, findtime: 60 } },
  });
  stage.count(failure('a', 0));
  stage.forget('sshd', 'a');
  assert.equal(stage.count(failure('a', 1)), undefined);
});

test('reconfigure keeps the counts of unchanged jails and restarts changed ones', () => {
  const stage = createCountingStage({
    clock: new ManualClock(),
    jails: { sshd: { maxretry: 2, findtime: 60 }, postfix: { maxretry: 2, findtime: 60 } },
  });
  stage.count(failure('a', 0));
  stage.count({ ...failure('a', 0), jail: 'postfix' });
  stage.reconfigure({
    sshd: { maxretry: 2, findtime: 60 },
    postfix: { maxretry: 3, findtime: 60 },
    dovecot: { maxretry: 1, findtime: 1 },
  });
  assert.ok(stage.count(failure('a', 1)) !== undefined, 'sshd kept its first failure');
  assert.equal(stage.status('postfix')?.current, 0);
  assert.ok(stage.count({ ...failure('z', 0), jail: 'dovecot' }) !== undefined);
  stage.reconfigure({});
  assert.equal(stage.status('sshd'), undefined);
});

test('invalid jail options are refused when the stage is created', () => {
  assert.throws(
    () => createCountingStage({ clock: new ManualClock(), jails: { sshd: { maxretry: 0, findtime: 60 } } }),
    /maxretry/,
  );
});
