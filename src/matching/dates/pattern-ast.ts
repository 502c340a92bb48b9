// The syntax tree of a date pattern: the subset of Python's regular expressions fail2ban datepatterns use,
// plus `scan` nodes for the %-directives (hand-written field scanners that try the same candidate lengths
// in the same order as the regex fail2ban substitutes for the directive, so backtracking ends alike).
// The default templates are built from these nodes in code; datepattern strings are parsed into them.

/** What a scanner may read while matching (the accepted %ExY years depend on when the service started). */
export interface ScanContext {
  readonly maxYear: number;
}

/**
 * Tries every way a field can match at `at`, in preference order, calling `next` with each end position;
 * returns true as soon as `next` does. `limit` is the end of the searchable text.
 */
export type Scan = (
  text: string,
  at: number,
  limit: number,
  context: ScanContext,
  next: (end: number) => boolean,
) => boolean;

export interface ScanSpec {
  /** Shown in errors and names, e.g. `%d`. */
  readonly label: string;
  /** Characters the field can start with (both cases are added when matching ignores case). */
  readonly firstChars: string;
  readonly minLength: number;
  readonly maxLength: number;
  readonly make: (ignoreCase: boolean) => Scan;
}

export type ClassEscape = 'd' | 'D' | 'w' | 'W' | 's' | 'S';

export interface CharSet {
  readonly negate: boolean;
  /** Inclusive code ranges as pairs [from, to, from, to, ...]. */
  readonly ranges: readonly number[];
  readonly escapes: readonly ClassEscape[];
  /** `.`: anything but a newline (or anything with the s flag). */
  readonly dot?: boolean;
}

export type AssertKind =
  | 'line-start' // ^
  | 'line-end' // $
  | 'text-start' // \A
  | 'text-end' // \Z
  | 'word-boundary' // \b
  | 'not-word-boundary' // \B
  | 'date-start' // (?=^|\b|\W): not inside a word (fail2ban's word-begin boundary), as one step
  | 'date-end'; // (?=\b|\W|$): the same at the end

export interface Flags {
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly dotAll: boolean;
  readonly ascii: boolean;
}

export type PatternNode =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'set'; readonly set: CharSet }
  | { readonly kind: 'seq'; readonly items: readonly PatternNode[] }
  | { readonly kind: 'alt'; readonly options: readonly PatternNode[] }
  | {
      readonly kind: 'repeat';
      readonly node: PatternNode;
      readonly min: number;
      readonly max: number;
      readonly greedy: boolean;
    }
  | { readonly kind: 'group'; readonly name: string | undefined; readonly node: PatternNode }
  | { readonly kind: 'backref'; readonly ref: string | number }
  | { readonly kind: 'assert'; readonly at: AssertKind }
  | { readonly kind: 'look'; readonly behind: boolean; readonly negate: boolean; readonly node: PatternNode }
  | {
      readonly kind: 'cond';
      readonly ref: string | number;
      readonly yes: PatternNode;
      readonly no: PatternNode;
    }
  | { readonly kind: 'flags'; readonly set: Partial<Flags>; readonly node: PatternNode }
  | { readonly kind: 'scan'; readonly scan: ScanSpec }
  /** `{DATE}` in a datepattern: replaced by each default template in turn. */
  | { readonly kind: 'slot' };

export function text(value: string): PatternNode {
  return { kind: 'text', text: value };
}

export function seq(...items: PatternNode[]): PatternNode {
  return items.length === 1 && items[0] !== undefined ? items[0] : { kind: 'seq', items };
}

export function alt(...options: PatternNode[]): PatternNode {
  return { kind: 'alt', options };
}

export function optional(node: PatternNode): PatternNode {
  return { kind: 'repeat', node, min: 0, max: 1, greedy: true };
}

export function repeat(node: PatternNode, min: number, max = Infinity): PatternNode {
  return { kind: 'repeat', node, min, max, greedy: true };
}

export function capture(name: string | undefined, node: PatternNode): PatternNode {
  return { kind: 'group', name, node };
}

export function backref(ref: string | number): PatternNode {
  return { kind: 'backref', ref };
}

export function assertAt(at: AssertKind): PatternNode {
  return { kind: 'assert', at };
}

export function scan(spec: ScanSpec): PatternNode {
  return { kind: 'scan', scan: spec };
}

/** One character out of the listed characters (no ranges). */
export function oneOf(chars: string): PatternNode {
  const ranges: number[] = [];
  for (let i = 0; i < chars.length; i++) ranges.push(chars.charCodeAt(i), chars.charCodeAt(i));
  return { kind: 'set', set: { negate: false, ranges, escapes: [] } };
}

export function classEscape(escape: ClassEscape): PatternNode {
  return { kind: 'set', set: { negate: false, ranges: [], escapes: [escape] } };
}
