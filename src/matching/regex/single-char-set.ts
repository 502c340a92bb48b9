// Views of a subpattern as a set of characters: "matches exactly one character from this set" (for
// merging look-arounds into classes) and "its first character is from this set" (for proving that a
// repetition can stop in one place only).
import { charSet, intersectSets, range, setContains, type CharSet } from './char-set.js';
import type { RegexNode } from './python-regex-ast.js';

export interface CaseSet {
  readonly set: CharSet;
  readonly ignoreCase: boolean;
}

/**
 * The set, when the node always matches exactly one character from it: a literal, a class, or a group or
 * alternation of those with one case mode.
 */
export function singleCharSet(node: RegexNode): CaseSet | undefined {
  switch (node.kind) {
    case 'literal':
      return { set: charSet([range(node.codePoint)]), ignoreCase: node.ignoreCase };
    case 'set':
      return { set: node.set, ignoreCase: node.ignoreCase };
    case 'group':
      return node.capture === null ? singleCharSet(node.child) : undefined;
    case 'alternation': {
      const parts = node.branches.map(singleCharSet);
      const first = parts[0];
      if (first === undefined) return undefined;
      const items = [];
      for (const p of parts) {
        if (p === undefined || p.set.negated || p.ignoreCase !== first.ignoreCase) return undefined;
        items.push(...p.set.items);
      }
      return { set: charSet(items), ignoreCase: first.ignoreCase };
    }
    case 'sequence':
      return node.items.length === 1 && node.items[0] !== undefined
        ? singleCharSet(node.items[0])
        : undefined;
    default:
      return undefined;
  }
}

/** What may follow a position: the possible next characters, or the end of the input. */
export type Follower =
  { readonly kind: 'chars'; readonly set: CaseSet } | { readonly kind: 'end' } | undefined;

/**
 * The set of characters a node's match can start with, when the node cannot match the empty string;
 * undefined when unknown or when it can be empty.
 */
export function firstCharSet(node: RegexNode): CaseSet | undefined {
  switch (node.kind) {
    case 'literal':
    case 'set':
      return singleCharSet(node);
    case 'group':
      return firstCharSet(node.child);
    case 'marker':
      return node.child === null ? undefined : firstCharSet(node.child);
    case 'repeat':
      return node.min >= 1 ? firstCharSet(node.child) : undefined;
    case 'sequence': {
      for (const item of node.items) {
        if (item.kind === 'assertion' || (item.kind === 'marker' && item.child === null)) continue;
        return firstCharSet(item);
      }
      return undefined;
    }
    case 'alternation': {
      const parts = node.branches.map(firstCharSet);
      const first = parts[0];
      if (first === undefined) return undefined;
      const items = [];
      for (const p of parts) {
        if (p === undefined || p.set.negated || p.ignoreCase !== first.ignoreCase) return undefined;
        items.push(...p.set.items);
      }
      return { set: charSet(items), ignoreCase: first.ignoreCase };
    }
    default:
      return undefined;
  }
}

const EXPLICIT_LIMIT = 512;

function explicitCodePoints(set: CharSet): number[] | undefined {
  if (set.negated) return undefined;
  const out: number[] = [];
  for (const item of set.items) {
    if (item.kind !== 'range') return undefined;
    if (out.length + item.to - item.from + 1 > EXPLICIT_LIMIT) return undefined;
    for (let cp = item.from; cp <= item.to; cp++) out.push(cp);
  }
  return out;
}

function caseVariants(cp: number): number[] {
  const c = String.fromCodePoint(cp);
  const out = new Set([cp]);
  for (const v of [c.toLowerCase(), c.toUpperCase()]) {
    const point = v.codePointAt(0);
    if (point !== undefined && Array.from(v).length === 1) out.add(point);
  }
  return [...out];
}

/** Whether no character belongs to both sets (false when that cannot be shown). */
export function provablyDisjoint(a: CaseSet, b: CaseSet): boolean {
  const folded = a.ignoreCase || b.ignoreCase;
  const tryMembership = (small: CaseSet, other: CaseSet): boolean | undefined => {
    const points = explicitCodePoints(small.set);
    if (points === undefined) return undefined;
    const all = folded ? points.flatMap(caseVariants) : points;
    // Under case folding the other set's members fold too; testing the variants of ours covers that
    // for the simple one-to-one folds that occur in log patterns.
    return all.every((cp) => !setContains(other.set, cp));
  };
  const viaA = tryMembership(a, b);
  if (viaA !== undefined) return viaA;
  const viaB = tryMembership(b, a);
  if (viaB !== undefined) return viaB;
  if (folded) return false;
  const both = intersectSets(a.set, b.set, false);
  if (both === undefined || both.negated) return false;
  return both.items.length === 0;
}
