// IP addresses and networks: parsing, validation and canonical text. Every address that reaches a
// firewall goes through parseIpAddress first, so nothing but a well-formed address is ever rendered.
import { isIPv4, isIPv6 } from 'node:net';

export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  /** Canonical text: dotted quad for IPv4, RFC 5952 compressed lower case for IPv6. */
  readonly text: string;
  /** 4 or 16 bytes, network order. */
  readonly bytes: Uint8Array;
}

export interface IpNetwork {
  readonly family: IpFamily;
  readonly prefix: number;
  /** Network address bytes (host bits cleared). */
  readonly bytes: Uint8Array;
  readonly text: string;
}

function ipv4Bytes(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

function ipv6Bytes(text: string): Uint8Array {
  let source = text;
  let tail: number[] = [];
  const lastColon = source.lastIndexOf(':');
  const maybeV4 = source.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = ipv4Bytes(maybeV4);
    tail = [((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0)];
    source = source.slice(0, lastColon + 1) + '0:0';
  }
  const [head = '', rest] = source.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [
    ...headGroups,
    ...Array<string>(rest === undefined ? 0 : missing).fill('0'),
    ...restGroups,
  ].map((g) => parseInt(g, 16));
  if (tail.length === 2) groups.splice(6, 2, tail[0] ?? 0, tail[1] ?? 0);
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return formatIpv6Groups(groups);
}

/**
 * The run of zero groups RFC 5952 compresses to "::": the longest of two or more, the first on a tie;
 * start -1 when there is none.
 */
function compressedRun(groups: ArrayLike<number>): { start: number; length: number } {
  let start = -1;
  let length = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > length && j - i >= 2) {
      start = i;
      length = j - i;
    }
    i = j;
  }
  return { start, length };
}

/** RFC 5952 text of eight 16-bit groups: lower case, the compressed run (compressedRun) as "::". */
export function formatIpv6Groups(groups: readonly number[]): string {
  const { start, length } = compressedRun(groups);
  const hex = groups.map((g) => g.toString(16));
  if (start < 0) return hex.join(':');
  return `${hex.slice(0, start).join(':')}::${hex.slice(start + length).join(':')}`;
}

function isMappedIpv4(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * A canonical dotted quad ("203.0.113.5": four decimal octets without leading zeros), parsed without
 * allocating strings; undefined for anything else (the general path decides). Restoring a million
 * stored bans parses each address several times, so this path matters.
 */
function parseCanonicalIpv4(text: string): IpAddress | undefined {
  const length = text.length;
  if (length < 7 || length > 15) return undefined;
  const bytes = new Uint8Array(4);
  let octet = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= length; i++) {
    const code = i === length ? 46 : text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || octet > 3) return undefined;
      bytes[octet++] = value;
      value = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && value === 0) return undefined;
      value = value * 10 + code - 48;
      if (++digits > 3 || value > 255) return undefined;
    } else return undefined;
  }
  return octet === 4 ? { family: 4, text, bytes } : undefined;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * An IPv6 address already in its canonical text (RFC 5952: lower case, no leading zeros, the longest
 * run of two or more zero groups compressed, the first on a tie; no embedded IPv4, no zone), parsed in
 * one pass without allocating strings; undefined for anything else (the general path decides). The
 * matcher hands over canonical text, and a flood parses each address on every stage it passes.
 */
