// Prints a syntax tree (after the translation passes) as RE2 syntax. The output never relies on RE2's
// global `m` or `s` flags: anchors and `.` carry their own mode, so any subtree prints correctly alone and
// the result needs no flags except `i` when the whole pattern was case-insensitive in Python.
import { Fail2nftError } from '../../core/errors.js';
import {
  complementRanges,
  isCompoundItem,
  normalizeRanges,
  type CharSet,
  type CodeRange,
  type SetItem,
} from './char-set.js';
import type { RegexNode } from './python-regex-ast.js';

export interface PrintedRegex {
  readonly source: string;
  /** RE2 flags the source needs (`i` or empty). */
  readonly flags: string;
  /** RE2 capture groups in the source (inserted markers included). */
  readonly groupCount: number;
  /** Python group number → RE2 group indices (several when the translator duplicated a group). */
  readonly groups: ReadonlyMap<number, readonly number[]>;
  /** Group name → RE2 group indices. */
  readonly names: ReadonlyMap<string, readonly number[]>;
  /** Marker id → RE2 group index of the inserted empty group. */
  readonly markers: ReadonlyMap<number, number>;
}

export interface PrintOptions {
  /** Print as if the whole pattern were case-insensitive (the result then carries flag `i`). */
  readonly ignoreCase?: boolean;
}

export function printRe2Regex(root: RegexNode, options: PrintOptions = {}): PrintedRegex {
  const printer = new Printer();
  const ignoreCase = options.ignoreCase ?? false;
  const source = printer.node(root, ignoreCase, 'top');
  return {
    source,
    flags: ignoreCase ? 'i' : '',
    groupCount: printer.count,
    groups: printer.groups,
    names: printer.names,
    markers: printer.markers,
  };
}

type Place = 'top' | 'item' | 'quantified';

const META = new Set(Array.from('\\^$.|?*+()[]{}'));
const CLASS_META = new Set(Array.from('\\]^-['));

const CONTROL_ESCAPES: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r' };

function hexEscape(cp: number): string {
  return CONTROL_ESCAPES[cp] ?? `\\x{${cp.toString(16).toUpperCase()}}`;
}

function isPrintableAscii(cp: number): boolean {
  return cp >= 0x20 && cp <= 0x7e;
}

export function printLiteral(cp: number): string {
  if (!isPrintableAscii(cp)) return hexEscape(cp);
  const c = String.fromCodePoint(cp);
  return META.has(c) ? `\\${c}` : c;
}

function classChar(cp: number): string {
  if (!isPrintableAscii(cp)) return hexEscape(cp);
  const c = String.fromCodePoint(cp);
  return CLASS_META.has(c) ? `\\${c}` : c;
}

function classRange(item: CodeRange): string {
  if (item.from === item.to) return classChar(item.from);
  if (item.to === item.from + 1) return classChar(item.from) + classChar(item.to);
  return `${classChar(item.from)}-${classChar(item.to)}`;
}

/** A simple item inside a class; compound items print as a class of their own (compoundClass). */
function classItem(item: SetItem): string {
  switch (item.kind) {
    case 'range':
      return classRange(item);
    case 'property':
      return `\\${item.negated ? 'P' : 'p'}{${item.name}}`;
    case 'not-word':
      throw new Fail2nftError('F2N_ERR_INTERNAL', 'a not-word item cannot be printed inside a class');
  }
}

/** `\W`, or a category minus ranges, as "not (the complement or the ranges)". */
function compoundClass(item: SetItem): string {
  const except = (item.kind === 'range' ? [] : (item.except ?? [])).map(classRange).join('');
  switch (item.kind) {
    case 'not-word':
      return `[^\\p{L}\\p{N}_${except}]`;
    case 'property':
      return `[^\\${item.negated ? 'p' : 'P'}{${item.name}}${except}]`;
    case 'range':
      return classRange(item);
  }
}

