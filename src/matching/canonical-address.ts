// The canonical text of an address captured by a failregex (parseIpAddress(text)?.text), fast: most
// captures are already canonical (a dotted quad without leading zeros, RFC 5952 IPv6), which a scan of
// the characters tells without allocating; the rest go through parseIpAddress, remembered in a small cache
// (a flood repeats each address a few times, a normal log a few hundred addresses all day).
import { parseIpAddress } from '../core/ip-address.js';

const CACHE_SIZE = 4096;
const cache = new Map<string, string | undefined>();
const groups = new Int32Array(8);

/** A dotted quad as parseIpAddress writes it: no leading zeros, each part <= 255. */
export function isCanonicalIpv4(text: string): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || value > 255 || ++parts > 4) return false;
      digits = 0;
      value = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && value === 0) return false;
      value = value * 10 + (c - 0x30);
      if (++digits > 3) return false;
    } else {
      return false;
    }
  }
  return parts === 4;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * IPv6 text as parseIpAddress writes it (RFC 5952): lower-case hex without leading zeros, the longest
 * run of two or more zero groups (the first on a tie) written as "::", no dotted tail, not IPv4-mapped.
 */
export function isCanonicalIpv6(text: string): boolean {
  const length = text.length;
  let count = 0;
  let gap = -1;
  let i = 0;
  if (text.startsWith('::')) {
    gap = 0;
    i = 2;
  } else if (text.charCodeAt(0) === 0x3a) {
    return false;
  }
  while (i < length) {
    let digits = 0;
    let value = 0;
    for (; i < length && text.charCodeAt(i) !== 0x3a; i++) {
      const v = hexValue(text.charCodeAt(i));
      if (v < 0 || (digits === 1 && value === 0) || ++digits > 4) return false;
      value = value * 16 + v;
    }
    if (digits === 0 || count === 8) return false;
    groups[count++] = value;
    if (i === length) break;
    i++;
    if (i === length) return false;
    if (text.charCodeAt(i) === 0x3a) {
      if (gap >= 0) return false;
      gap = count;
      i++;
    }
  }
  const missing = 8 - count;
  if (gap < 0 ? missing !== 0 : missing < 2) return false;
  // A zero next to the gap would belong to the compressed run.
  if (gap > 0 && groups[gap - 1] === 0) return false;
  if (gap >= 0 && gap < count && groups[gap] === 0) return false;
  // A written run of two or more zero groups must be shorter than the gap (or as long, after it).
  let run = 0;
  for (let g = 0; g < count; g++) {
    run = groups[g] === 0 ? run + 1 : 0;
    if (run >= 2 && (gap < 0 || run > missing || (run === missing && g < gap))) return false;
  }
  // IPv4-mapped (::ffff:a.b.c.d written in hex) is an IPv4 address to parseIpAddress.
  return !(gap === 0 && count === 3 && groups[0] === 0xffff);
}

/** parseIpAddress(text)?.text. */
export function canonicalAddress(text: string): string | undefined {
  if (isCanonicalIpv4(text) || isCanonicalIpv6(text)) return text;
  if (cache.has(text)) return cache.get(text);
  const canonical = parseIpAddress(text)?.text;
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(text, canonical);
  return canonical;
}
