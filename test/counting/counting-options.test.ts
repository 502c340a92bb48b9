import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillCountingOptions, DEFAULT_MAX_TRACKED } from '../../src/counting/counting-options.js';
import { Fail2nftError } from '../../src/core/errors.js';

function rejects(options: Parameters<typeof fillCountingOptions>[0], message: RegExp): void {
  assert.throws(
    () => fillCountingOptions(options),
    (error: unknown) =>
      error instanceof Fail2nftError &&
      error.code === 'F2N_ERR_CONFIG_BAD_VALUE' &&
      message.test(error.message),
  );
}

test('defaults keep no matches and track up to a million ids; findtime becomes milliseconds', () => {
  assert.deepEqual(fillCountingOptions({ maxretry: 5, findtime: 600 }), {
    maxretry: 5,
    findtimeMs: 600_000,
    maxMatches: 0,
    maxTracked: DEFAULT_MAX_TRACKED,
  });
});

test('maxretry must be a whole number of at least 1', () => {
  rejects({ maxretry: 0, findtime: 600 }, /^maxretry: must be a whole number of at least 1, got 0$/);
  rejects({ maxretry: 2.5, findtime: 600 }, /^maxretry: must be a whole number/);
});

test('maxretry above 1000 is refused with the reason', () => {
  rejects({ maxretry: 1001, findtime: 600 }, /^maxretry: at most 1000 is supported \(every tracked address/);
});

test('findtime must be a positive number of seconds', () => {
  rejects({ maxretry: 3, findtime: 0 }, /^findtime: must be a positive number of seconds, got 0$/);
  rejects({ maxretry: 3, findtime: Number.NaN }, /^findtime: /);
});

test('maxmatches must be a whole number of at least 0', () => {
  rejects({ maxretry: 3, findtime: 60, maxMatches: -1 }, /^maxmatches: must be a whole number of at least 0/);
});

test('maxTracked must be a whole number of at least 1', () => {
  rejects({ maxretry: 3, findtime: 60, maxTracked: 0 }, /^maxTracked: must be a whole number of at least 1/);
});

test('the filled options are frozen', () => {
  assert.ok(Object.isFrozen(fillCountingOptions({ maxretry: 1, findtime: 1 })));
});
