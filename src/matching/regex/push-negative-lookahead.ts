// Exact rewrite of a negative look-ahead of fixed words, `(?!err|info)`, into the items that follow it
// in the same sequence, character by character: the next character is either none of the words' first
// characters (the look-ahead holds, the rest is free) or one of them (the look-ahead goes on with the
// words' remainders). So `(?!ip=)\w+=` becomes "\w+= whose word is not ip":
// `(?:[\w∖i]\w*=|i(?:[\w∖p]\w*=|p\w+=|=))`. Repetitions are unrolled one character at a time and
// alternations are followed branch by branch, in the engine's order of preference, so matches and groups
// are unchanged. A word may end in `\b` or `\B` (`(?!found\b)`), which then constrains the position
// where the word would end. Gives up (leaving the look-ahead to later passes) when the words outlast the
// sequence, on anything but characters, classes, repetitions of one class and groups, or beyond a size
// budget.
import { charSet, range, setContains, subtractSets } from './char-set.js';
import { continuationFirstChars, rewriteWithContinuation } from './continuation.js';
import { itemsOf, type RegexNode, type Span, type RewriteResult } from './python-regex-ast.js';
import { firstCharSet, provablyDisjoint, singleCharSet, type CaseSet } from './single-char-set.js';

interface Word {
  readonly chars: readonly number[];
  /** A word-boundary assertion right after the characters: `b` for `\b`, `B` for `\B`. */
  readonly end: 'b' | 'B' | null;
}

const NODE_BUDGET = 600;

/** Giving up: the rewrite does not apply. */
class NotApplicable extends Error {}

export function pushNegativeLookaheads(root: RegexNode): RewriteResult {
  return rewriteWithContinuation(root, (node, cont) => {
    if (node.kind !== 'sequence') return undefined;
    const index = node.items.findIndex((i) => i.kind === 'lookaround' && !i.behind && i.negated);
    const look = node.items[index];
    if (look?.kind !== 'lookaround') return undefined;
    const words = wordsOf(look.child);
    if (words === undefined) return undefined;
    const after: After = { lists: [], end: () => continuationFirstChars(cont) };
    try {
      const rest = derive(words, node.items.slice(index + 1), after, { nodes: 0 }, look);
      return { ...node, items: [...node.items.slice(0, index), ...(rest ?? [never(look)])] };
    } catch (e) {
      if (e instanceof NotApplicable) return undefined;
      throw e;
    }
  });
}

/** What follows the items being rewritten: more item lists (outer levels), then what the pattern says. */
interface After {
  readonly lists: readonly (readonly RegexNode[])[];
  readonly end: () => CaseSet | undefined;
}

type Outcome = 'holds' | 'fails' | 'unknown';

/**
 * Decides the look-ahead from the items that follow without rewriting them: `holds` when no word can
 * start here, `fails` when one surely does.
 */
function decide(words: readonly Word[], after: After): Outcome {
  let pending = words;
  for (const item of after.lists.flat()) {
    if (item.kind === 'empty' || (item.kind === 'marker' && item.child === null)) continue;
    if (item.kind === 'literal' && !item.ignoreCase) {
      pending = pending
        .filter((w) => w.chars[0] === item.codePoint)
        .map((w) => ({ ...w, chars: w.chars.slice(1) }));
      if (pending.length === 0) return 'holds';
      if (pending.some((w) => w.chars.length === 0)) {
        return pending.some((w) => w.chars.length === 0 && w.end === null) ? 'fails' : 'unknown';
      }
      continue;
    }
    const first = firstCharSet(item);
    return first !== undefined && provablyDisjoint(first, firstChars(pending)) ? 'holds' : 'unknown';
  }
  const end = after.end();
  return end !== undefined && provablyDisjoint(end, firstChars(pending)) ? 'holds' : 'unknown';
}

function firstChars(words: readonly Word[]): CaseSet {
  return {
    set: charSet([...new Set(words.map((w) => w.chars[0] ?? 0))].map((cp) => range(cp))),
    ignoreCase: false,
  };
}

