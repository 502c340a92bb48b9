import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalAddress } from '../../src/control/canonical-address.js';

test('addresses and networks come out in canonical text, anything else undefined', () => {
  assert.equal(canonicalAddress('192.0.2.7'), '192.0.2.7');
  assert.equal(canonicalAddress(' 2001:DB8:0:0::7 '), '2001:db8::7');
  assert.equal(canonicalAddress('[::1]'), '::1');
  assert.equal(canonicalAddress('::ffff:192.0.2.7'), '192.0.2.7');
  assert.equal(canonicalAddress('192.0.2.9/24'), '192.0.2.0/24');
  assert.equal(canonicalAddress('192.0.2.9/32'), '192.0.2.9');
  assert.equal(canonicalAddress('2001:db8::/128'), '2001:db8::');
  assert.equal(canonicalAddress('2001:db8::1/64'), '2001:db8::/64');
  for (const bad of ['', 'example.com', '192.0.2', '192.0.2.0/33', '1.2.3.4/8/8', 'fe80::1%eth0'])
    assert.equal(canonicalAddress(bad), undefined, bad);
});
