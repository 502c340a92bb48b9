import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  banSet,
  bansByJail,
  canonicalAddress,
  compareBans,
  identical,
} from '../../../bench/service/ban-comparison.js';

test('addresses are compared in canonical form', () => {
  assert.equal(canonicalAddress('2001:DB8:0:0::1'), '2001:db8::1');
  assert.equal(canonicalAddress('::ffff:192.0.2.7'), '192.0.2.7');
  assert.equal(canonicalAddress(' Host.Example '), 'host.example');
});

test('a ban set is canonical, sorted, without duplicates and without excluded addresses', () => {
  assert.deepEqual(
    banSet(['192.0.2.9', '2001:db8::1', '2001:DB8::1', '100.64.0.2', '192.0.2.10'], ['100.64.0.2']),
    ['192.0.2.10', '192.0.2.9', '2001:db8::1'],
  );
});

test('bans are grouped per jail, every jail present', () => {
  const grouped = bansByJail(
    [
      { jail: 'postfix', address: '192.0.2.1' },
      { jail: 'dovecot', address: '192.0.2.2' },
      { jail: 'postfix', address: '100.64.0.2' },
    ],
    ['postfix', 'postfix-sasl', 'dovecot'],
    ['100.64.0.2'],
  );
  assert.deepEqual(grouped, { postfix: ['192.0.2.1'], 'postfix-sasl': [], dovecot: ['192.0.2.2'] });
});

test('identical bans and failure counts compare as identical', () => {
  const side = { bans: { postfix: ['192.0.2.1', '2001:db8::1'] }, failures: { postfix: 12 } };
  const theirs = { bans: { postfix: ['2001:DB8:0::1', '192.0.2.1'] }, failures: { postfix: 12 } };
  const [result] = compareBans(['postfix'], side, theirs);
  assert.ok(result !== undefined && identical(result));
  assert.equal(result.ours, 2);
  assert.equal(result.theirs, 2);
});

test('differences list the addresses only one side banned, and a different failure count is a difference', () => {
  const [bans, counts] = compareBans(
    ['postfix', 'dovecot'],
    { bans: { postfix: ['192.0.2.1', '192.0.2.2'], dovecot: [] }, failures: { postfix: 10, dovecot: 3 } },
    { bans: { postfix: ['192.0.2.2', '192.0.2.3'], dovecot: [] }, failures: { postfix: 10, dovecot: 4 } },
  );
  assert.deepEqual(bans?.onlyOurs, ['192.0.2.1']);
  assert.deepEqual(bans?.onlyTheirs, ['192.0.2.3']);
  assert.equal(identical(bans), false);
  assert.deepEqual(counts?.onlyOurs, []);
  assert.equal(identical(counts), false);
});
