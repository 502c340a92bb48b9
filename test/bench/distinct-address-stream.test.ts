import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpAddress } from '../../src/core/ip-address.js';
import { isSpecialIpv4 } from '../../bench/corpus/addresses.js';
import { DistinctAddressStream, permute32 } from '../../bench/corpus/distinct-address-stream.js';
import { Prng } from '../../bench/corpus/prng.js';

test('permute32 is a bijection on the values it is given', () => {
  const keys = [1, 2, 3, 4];
  const seen = new Set<number>();
  for (let i = 0; i < 200000; i++) seen.add(permute32(i, keys));
  assert.equal(seen.size, 200000);
  for (const v of seen) assert.ok(v >= 0 && v < 2 ** 32);
});

test('a stream never repeats an address, mixes families and keeps to canonical text', () => {
  const stream = new DistinctAddressStream(new Prng(8), 0.3);
  const seen = new Set<string>();
  let v6 = 0;
  for (let i = 0; i < 200000; i++) {
    const address = stream.next();
    assert.ok(!seen.has(address), `repeated ${address}`);
    seen.add(address);
    if (address.includes(':')) v6++;
    else {
      const n = address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
      assert.ok(!isSpecialIpv4(n), address);
    }
    if (i % 997 === 0) assert.equal(parseIpAddress(address)?.text, address);
  }
  assert.ok(v6 > 55000 && v6 < 65000, `IPv6 share ${v6}`);
});
