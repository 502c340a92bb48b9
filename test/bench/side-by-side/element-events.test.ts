import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstSeenByJail, jailOfSet, parseElementEvent } from '../../../bench/side-by-side/element-events.js';

test('a stamped monitor line gives its time, set and canonical address', () => {
  assert.deepEqual(
    parseElementEvent(
      '1700000000123 add element inet fail2nft f2n-dovecot-v6 { 2001:DB8::7 timeout 10m expires 10m }',
    ),
    {
      t: 1700000000123,
      set: 'f2n-dovecot-v6',
      address: '2001:db8::7',
    },
  );
  assert.equal(parseElementEvent('1700000000123 delete element inet t s { 192.0.2.1 }'), undefined);
  assert.equal(parseElementEvent('not a monitor line'), undefined);
});

test("set names say the jail for both services' layouts", () => {
  assert.equal(jailOfSet('f2n-postfix-sasl-v4'), 'postfix-sasl');
  assert.equal(jailOfSet('f2n-sshd-v6net'), 'sshd');
  assert.equal(jailOfSet('addr-set-postfix-sasl'), 'postfix-sasl');
  assert.equal(jailOfSet('addr6-set-dovecot'), 'dovecot');
  assert.equal(jailOfSet('f2n-probe'), undefined);
});

test('only the first appearance of an element counts', () => {
  const seen = firstSeenByJail([
    '10 add element inet t addr-set-sshd { 192.0.2.1 }',
    '20 add element inet t addr-set-sshd { 192.0.2.1 }',
    '30 add element inet t addr6-set-sshd { 2001:db8::1 }',
    '',
  ]);
  assert.deepEqual(
    [...(seen.get('sshd') ?? [])],
    [
      ['192.0.2.1', 10],
      ['2001:db8::1', 30],
    ],
  );
});
