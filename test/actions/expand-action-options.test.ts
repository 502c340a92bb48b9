import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandActionOptions } from '../../src/actions/expand-action-options.js';
import { Fail2nftError } from '../../src/core/errors.js';

const isTagLoop = (error: unknown) =>
  error instanceof Fail2nftError && error.code === 'F2N_ERR_ACTION_TAG_LOOP';

test('options are substituted recursively and unknown tags stay', () => {
  assert.equal(
    expandActionOptions('<a> <unknown> <ip>', { a: '<b>-<c>', b: 'B', c: '<b><b>' }),
    'B-BB <unknown> <ip>',
  );
});

test('the conditional value of the family wins over the plain value', () => {
  const options = { blocktype: 'REJECT', 'blocktype?family=inet6': 'REJECT6' };
  assert.equal(expandActionOptions('<blocktype>', options, 'inet6'), 'REJECT6');
  assert.equal(expandActionOptions('<blocktype>', options, 'inet4'), 'REJECT');
  assert.equal(expandActionOptions('<blocktype>', options), 'REJECT');
});

test('free-text ban-time tags are never taken from options', () => {
  assert.equal(
    expandActionOptions('<matches> <F-USER> <ipjailmatches>', {
      matches: 'x',
      'F-USER': 'y',
      ipjailmatches: 'z',
    }),
    '<matches> <F-USER> <ipjailmatches>',
  );
});

test('a validated ban-time tag may be set by an option, as in fail2ban', () => {
  assert.equal(expandActionOptions('<fq-hostname>', { 'fq-hostname': 'mx.example.org' }), 'mx.example.org');
});

test('options that name each other in a loop throw F2N_ERR_ACTION_TAG_LOOP', () => {
  assert.throws(() => expandActionOptions('<a>', { a: '<b>', b: '<a>!' }), isTagLoop);
});

test('an option that doubles itself is stopped before it grows without bound', () => {
  assert.throws(() => expandActionOptions('<a>', { a: '<a><a>' }), isTagLoop);
});

test('inherited object properties are not options', () => {
  assert.equal(expandActionOptions('<constructor> <toString>', {}), '<constructor> <toString>');
});
