// Addresses for generated log lines. They are only text in a file: nothing is ever sent to them.
// Attackers come from documentation ranges (RFC 5737, RFC 3849), private-looking ranges (RFC 1918, ULA)
// and random public-looking space, so that a matcher cannot lean on any one range. All text is
// canonical (dotted quad; RFC 5952 IPv6), so the generator's addresses are the ground truth's keys.
import { formatIpv6Groups } from '../../src/core/ip-address.js';
import type { Prng } from './prng.js';

/** Written into user names by log-injection attempts; it must never be banned. */
export const INJECTION_DECOY = '6.6.6.6';

const DECOY_NUMBER = 0x06060606;

export function formatIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
}

/** Ranges that are not ordinary unicast hosts, plus the injection decoy: never drawn as "public". */
export function isSpecialIpv4(n: number): boolean {
  const a = n >>> 24;
  const b = (n >>> 16) & 0xff;
  const c = (n >>> 8) & 0xff;
  const d = n & 0xff;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return true;
  if (a === 100 && b >= 64 && b < 128) return true; // shared address space
  if (a === 169 && b === 254) return true;
  if (a === 172 && b >= 16 && b < 32) return true;
  if (a === 192 && b === 168) return true;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return true;
  if (a === 198 && (b === 18 || b === 19)) return true;
  if (a === 198 && b === 51 && c === 100) return true;
  if (a === 203 && b === 0 && c === 113) return true;
  if (d === 0 || d === 255) return true; // look like network or broadcast addresses
  return n >>> 0 === DECOY_NUMBER;
}

export function randomPublicIpv4(prng: Prng): string {
  // About 15% of the space is special, so this ends fast; the bound only guards the loop.
  for (let i = 0; i < 1000; i++) {
    const n = prng.nextU32();
    if (!isSpecialIpv4(n)) return formatIpv4(n);
  }
  return '93.184.216.34';
}

const DOCUMENTATION_V4 = ['192.0.2', '198.51.100', '203.0.113'];

export function randomDocumentationIpv4(prng: Prng): string {
  return `${prng.pick(DOCUMENTATION_V4)}.${prng.between(1, 254)}`;
}

export function randomPrivateIpv4(prng: Prng): string {
  switch (prng.below(3)) {
    case 0:
      return `10.${prng.below(256)}.${prng.below(256)}.${prng.between(1, 254)}`;
    case 1:
      return `172.${prng.between(16, 31)}.${prng.below(256)}.${prng.between(1, 254)}`;
    default:
      return `192.168.${prng.below(256)}.${prng.between(1, 254)}`;
  }
}

/** RFC 5952 text of eight 16-bit groups (the project's own formatter). */
export { formatIpv6Groups };

/** Public-looking /32s of the regional registries (text only, as everything here). */
const PUBLIC_V6_PREFIXES: readonly (readonly [number, number])[] = [
  [0x2a01, 0x4f8],
  [0x2a01, 0xe0a],
  [0x2a02, 0x2f0],
  [0x2a03, 0xb0c0],
  [0x2a05, 0xd014],
  [0x2a0b, 0x7280],
  [0x2600, 0x3c00],
  [0x2604, 0xa880],
  [0x2607, 0xf8b0],
  [0x2401, 0xc080],
  [0x2405, 0x8100],
  [0x240e, 0x3b0],
  [0x2800, 0x3f0],
  [0x2c0f, 0xf7a8],
];

function interfaceId(prng: Prng): number[] {
  // Servers often use small static ids (::1, ::25); clients use random (privacy) ids.
  if (prng.chance(0.25)) return [0, 0, 0, prng.between(1, 0x200)];
  return [prng.below(0x10000), prng.below(0x10000), prng.below(0x10000), prng.below(0x10000)];
}

export type Ipv6Style = 'documentation' | 'public' | 'ula';

export function randomIpv6(prng: Prng, style: Ipv6Style): string {
  let head: number[];
  if (style === 'documentation') head = [0x2001, 0xdb8, prng.below(0x10000), prng.below(0x10000)];
  else if (style === 'ula')
    head = [0xfd00 | prng.below(0x100), prng.below(0x10000), prng.below(0x10000), prng.below(0x10)];
  else {
    const [a, b] = prng.pick(PUBLIC_V6_PREFIXES);
    head = [a, b, prng.below(0x10000), prng.below(0x10000)];
  }
  return formatIpv6Groups([...head, ...interfaceId(prng)]);
}

/** How an IPv4 client looks to a daemon listening on a dual-stack socket. */
export function formatIpv4Mapped(ipv4: string): string {
  return `::ffff:${ipv4}`;
}

/** An attacker address of a realistic mix: mostly public IPv4, some documentation/private, some IPv6. */
export function randomAttackerAddress(prng: Prng, ipv6Share: number): string {
  if (prng.chance(ipv6Share)) {
    const r = prng.float();
    return randomIpv6(prng, r < 0.3 ? 'documentation' : r < 0.4 ? 'ula' : 'public');
  }
  const r = prng.float();
  if (r < 0.08) return randomDocumentationIpv4(prng);
  if (r < 0.14) return randomPrivateIpv4(prng);
  return randomPublicIpv4(prng);
}

/**
 * `count` distinct addresses from `draw`, none of them in `exclude` (which receives them). The loop is
 * bounded; a small space (a few documentation /24s) simply yields fewer duplicates-free draws.
 */
export function drawDistinct(count: number, exclude: Set<string>, draw: () => string): string[] {
  const out: string[] = [];
  const limit = count * 20 + 100;
  for (let i = 0; i < limit && out.length < count; i++) {
    const address = draw();
    if (exclude.has(address)) continue;
    exclude.add(address);
    out.push(address);
  }
  return out;
}