export function printCharSet(set: CharSet, ignoreCase = false): string {
  const { items } = set;
  if (set.negated) {
    if (items.some(isCompoundItem)) {
      throw new Fail2nftError('F2N_ERR_INTERNAL', 'a negated class cannot contain \\W or a reduced category');
    }
    if (items.length === 0) return '(?s:.)';
    const only = items[0];
    if (items.length === 1 && only?.kind === 'range' && only.from === 0x0a && only.to === 0x0a) return '.';
    return `[^${items.map(classItem).join('')}]`;
  }
  const simple = items.filter((i) => !isCompoundItem(i));
  const compound = items.filter(isCompoundItem).map(compoundClass);
  if (compound.length === 0) return printPositiveClass(simple, ignoreCase);
  const parts = simple.length === 0 ? compound : [printPositiveClass(simple, ignoreCase), ...compound];
  return parts.length === 1 ? (parts[0] ?? '') : `(?:${parts.join('|')})`;
}

function printPositiveClass(items: readonly SetItem[], ignoreCase: boolean): string {
  const ranges = normalizeRanges(items);
  const others = items.filter((i) => i.kind !== 'range');
  if (ranges.length + others.length === 0) return '[^\\x{0}-\\x{10FFFF}]';
  const only = ranges[0];
  if (others.length === 0 && ranges.length === 1 && only !== undefined && only.from === only.to) {
    return printLiteral(only.from);
  }
  const single = others[0];
  if (ranges.length === 0 && others.length === 1 && single !== undefined) return classItem(single);
  // `\S` and the like read better as the complement. Case folding applies before complementing in
  // RE2, so only without IGNORECASE is the complement form always the same set.
  if (!ignoreCase && others.length === 0) {
    const complement = complementRanges(ranges);
    if (complement.length < ranges.length) return `[^${complement.map(classRange).join('')}]`;
  }
  return `[${[...ranges, ...others].map(classItem).join('')}]`;
}

function quantifier(min: number, max: number | null, greedy: boolean): string {
  let q: string;
  if (min === 0 && max === null) q = '*';
  else if (min === 1 && max === null) q = '+';
  else if (min === 0 && max === 1) q = '?';
  else if (max === null) q = `{${min},}`;
  else if (min === max) q = `{${min}}`;
  else q = `{${min},${max}}`;
  return greedy ? q : `${q}?`;
}

/** Whether the printed form of a node is one atom that a quantifier can follow directly. */
function isAtom(node: RegexNode): boolean {
  // A class with \W among other members prints as an alternation wrapped in (?:...), also an atom.
  return node.kind === 'literal' || node.kind === 'set' || node.kind === 'group' || node.kind === 'marker';
}

class Printer {
  count = 0;
  readonly groups = new Map<number, number[]>();
  readonly names = new Map<string, number[]>();
  readonly markers = new Map<number, number>();

  node(node: RegexNode, ci: boolean, place: Place): string {
    switch (node.kind) {
      case 'empty':
        return place === 'quantified' ? '(?:)' : '';
      case 'literal':
      case 'set':
        return this.caseWrapped([node], ci);
      case 'assertion':
        return this.assertion(node);
      case 'sequence': {
        const text = this.sequence(node.items, ci);
        return place === 'quantified' ? `(?:${text})` : text;
      }
      case 'alternation': {
        const text = node.branches.map((b) => this.node(b, ci, 'top')).join('|');
        return place === 'top' ? text : `(?:${text})`;
      }
      case 'group':
        return this.group(node, ci);
      case 'repeat': {
        if (node.possessive) throw unprintable('possessive quantifier');
        const child = this.node(node.child, ci, isAtom(node.child) ? 'item' : 'quantified');
        return child + quantifier(node.min, node.max, node.greedy);
      }
      case 'marker': {
        this.markers.set(node.id, ++this.count);
        return node.child === null ? '()' : `(${this.node(node.child, ci, 'top')})`;
      }
      case 'lookaround':
        throw unprintable(node.behind ? 'look-behind' : 'look-ahead');
      case 'backreference':
        throw unprintable('back-reference');
      case 'conditional':
        throw unprintable('conditional');
      case 'atomic':
        throw unprintable('atomic group');
    }
  }

