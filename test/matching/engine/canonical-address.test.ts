import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpAddress } from '../../../src/core/ip-address.js';
import {
  canonicalAddress,
  isCanonicalIpv4,
  isCanonicalIpv6,
} from '../../../src/matching/canonical-address.js';

test('canonical dotted quads are recognised; leading zeros, big parts and odd shapes are not', () => {
  for (const ok of ['0.0.0.0', '192.0.2.1', '255.255.255.255', '10.200.3.40'])
    assert.equal(isCanonicalIpv4(ok), true, ok);
  for (const bad of [
    '01.2.3.4',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '1..2.3',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.x',
  ])
    assert.equal(isCanonicalIpv4(bad), false, bad);
});

test('RFC 5952 text is recognised; other spellings of the same address are not', () => {
  for (const ok of ['::', '::1', '2001:db8::1', '2001:db8:0:1:1:1:1:1', 'fe80::1:0:0:1', '1::', '1:0:0:2::3'])
    assert.equal(isCanonicalIpv6(ok), true, ok);
  for (const bad of [
    '2001:DB8::1',
    '2001:0db8::1',
    '2001:db8:0:0:0:0:0:1',
    '2001:db8::0:1',
    '1:0:0:2::3:0:0'.replace('::', ':0:'),
    '0::1',
    '::ffff:1:2',
    '::ffff:192.0.2.1',
    '1:::2',
    ':1::2',
    '1::2::3',
    'fe80::1%eth0',
    '2001:db8:0:0:1:0:0:1',
    '2001:db8::1:0:0:1'.replace('::1:0:0:1', ':0:0:1::1'),
  ])
    assert.equal(isCanonicalIpv6(bad), false, bad);
});

test('canonicalAddress gives what parseIpAddress gives, for many generated spellings', () => {
  // A small deterministic generator (xorshift): groups drawn from values that make zero runs likely.
  let state = 0x9e3779b9;
  const next = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  const values = [0, 0, 0, 1, 0xffff, 0xdb8];
  for (let t = 0; t < 20_000; t++) {
    const groups = Array.from({ length: 8 }, () =>
      next(3) === 0 ? next(65536) : (values[next(values.length)] ?? 0),
    );
    const hex = groups.map((g) => g.toString(16));
    const from = next(8);
    const to = from + next(8 - from + 1);
    const spellings = [
      hex.join(':'),
      `${hex.slice(0, from).join(':')}::${hex.slice(to).join(':')}`,
      groups.map((g) => g.toString(16).padStart(4, '0')).join(':'),
      hex.join(':').toUpperCase(),
      `${next(300)}.${next(256)}.${next(256)}.${next(256)}`,
    ];
    for (const text of spellings) assert.equal(canonicalAddress(text), parseIpAddress(text)?.text, text);
  }
});
