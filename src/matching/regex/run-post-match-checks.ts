// Runs a translation's post-match checks on an RE2 match (compiled with the `d` flag, so that group
// offsets are known). Offsets are bytes for Buffer input and UTF-16 units for strings, as node-re2
// reports them; look-behind widths are in characters and are walked back accordingly.
import RE2 from 're2';
import type { PostMatchCheck } from './post-match-check.js';

export type MatchInput = Buffer | string;

/** What the checks need from an RE2 match: group values and their offsets. */
export interface IndexedMatch {
  readonly index: number;
  readonly [group: number]: Buffer | string | undefined;
  readonly indices?: ArrayLike<readonly [number, number] | undefined>;
}

interface CompiledCheck {
  readonly check: PostMatchCheck;
  readonly regex: RE2 | undefined;
}

/** Compiles the check subpatterns once. */
export function compileChecks(checks: readonly PostMatchCheck[]): readonly CompiledCheck[] {
  return checks.map((check) => {
    switch (check.kind) {
      case 'lookahead':
      case 'lookbehind':
        return { check, regex: new RE2(check.source, `${check.flags}y`) };
      case 'absent-in-span':
        return { check, regex: new RE2(check.source, `${check.flags}g`) };
      default:
        return { check, regex: undefined };
    }
  });
}

function offsetOf(match: IndexedMatch, group: number): number | undefined {
  return match.indices?.[group]?.[0];
}

function participated(match: IndexedMatch, group: number): boolean {
  return match[group] !== undefined;
}

/** Whether every check holds for this match. */
export function runChecks(checks: readonly CompiledCheck[], match: IndexedMatch, input: MatchInput): boolean {
  return checks.every((c) => runCheck(c, match, input));
}

function runCheck({ check, regex }: CompiledCheck, match: IndexedMatch, input: MatchInput): boolean {
  switch (check.kind) {
    case 'lookahead': {
      const at = offsetOf(match, check.marker);
      if (at === undefined || regex === undefined) return true;
      regex.lastIndex = at;
      return regex.test(input) !== check.negated;
    }
    case 'lookbehind': {
      const at = offsetOf(match, check.marker);
      if (at === undefined || regex === undefined) return true;
      const from = stepBack(input, at, check.width);
      if (from === undefined) return check.negated;
      regex.lastIndex = from;
      return regex.test(input) !== check.negated;
    }
    case 'backreference': {
      const copy = match[check.marker];
      if (copy === undefined) return true;
      const group = check.groups.find((g) => participated(match, g));
      const original = group === undefined ? undefined : match[group];
      if (original === undefined) return false;
      return sameText(copy, original, check.ignoreCase);
    }
    case 'conditional': {
      const groupTookPart = check.groups.some((g) => participated(match, g));
      if (participated(match, check.yesMarker)) return groupTookPart;
      if (participated(match, check.noMarker)) return !groupTookPart;
      return true;
    }
    case 'absent-in-span': {
      const start = offsetOf(match, check.startMarker);
      const end = offsetOf(match, check.endMarker);
      if (start === undefined || end === undefined || regex === undefined) return true;
      regex.lastIndex = start;
      const found = typeof input === 'string' ? regex.exec(input) : regex.exec(input);
      return found === null || found.index >= end;
    }
  }
}

function sameText(a: Buffer | string, b: Buffer | string, ignoreCase: boolean): boolean {
  if (!ignoreCase && Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  const left = a.toString();
  const right = b.toString();
  return ignoreCase ? left.toLowerCase() === right.toLowerCase() : left === right;
}

/** The offset `count` characters before `at`, or undefined when the input starts sooner. */
export function stepBack(input: MatchInput, at: number, count: number): number | undefined {
  let pos = at;
  for (let i = 0; i < count; i++) {
    if (pos <= 0) return undefined;
    pos--;
    if (typeof input === 'string') {
      const code = input.charCodeAt(pos);
      const before = pos > 0 ? input.charCodeAt(pos - 1) : 0;
      if (code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff) pos--;
    } else {
      while (pos > 0 && ((input[pos] ?? 0) & 0xc0) === 0x80) pos--;
    }
  }
  return pos;
}

/** The offset of the character after the one at `at`. */
export function stepForward(input: MatchInput, at: number): number {
  if (typeof input === 'string') {
    const code = input.charCodeAt(at);
    return code >= 0xd800 && code <= 0xdbff ? at + 2 : at + 1;
  }
  let pos = at + 1;
  while (pos < input.length && ((input[pos] ?? 0) & 0xc0) === 0x80) pos++;
  return pos;
}
