import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpAddress } from '../../src/core/ip-address.js';
import {
  INJECTION_DECOY,
  drawDistinct,
  formatIpv4,
  formatIpv4Mapped,
  formatIpv6Groups,
  isSpecialIpv4,
  randomAttackerAddress,
  randomIpv6,
} from '../../bench/corpus/addresses.js';
import { Prng } from '../../bench/corpus/prng.js';

test('IPv6 text is RFC 5952: the longest zero run of two or more is compressed, the first on a tie', () => {
  assert.equal(formatIpv6Groups([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]), '2001:db8::1');
  assert.equal(formatIpv6Groups([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1]), '2001:db8:0:1::1');
  assert.equal(formatIpv6Groups([0x2001, 0, 0, 1, 0, 0, 1, 1]), '2001::1:0:0:1:1');
  assert.equal(formatIpv6Groups([0x2001, 0xdb8, 1, 2, 3, 4, 5, 6]), '2001:db8:1:2:3:4:5:6');
});

test('every generated address is already in canonical form', () => {
  const prng = new Prng(11);
  for (let i = 0; i < 5000; i++) {
    const address = randomAttackerAddress(prng, 0.4);
    assert.equal(parseIpAddress(address)?.text, address);
  }
  for (const style of ['documentation', 'public', 'ula'] as const) {
    const address = randomIpv6(prng, style);
    assert.equal(parseIpAddress(address)?.text, address);
  }
});

test('special IPv4 ranges and the injection decoy are never drawn as public addresses', () => {
  for (const special of [
    '10.1.2.3',
    '127.0.0.1',
    '192.168.1.1',
    '172.16.0.1',
    '192.0.2.5',
    '198.51.100.5',
    '203.0.113.5',
    '224.0.0.1',
    '100.64.0.1',
    INJECTION_DECOY,
  ]) {
    const n = special.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    assert.ok(isSpecialIpv4(n), special);
  }
  assert.equal(isSpecialIpv4(0x5db8d822), false);
  assert.equal(formatIpv4(0x5db8d822), '93.184.216.34');
});

test('an IPv4-mapped form folds back to the IPv4 address', () => {
  assert.equal(parseIpAddress(formatIpv4Mapped('198.51.100.3'))?.text, '198.51.100.3');
});

test('drawDistinct returns distinct addresses outside the excluded set and records them there', () => {
  const prng = new Prng(5);
  const exclude = new Set(['192.0.2.1']);
  const list = drawDistinct(500, exclude, () => `192.0.2.${prng.between(1, 254)}`);
  // Only 253 are possible: the bounded loop gives up instead of spinning.
  assert.equal(list.length, 253);
  assert.equal(new Set(list).size, list.length);
  assert.ok(!list.includes('192.0.2.1'));
  assert.equal(exclude.size, 254);
});
