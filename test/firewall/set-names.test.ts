import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isJailSetName,
  ipsetSetBaseMaxLength,
  jailSetBase,
  jailSetNames,
} from '../../src/firewall/set-names.js';

test('plain jail names are used as they are', () => {
  assert.deepEqual(jailSetNames('postfix-sasl', 64), {
    v4: 'f2n-postfix-sasl-v4',
    v6: 'f2n-postfix-sasl-v6',
    v4net: 'f2n-postfix-sasl-v4net',
    v6net: 'f2n-postfix-sasl-v6net',
  });
});

test('odd or long jail names get a deterministic safe name with a hash of the full name', () => {
  const odd = jailSetBase('my jail/ä;{}', 64);
  assert.match(odd, /^my_jail_-[0-9a-f]{8}$/);
  assert.equal(jailSetBase('my jail/ä;{}', 64), odd);
  assert.notEqual(jailSetBase('my jail/ö;{}', 64), odd);
  const long = jailSetBase('apache-fakegooglebot', ipsetSetBaseMaxLength);
  assert.equal(long.length, ipsetSetBaseMaxLength);
  assert.match(long, /^apache-fak-[0-9a-f]{8}$/);
  assert.match(jailSetBase('---', 64), /^[0-9a-f]{8}$/);
  assert.match(jailSetBase('', 64), /^[0-9a-f]{8}$/);
  // The longest ipset name (with the swap suffix) fits ipset's 31 characters.
  assert.ok(`${jailSetNames('x'.repeat(40), ipsetSetBaseMaxLength).v6net}-t`.length <= 31);
});

test('set names of this scheme are recognised, others are not', () => {
  assert.ok(isJailSetName('f2n-sshd-v4'));
  assert.ok(isJailSetName('f2n-a-b-v6net'));
  assert.ok(!isJailSetName('f2n-sshd-v4-t'));
  assert.ok(!isJailSetName('addr-set-sshd'));
});
