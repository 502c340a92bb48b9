// A stream of addresses that never repeats, for floods of a million distinct attackers without a Set
// of a million strings: the i-th IPv4 address is a keyed permutation of i (a 4-round Feistel network
// on 32 bits), skipping special ranges; the i-th IPv6 address carries another permuted counter in
// its network bits. Distinct by construction, and still random-looking.
import { formatIpv4, formatIpv6Groups, isSpecialIpv4 } from './addresses.js';
import type { Prng } from './prng.js';

/** A bijection of [0, 2^32) chosen by four 32-bit round keys. */
export function permute32(x: number, keys: readonly number[]): number {
  let left = x >>> 16;
  let right = x & 0xffff;
  for (const key of keys) {
    let f = Math.imul(right ^ key, 0x9e3779b1);
    f ^= f >>> 15;
    f = Math.imul(f, 0x85ebca77);
    f ^= f >>> 13;
    const next = (left ^ f) & 0xffff;
    left = right;
    right = next;
  }
  return ((left << 16) | right) >>> 0;
}

const V6_PREFIXES: readonly (readonly [number, number])[] = [
  [0x2001, 0xdb8],
  [0x2a02, 0x8108],
  [0x2a0e, 0x97c0],
  [0x2804, 0x14c],
  [0x2409, 0x8a3c],
  [0x2603, 0x8000],
];

export class DistinctAddressStream {
  private v4Index = 0;
  private v6Index = 0;
  private readonly v4Keys: number[];
  private readonly v6Keys: number[];

  constructor(
    private readonly prng: Prng,
    private readonly ipv6Share: number,
  ) {
    this.v4Keys = [prng.nextU32(), prng.nextU32(), prng.nextU32(), prng.nextU32()];
    this.v6Keys = [prng.nextU32(), prng.nextU32(), prng.nextU32(), prng.nextU32()];
  }

  next(): string {
    return this.prng.chance(this.ipv6Share) ? this.nextIpv6() : this.nextIpv4();
  }

  nextIpv4(): string {
    // About 15% of values are skipped, so the bound is never reached before 2^32 draws.
    for (let tries = 0; tries < 1000; tries++) {
      const n = permute32(this.v4Index, this.v4Keys);
      this.v4Index = (this.v4Index + 1) >>> 0;
      if (!isSpecialIpv4(n)) return formatIpv4(n);
    }
    throw new RangeError('IPv4 space exhausted');
  }

  nextIpv6(): string {
    const n = permute32(this.v6Index, this.v6Keys);
    this.v6Index = (this.v6Index + 1) >>> 0;
    const [a, b] = this.prng.pick(V6_PREFIXES);
    const iid = this.prng.chance(0.3)
      ? [0, 0, 0, this.prng.between(1, 0xff)]
      : [
          this.prng.below(0x10000),
          this.prng.below(0x10000),
          this.prng.below(0x10000),
          this.prng.below(0x10000),
        ];
    return formatIpv6Groups([a, b, n >>> 16, n & 0xffff, ...iid]);
  }
}
