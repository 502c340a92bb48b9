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

/** RFC 5952 text of eight 16-bit groups: lower case, the longest run (first on a tie) of two or more zero groups compressed. */
export function formatIpv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
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

/** Parses an address; IPv4-mapped IPv6 (::ffff:1.2.3.4) yields the IPv4 address. Undefined if invalid. */
export function parseIpAddress(input: string): IpAddress | undefined {
  const fast = parseCanonicalIpv4(input);
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