function parseCanonicalIpv6(text: string): IpAddress | undefined {
  const length = text.length;
  if (length < 2 || length > 39) return undefined;
  const groups = new Uint16Array(8);
  let count = 0;
  let gapAt = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return undefined;
    gapAt = 0;
    i = 2;
    if (i === length) return undefined; // "::" alone: leave to the general path
  }
  while (i < length) {
    let value = 0;
    let digits = 0;
    let code = text.charCodeAt(i);
    while (i < length && code !== 58) {
      const digit = hexValue(code);
      if (digit < 0 || (digits > 0 && value === 0) || ++digits > 4) return undefined;
      value = value * 16 + digit;
      code = text.charCodeAt(++i);
    }
    if (digits === 0 || count === 8) return undefined;
    groups[count++] = value;
    if (i === length) break;
    // At a colon: one separates groups, two mark the compressed run (once, not at the end).
    i++;
    if (text.charCodeAt(i) === 58) {
      if (gapAt >= 0) return undefined;
      gapAt = count;
      i++;
      if (i === length) return undefined;
    } else if (i === length) return undefined;
  }
  const missing = 8 - count;
  if (gapAt < 0 ? missing !== 0 : missing < 2) return undefined;
  // The explicit groups around the gap's zero groups.
  const full = new Uint16Array(8);
  for (let g = 0; g < count; g++) full[g < gapAt || gapAt < 0 ? g : g + missing] = groups[g] ?? 0;
  // Canonical only if "::" stands for the run RFC 5952 compresses (a zero group written next to it
  // makes that run longer, so it fails too).
  const run = compressedRun(full);
  if (gapAt < 0 ? run.start >= 0 : run.start !== gapAt || run.length !== missing) return undefined;
  const bytes = new Uint8Array(16);
  for (let g = 0; g < 8; g++) {
    const value = full[g] ?? 0;
    bytes[g * 2] = value >> 8;
    bytes[g * 2 + 1] = value & 0xff;
  }
  // ::ffff:a.b.c.d never gets here (dots), but ::ffff:102:304 does: the general path maps it to IPv4.
  if (isMappedIpv4(bytes)) return undefined;
  return { family: 6, text, bytes };
}

/** Parses an address; IPv4-mapped IPv6 (::ffff:1.2.3.4) yields the IPv4 address. Undefined if invalid. */
export function parseIpAddress(input: string): IpAddress | undefined {
  const fast = parseCanonicalIpv4(input) ?? parseCanonicalIpv6(input);
  if (fast !== undefined) return fast;
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  if (isIPv4(text)) {
    const bytes = ipv4Bytes(text);
    return { family: 4, text: Array.from(bytes).join('.'), bytes };
  }
  // Zone ids (fe80::1%eth0) are not addresses a firewall set can hold.
  if (!isIPv6(text) || text.includes('%')) return undefined;
  const bytes = ipv6Bytes(text);
  if (isMappedIpv4(bytes)) {
    const v4 = bytes.slice(12);
    return { family: 4, text: Array.from(v4).join('.'), bytes: v4 };
  }
  return { family: 6, text: formatIpv6(bytes), bytes };
}

/** Parses `addr` or `addr/prefix` (also an IPv4 netmask `addr/255.255.0.0`). Undefined if invalid. */
export function parseIpNetwork(input: string): IpNetwork | undefined {
  const parts = input.trim().split('/');
  // "10.0.0.0/8/8" is not a network: only one prefix may follow the address.
  if (parts.length > 2) return undefined;
  const [addressText = '', prefixText] = parts;
  const address = parseIpAddress(addressText);
  if (address === undefined) return undefined;
  const max = address.family === 4 ? 32 : 128;
  let prefix = max;
  if (prefixText !== undefined) {
    if (/^\d{1,3}$/.test(prefixText)) prefix = Number(prefixText);
    else if (address.family === 4 && isIPv4(prefixText)) {
      const mask = ipv4Bytes(prefixText).reduce((acc, b) => acc * 256 + b, 0);
      const bits = mask.toString(2).padStart(32, '0');
      if (!/^1*0*$/.test(bits)) return undefined;
      prefix = bits.indexOf('0') < 0 ? 32 : bits.indexOf('0');
    } else return undefined;
    // An IPv4-mapped network keeps its meaning on the IPv4 address.
    if (addressText.includes(':') && address.family === 4) prefix -= 96;
  }
  if (prefix < 0 || prefix > max) return undefined;
  const bytes = Uint8Array.from(address.bytes);
  for (let bit = prefix; bit < max; bit++) {
    const index = bit >> 3;
    bytes[index] = (bytes[index] ?? 0) & ~(0x80 >> (bit & 7));
  }
  const base = address.family === 4 ? Array.from(bytes).join('.') : formatIpv6(bytes);
  return { family: address.family, prefix, bytes, text: `${base}/${prefix}` };
}

export function networkContains(network: IpNetwork, address: IpAddress): boolean {
  if (network.family !== address.family) return false;
  const full = network.prefix >> 3;
  for (let i = 0; i < full; i++) if (network.bytes[i] !== address.bytes[i]) return false;
  const rest = network.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((address.bytes[full] ?? 0) & mask) === (network.bytes[full] ?? 0);
}