function never(span: Span): RegexNode {
  return { kind: 'set', set: charSet([]), ignoreCase: false, start: span.start, end: span.end };
}

function unwrap(node: RegexNode): RegexNode {
  let n = node;
  while (n.kind === 'group' && n.capture === null) n = n.child;
  return n;
}

function wordsOf(node: RegexNode): Word[] | undefined {
  const inner = unwrap(node);
  const branches = inner.kind === 'alternation' ? inner.branches : [inner];
  const words: Word[] = [];
  for (const branch of branches) {
    const items = itemsOf(unwrap(branch)).map(unwrap);
    const chars: number[] = [];
    let end: Word['end'] = null;
    for (const [i, item] of items.entries()) {
      if (item.kind === 'literal' && !item.ignoreCase && end === null) chars.push(item.codePoint);
      else if (item.kind === 'assertion' && i === items.length - 1 && item.assertion === 'word-boundary')
        end = 'b';
      else if (item.kind === 'assertion' && i === items.length - 1 && item.assertion === 'not-word-boundary')
        end = 'B';
      else return undefined;
    }
    words.push({ chars, end });
  }
  return words;
}

function spend(budget: { nodes: number }, n = 1): void {
  budget.nodes += n;
  if (budget.nodes > NODE_BUDGET) throw new NotApplicable();
}

/**
 * The items, restricted to where none of the words starts here; null when that is impossible. Throws
 * NotApplicable when the words outlast the items.
 */
function derive(
  words: readonly Word[],
  items: readonly RegexNode[],
  after: After,
  budget: { nodes: number },
  span: Span,
): RegexNode[] | null {
  spend(budget);
  const finished = words.filter((w) => w.chars.length === 0);
  if (finished.some((w) => w.end === null)) return null;
  const ends = new Set(finished.map((w) => w.end));
  if (ends.has('b') && ends.has('B')) return null;
  // A finished word with a boundary rules out that boundary here: `(?!\b)` is `\B`.
  const guard: RegexNode[] = [...ends].map((e) => ({
    kind: 'assertion',
    assertion: e === 'b' ? 'not-word-boundary' : 'word-boundary',
    multiline: false,
    ascii: false,
    start: span.start,
    end: span.end,
  }));
  const pending = words.filter((w) => w.chars.length > 0);
  if (pending.length === 0) return [...guard, ...items];
  const rest = deriveItems(pending, items, after, budget, span);
  return rest === null ? null : [...guard, ...rest];
}

function deriveItems(
  words: readonly Word[],
  items: readonly RegexNode[],
  after: After,
  budget: { nodes: number },
  span: Span,
): RegexNode[] | null {
  const [head, ...rest] = items;
  if (head === undefined) {
    const outcome = decide(words, after);
    if (outcome === 'unknown') throw new NotApplicable();
    return outcome === 'holds' ? [] : null;
  }
  const firstSet = firstChars(words);
  const firsts = [...new Set(words.map((w) => w.chars[0] ?? 0))];
  switch (head.kind) {
    case 'empty':
      return deriveOrNever(words, rest, after, budget, span);
    case 'marker':
      if (head.child !== null) throw new NotApplicable();
      return [head, ...deriveOrNever(words, rest, after, budget, span)];
    case 'literal':
    case 'set': {
      const consumed = singleCharSet(head);
      if (consumed === undefined || consumed.ignoreCase) throw new NotApplicable();
      if (provablyDisjoint(consumed, firstSet)) return [...items];
      const branches: RegexNode[][] = [];
      const other = subtractSets(consumed.set, firstSet.set, false);
      if (other === undefined) throw new NotApplicable();
      if (other.negated || other.items.length > 0) {
        branches.push([
          { kind: 'set', set: other, ignoreCase: false, start: head.start, end: head.end },
          ...rest,
        ]);
      }
      for (const cp of firsts) {
        if (!setContains(consumed.set, cp)) continue;
        const remainder = words
          .filter((w) => w.chars[0] === cp)
          .map((w) => ({ ...w, chars: w.chars.slice(1) }));
        const next = derive(remainder, rest, after, budget, span);
        if (next !== null) {
          branches.push([
            { kind: 'literal', codePoint: cp, ignoreCase: false, start: head.start, end: head.end },
            ...next,
          ]);
        }
      }
      return alternative(branches, budget, head);
    }
    case 'repeat': {
      const consumed = singleCharSet(head.child);
      if (consumed === undefined || consumed.ignoreCase || head.possessive) throw new NotApplicable();
      if (head.min >= 1 && provablyDisjoint(consumed, firstSet)) return [...items];
      const max = head.max === null ? null : head.max - 1;
      const again: RegexNode[] = max === 0 ? [] : [{ ...head, min: Math.max(0, head.min - 1), max }];
      const take = [head.child, ...again, ...rest];
      if (head.min >= 1) return deriveOrNever(words, take, after, budget, span);
      const taken = derive(words, take, after, budget, span);
      const skipped = derive(words, rest, after, budget, span);
      const order = head.greedy ? [taken, skipped] : [skipped, taken];
      return alternative(
        order.filter((b): b is RegexNode[] => b !== null),
        budget,
        head,
      );
    }
    case 'group':
    case 'alternation':
      return deriveGroup(words, head, rest, after, budget, span);
    default:
      throw new NotApplicable();
  }
}

