// The %-directives a datepattern may use: strptime's (in the C locale) plus fail2ban's own (%k, %l and
// the exact or extended %Ex* forms). A directive expands to a short run of atoms (usually one named
// capture around a field scanner); a quantifier written after the directive applies to the last atom only,
// as it does after fail2ban's textual substitution (`%k?` makes the hour optional, not its leading space).
import * as f from './field-scanners.js';
import {
  capture,
  classEscape,
  optional,
  repeat,
  scan,
  text,
  type PatternNode,
  type ScanSpec,
} from './pattern-ast.js';

function field(name: string, spec: ScanSpec): PatternNode {
  return capture(name, scan(spec));
}

const space = (): PatternNode => optional(text(' '));
const blanks = (): PatternNode => repeat(classEscape('s'), 1);

const DIRECTIVES: Readonly<Record<string, () => readonly PatternNode[]>> = {
  '%': () => [text('%')],
  a: () => [field('a', f.WEEKDAY_ABBR)],
  A: () => [field('A', f.WEEKDAY_FULL)],
  b: () => [field('b', f.MONTH_ABBR)],
  B: () => [field('B', f.MONTH_FULL)],
  c: () => [
    field('a', f.WEEKDAY_ABBR),
    blanks(),
    field('b', f.MONTH_ABBR),
    blanks(),
    field('d', f.CLOCK_DAY),
    blanks(),
    field('H', f.CLOCK_HOUR),
    text(':'),
    field('M', f.CLOCK_MINUTE),
    text(':'),
    field('S', f.CLOCK_SECOND),
    blanks(),
    field('Y', f.YEAR),
  ],
  d: () => [field('d', f.DAY)],
  f: () => [field('f', f.FRACTION)],
  G: () => [field('G', f.ISO_YEAR)],
  H: () => [field('H', f.HOUR)],
  I: () => [field('I', f.HOUR12)],
  j: () => [field('j', f.YEAR_DAY)],
  k: () => [space(), field('H', f.HOUR_LOOSE)],
  l: () => [space(), field('I', f.HOUR12_LOOSE)],
  m: () => [field('m', f.MONTH)],
  M: () => [field('M', f.MINUTE)],
  p: () => [field('p', f.AM_PM)],
  S: () => [field('S', f.SECOND)],
  u: () => [field('u', f.ISO_WEEKDAY)],
  U: () => [field('U', f.WEEK_SUNDAY)],
  V: () => [field('V', f.ISO_WEEK)],
  w: () => [field('w', f.WEEKDAY_NUMBER)],
  W: () => [field('W', f.WEEK_MONDAY)],
  x: () => [field('m', f.CLOCK_MONTH), text('/'), field('d', f.CLOCK_DAY), text('/'), field('y', f.YEAR2)],
  X: () => [
    field('H', f.CLOCK_HOUR),
    text(':'),
    field('M', f.CLOCK_MINUTE),
    text(':'),
    field('S', f.CLOCK_SECOND),
  ],
  y: () => [field('y', f.YEAR2)],
  Y: () => [field('Y', f.YEAR)],
  z: () => [field('z', f.ZONE_OFFSET)],
  Z: () => [field('Z', f.ZONE_NAME)],
  Exd: () => [field('d', f.DAY_EXACT)],
  Exm: () => [field('m', f.MONTH_EXACT)],
  ExH: () => [field('H', f.HOUR_EXACT)],
  Exk: () => [space(), field('H', f.HOUR)],
  Exl: () => [space(), field('I', f.HOUR12_EXACTISH)],
  ExM: () => [field('M', f.MINUTE_EXACT)],
  ExS: () => [field('S', f.SECOND_EXACT)],
  ExY: () => [field('Y', f.YEAR_EXACT)],
  Exy: () => [field('y', f.YEAR2)],
  Exz: () => [field('z', f.ZONE_ANY)],
  ExZ: () => [field('Z', f.ZONE_NAME_ANY)],
};

/** Directives whose names are words: a pattern using one is matched ignoring case throughout. */
const WORD_DIRECTIVES = new Set(['a', 'A', 'b', 'B', 'p', 'c']);

/**
 * The directive key starting at `at` (just after a `%`), or undefined when none does. The extended forms
 * are tried first, so `%Exy` is the two-digit year and never `%E` followed by "xy".
 */
export function directiveKeyAt(source: string, at: number): string | undefined {
  if (source.startsWith('Ex', at)) {
    const key = source.slice(at, at + 3);
    if (key.length === 3 && key in DIRECTIVES) return key;
  }
  const key = source.charAt(at);
  return key !== '' && key !== 'E' && key in DIRECTIVES ? key : undefined;
}

export function expandDirective(key: string): readonly PatternNode[] {
  const make = DIRECTIVES[key];
  if (make === undefined) throw new Error(`unknown directive %${key}`);
  return make();
}

/**
 * Whether a pattern uses a word directive (%a %A %b %B %p %c) not written as `%%x`; fail2ban then
 * matches the whole pattern ignoring case.
 */
export function usesWordDirective(source: string): boolean {
  for (let i = source.indexOf('%'); i >= 0 && i + 1 < source.length; i = source.indexOf('%', i + 1)) {
    if (i > 0 && source.charCodeAt(i - 1) === 0x25) continue;
    if (WORD_DIRECTIVES.has(source.charAt(i + 1))) return true;
  }
  return false;
}