  private group(node: Extract<RegexNode, { kind: 'group' }>, ci: boolean): string {
    if (node.capture === null) return `(?:${this.node(node.child, ci, 'top')})`;
    const index = ++this.count;
    const { name } = node.capture;
    const known = this.groups.get(node.capture.index);
    if (known === undefined) this.groups.set(node.capture.index, [index]);
    else known.push(index);
    let open = '(';
    if (name !== undefined) {
      const sameName = this.names.get(name);
      // RE2 rejects duplicate names; copies made by the translator are reached through `names`.
      if (sameName === undefined) {
        this.names.set(name, [index]);
        open = `(?P<${name}>`;
      } else {
        sameName.push(index);
      }
    }
    return `${open}${this.node(node.child, ci, 'top')})`;
  }

  private assertion(node: Extract<RegexNode, { kind: 'assertion' }>): string {
    switch (node.assertion) {
      case 'line-start':
        return node.multiline ? '(?m:^)' : '^';
      case 'line-end':
        // Without MULTILINE, Python's $ also matches before a final newline; inputs never end with one.
        return node.multiline ? '(?m:$)' : '$';
      case 'text-start':
        return '\\A';
      case 'text-end':
        return '\\z';
      case 'word-boundary':
        return '\\b';
      case 'not-word-boundary':
        return '\\B';
    }
  }

  /** Prints sequence items, wrapping runs of leaves whose case mode differs from the current one. */
  private sequence(items: readonly RegexNode[], ci: boolean): string {
    let out = '';
    let run: RegexNode[] = [];
    const flush = (): void => {
      if (run.length > 0) out += this.caseWrapped(run, ci);
      run = [];
    };
    for (const item of items) {
      if (item.kind === 'literal' || item.kind === 'set') {
        const first = run[0];
        if (first !== undefined && leafCase(first) !== item.ignoreCase) flush();
        run.push(item);
        continue;
      }
      flush();
      out += this.node(item, ci, 'item');
    }
    flush();
    return out;
  }

  private caseWrapped(leaves: readonly RegexNode[], ci: boolean): string {
    const text = leaves
      .map((l) => {
        if (l.kind === 'literal') return printLiteral(l.codePoint);
        if (l.kind === 'set') return printCharSet(l.set, l.ignoreCase);
        return '';
      })
      .join('');
    const first = leaves[0];
    if (first === undefined || leafCase(first) === ci) return text;
    const sensitiveOnly = leaves.every((l) => l.kind === 'set' && !hasCaseVariants(l.set));
    if (sensitiveOnly) return text;
    return `(?${ci ? '-i' : 'i'}:${text})`;
  }
}

function leafCase(node: RegexNode): boolean {
  return (node.kind === 'literal' || node.kind === 'set') && node.ignoreCase;
}

/** Classes made only of digits, spaces and Unicode categories fold to themselves, so need no case wrapper. */
function hasCaseVariants(set: CharSet): boolean {
  const ranges = set.items.flatMap((i) => (i.kind === 'range' ? [i] : [...(i.except ?? [])]));
  return ranges.some((r) => /\p{L}/u.test(rangeSample(r.from, r.to)));
}

function rangeSample(from: number, to: number): string {
  // Wide ranges surely contain letters; short ones are checked exactly.
  if (to - from > 256) return 'a';
  let s = '';
  for (let cp = from; cp <= to; cp++) s += String.fromCodePoint(cp);
  return s;
}

function unprintable(construct: string): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_INTERNAL',
    `internal: a ${construct} reached the RE2 printer untranslated`,
  );
}
