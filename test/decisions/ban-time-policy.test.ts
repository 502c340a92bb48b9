import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBanTimePolicy } from '../../src/decisions/ban-time-policy.js';

const noRandom = (): number => 0;

// Expected values were computed with fail2ban 1.0.2's Jail.setBanTimeExtra formulas.
test('without increment every ban lasts bantime', () => {
  const policy = createBanTimePolicy({ bantime: 600 });
  assert.deepEqual(policy.duration(5, noRandom), { durationSec: 600 });
  assert.equal(policy.incrementEnabled, false);
});

test('the default increment doubles per earlier ban up to 2^20', () => {
  const policy = createBanTimePolicy({ bantime: 600, increment: { enabled: true } });
  assert.equal(policy.duration(0, noRandom).durationSec, 600, 'a first ban gets bantime');
  assert.equal(policy.duration(1, noRandom).durationSec, 1200);
  assert.equal(policy.duration(3, noRandom).durationSec, 4800);
  assert.equal(policy.duration(25, noRandom).durationSec, 629145600);
});

test('multipliers replace the formula and the last one repeats', () => {
  const policy = createBanTimePolicy({
    bantime: 600,
    increment: { enabled: true, multipliers: [1, 2, 4, 8] },
  });
  assert.equal(policy.duration(1, noRandom).durationSec, 1200);
  assert.equal(policy.duration(10, noRandom).durationSec, 4800);
});

test('maxtime caps an incremented ban and rndtime adds the injected random part', () => {
  const capped = createBanTimePolicy({ bantime: 600, increment: { enabled: true, maxtime: 3600 } });
  assert.equal(capped.duration(5, noRandom).durationSec, 3600);
  const random = createBanTimePolicy({
    bantime: 600,
    increment: { enabled: true, maxtime: 3600, rndtime: 100 },
  });
  assert.equal(random.duration(5, () => 0.5).durationSec, 3650);
  assert.equal(
    random.duration(0, () => 0.5).durationSec,
    600,
    'a first ban has no random part, as in fail2ban',
  );
});

test("a formula with a factor expression works like fail2ban's aggressive example", () => {
  const policy = createBanTimePolicy({
    bantime: 600,
    increment: {
      enabled: true,
      factor: '2.0 / 2.885385',
      formula: 'ban.Time * math.exp(float(ban.Count+1)*banFactor)/math.exp(1*banFactor)',
    },
  });
  assert.equal(policy.duration(2, noRandom).durationSec, 2400);
});

test('a formula result below bantime is raised to bantime', () => {
  const policy = createBanTimePolicy({ bantime: 600, increment: { enabled: true, formula: '1' } });
  assert.equal(policy.duration(2, noRandom).durationSec, 600);
});

test('a permanent ban stays permanent whatever the history', () => {
  const policy = createBanTimePolicy({ bantime: -1, increment: { enabled: true, maxtime: 60 } });
  assert.equal(policy.duration(7, noRandom).durationSec, -1);
});

test('a formula that fails for a ban count tried at load is a configuration error', () => {
  assert.throws(
    () =>
      createBanTimePolicy({
        bantime: 600,
        increment: { enabled: true, formula: 'ban.Time / (ban.Count - 5)' },
      }),
    /bantime\.formula: division by zero/,
  );
  assert.throws(
    () => createBanTimePolicy({ bantime: 600, increment: { enabled: true, formula: 'ban.Time * nope' } }),
    /unknown name 'nope'/,
  );
});

test('a formula failing for a later ban count falls back to bantime and says why', () => {
  const policy = createBanTimePolicy({
    bantime: 600,
    increment: { enabled: true, formula: 'ban.Time / (ban.Count - 30)' },
  });
  assert.deepEqual(policy.duration(30, noRandom), {
    durationSec: 600,
    error: 'bantime.formula: division by zero',
  });
});

test('invalid bantime, factor, maxtime and rndtime are refused with their option names', () => {
  assert.throws(
    () => createBanTimePolicy({ bantime: -5 }),
    /^Fail2nftError: bantime: must be seconds of at least 0 or -1/,
  );
  assert.throws(
    () => createBanTimePolicy({ bantime: 60, increment: { enabled: true, factor: 'x' } }),
    /bantime\.factor: unknown name 'x'/,
  );
  assert.throws(
    () => createBanTimePolicy({ bantime: 60, increment: { enabled: true, maxtime: -1 } }),
    /bantime\.maxtime: must be a number of seconds/,
  );
  assert.throws(
    () => createBanTimePolicy({ bantime: 60, increment: { enabled: true, rndtime: Number.NaN } }),
    /bantime\.rndtime/,
  );
  assert.throws(
    () => createBanTimePolicy({ bantime: 60, increment: { enabled: true, multipliers: [1, Number.NaN] } }),
    /bantime\.multipliers/,
  );
});
