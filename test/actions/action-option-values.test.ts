import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  readBooleanOption,
  readIntegerOption,
  readTimeoutMs,
} from '../../src/actions/action-option-values.js';
import { Fail2nftError } from '../../src/core/errors.js';

const context = { jail: 'sshd', action: 'custom' };
const badOption = (option: string) => (error: unknown) =>
  error instanceof Fail2nftError &&
  error.code === 'F2N_ERR_ACTION_BAD_OPTION' &&
  error.details.option === option;

test('timeout takes fail2ban time syntax and falls back when absent', () => {
  assert.equal(readTimeoutMs({ timeout: '2m' }, 60_000, context), 120_000);
  assert.equal(readTimeoutMs({ timeout: '0.5' }, 60_000, context), 500);
  assert.equal(readTimeoutMs({}, 60_000, context), 60_000);
  assert.throws(() => readTimeoutMs({ timeout: '-1' }, 60_000, context), badOption('timeout'));
  assert.throws(() => readTimeoutMs({ timeout: 'later' }, 60_000, context), badOption('timeout'));
});

test("booleans are fail2ban's spellings", () => {
  assert.equal(readBooleanOption({ x: 'Yes' }, 'x', context), true);
  assert.equal(readBooleanOption({ x: '0' }, 'x', context), false);
  assert.equal(readBooleanOption({}, 'x', context), undefined);
  assert.throws(() => readBooleanOption({ x: 'perhaps' }, 'x', context), badOption('x'));
});

test('whole numbers have a minimum', () => {
  assert.equal(readIntegerOption({ lines: '7' }, 'lines', 5, 1, context), 7);
  assert.equal(readIntegerOption({}, 'lines', 5, 1, context), 5);
  assert.throws(() => readIntegerOption({ lines: '1.5' }, 'lines', 5, 1, context), badOption('lines'));
});