function deriveOrNever(
  words: readonly Word[],
  items: readonly RegexNode[],
  after: After,
  budget: { nodes: number },
  span: Span,
): RegexNode[] {
  return derive(words, items, after, budget, span) ?? [never(span)];
}

/** A group: its alternatives one by one; the rest of the sequence joins them only if needed. */
function deriveGroup(
  words: readonly Word[],
  head: Extract<RegexNode, { kind: 'group' | 'alternation' }>,
  rest: readonly RegexNode[],
  after: After,
  budget: { nodes: number },
  span: Span,
): RegexNode[] {
  const body = head.kind === 'group' ? head.child : head;
  const branches = body.kind === 'alternation' ? body.branches : [body];
  try {
    const inner: After = { lists: [rest, ...after.lists], end: after.end };
    const inside = branches.map((b) => derive(words, itemsOf(b), inner, budget, span));
    const kept = inside.filter((b): b is RegexNode[] => b !== null).map((b) => sequence(b, head));
    if (kept.length === 0) return [never(span)];
    const child: RegexNode =
      kept.length === 1 && kept[0] !== undefined
        ? kept[0]
        : { kind: 'alternation', branches: kept, start: head.start, end: head.end };
    const group: RegexNode =
      head.kind === 'group'
        ? { ...head, child }
        : { kind: 'group', capture: null, child, start: head.start, end: head.end };
    return [group, ...rest];
  } catch (e) {
    // The words outlast a branch: carry the rest of the sequence into the branches, if no capture
    // group would then enclose it.
    if (!(e instanceof NotApplicable) || (head.kind === 'group' && head.capture !== null)) throw e;
    const joined = branches.map((b) => derive(words, [...itemsOf(b), ...rest], after, budget, span));
    return alternative(
      joined.filter((b): b is RegexNode[] => b !== null),
      budget,
      head,
    );
  }
}

function sequence(items: readonly RegexNode[], span: Span): RegexNode {
  if (items.length === 1 && items[0] !== undefined) return items[0];
  return { kind: 'sequence', items, start: span.start, end: span.end };
}

function alternative(branches: readonly RegexNode[][], budget: { nodes: number }, span: Span): RegexNode[] {
  spend(budget, branches.length);
  if (branches.length === 0) return [never(span)];
  if (branches.length === 1 && branches[0] !== undefined) return branches[0];
  return [
    {
      kind: 'group',
      capture: null,
      child: {
        kind: 'alternation',
        branches: branches.map((b) => sequence(b, span)),
        start: span.start,
        end: span.end,
      },
      start: span.start,
      end: span.end,
    },
  ];
}
