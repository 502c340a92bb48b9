import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArithmetic, parseBoolean, splitShellWords, splitWords } from '../../src/config/option-values.js';
import { Fail2nftError } from '../../src/core/errors.js';

test('bantime.factor accepts numbers and constant arithmetic as fail2ban evaluates it', () => {
  assert.equal(parseArithmetic('1', 'f'), 1);
  assert.equal(parseArithmetic(' 2.5 ', 'f'), 2.5);
  assert.equal(parseArithmetic('2.0 / 2.885385', 'f'), 2.0 / 2.885385);
  assert.equal(parseArithmetic('(1 + 2) * -3 - 4 / 2', 'f'), -11);
  assert.equal(parseArithmetic('1e3', 'f'), 1000);
});

test('anything but arithmetic of numbers is rejected', () => {
  for (const bad of ['', 'ban.Time', '__import__("os")', '1 +', '(1', '1 / 0', '2 ** 3', 'math.exp(1)']) {
    assert.throws(() => parseArithmetic(bad, 'f'), Fail2nftError, bad);
  }
});

test('booleans, word lists and journal match words read as fail2ban reads them', () => {
  assert.equal(parseBoolean('Yes', 'x'), true);
  assert.equal(parseBoolean('off', 'x'), false);
  assert.throws(() => parseBoolean('maybe', 'x'), Fail2nftError);
  assert.deepEqual(splitWords('a, b\nc  d'), ['a', 'b', 'c', 'd']);
  assert.deepEqual(splitShellWords(`_SYSTEMD_UNIT=sshd.service + "_COMM=ss hd" 'x y'`), ['_SYSTEMD_UNIT=sshd.service', '+', '_COMM=ss hd', 'x y']);
});
