// Character predicates with the meaning Python 3's `re` gives \d, \w and \s on str patterns (Unicode-aware),
// since fail2ban's datepatterns are Python regular expressions. Lines usually arrive latin1-decoded, so the
// Latin-1 range is answered from precomputed tables and anything above it by a Unicode property test.

const WORD = new Uint8Array(256);
const SPACE = new Uint8Array(256);
const LOWER = new Uint16Array(256);
const UPPER = new Uint16Array(256);

const unicodeWord = /[\p{L}\p{N}_]/u;
const unicodeDigit = /\p{Nd}/u;
const unicodeSpace = /\s/u;

for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  WORD[c] = unicodeWord.test(ch) ? 1 : 0;
  // str.isspace(): the ASCII controls 9-13 and 28-31, the space, NEL and NBSP.
  SPACE[c] = (c >= 9 && c <= 13) || (c >= 28 && c <= 32) || c === 0x85 || c === 0xa0 ? 1 : 0;
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  LOWER[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  UPPER[c] = upper.length === 1 && upper.charCodeAt(0) < 256 ? upper.charCodeAt(0) : c;
}

export function isWordCode(c: number): boolean {
  if (c < 0) return false;
  if (c < 256) return WORD[c] === 1;
  return unicodeWord.test(String.fromCharCode(c));
}

export function isDigitCode(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return true;
  if (c < 256) return false;
  return unicodeDigit.test(String.fromCharCode(c));
}

export function isSpaceCode(c: number): boolean {
  if (c < 0) return false;
  if (c < 256) return SPACE[c] === 1;
  return unicodeSpace.test(String.fromCharCode(c));
}

/** Simple lower-case mapping of one UTF-16 code unit (what case-insensitive matching compares). */
export function lowerCode(c: number): number {
  if (c < 256) return LOWER[c] ?? c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

export function upperCode(c: number): number {
  if (c < 256) return UPPER[c] ?? c;
  const upper = String.fromCharCode(c).toUpperCase();
  return upper.length === 1 ? upper.charCodeAt(0) : c;
}
