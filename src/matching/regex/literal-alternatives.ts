// Reads a subpattern that is an alternation of fixed strings (`foo|bar baz`) as those strings, and builds
// the RE2 form of "the text here does not start with any of them" as a trie of alternatives that
// consumes at most the longest string: at each level either the input ends, or the next character is
// none of the expected ones, or it is one of them and the rest of that branch does not follow.
import { charSet, range } from './char-set.js';
import { itemsOf, type RegexNode, type Span } from './python-regex-ast.js';

export interface LiteralAlternatives {
  readonly words: readonly (readonly number[])[];
  readonly ignoreCase: boolean;
}

/** The strings, when the node is a literal string or an alternation of them with one case mode. */
export function literalAlternatives(node: RegexNode): LiteralAlternatives | undefined {
  const branches = unwrap(node).kind === 'alternation' ? alternationBranches(unwrap(node)) : [unwrap(node)];
  const words: number[][] = [];
  let ignoreCase: boolean | undefined;
  for (const branch of branches) {
    const word: number[] = [];
    for (const item of itemsOf(unwrap(branch))) {
      const inner = unwrap(item);
      if (inner.kind !== 'literal') return undefined;
      if (ignoreCase !== undefined && inner.ignoreCase !== ignoreCase) return undefined;
      ignoreCase = inner.ignoreCase;
      word.push(inner.codePoint);
    }
    words.push(word);
  }
  return { words, ignoreCase: ignoreCase ?? false };
}

function unwrap(node: RegexNode): RegexNode {
  let n = node;
  while (n.kind === 'group' && n.capture === null) n = n.child;
  return n;
}

function alternationBranches(node: RegexNode): readonly RegexNode[] {
  return node.kind === 'alternation' ? node.branches : [node];
}

function foldKey(cp: number, ignoreCase: boolean): number {
  if (!ignoreCase) return cp;
  const lower = String.fromCodePoint(cp).toLowerCase();
  return Array.from(lower).length === 1 ? (lower.codePointAt(0) ?? cp) : cp;
}

/**
 * A node that matches (consuming up to the longest word) exactly where none of the words starts, or
 * null when that can never hold (one of the words is empty).
 */
export function notStartingWith(alternatives: LiteralAlternatives, at: Span): RegexNode | null {
  // Only the offsets: callers may pass a whole node as the span.
  return level(alternatives.words, 0, alternatives.ignoreCase, { start: at.start, end: at.end });
}

function level(
  words: readonly (readonly number[])[],
  depth: number,
  ignoreCase: boolean,
  span: Span,
): RegexNode | null {
  if (words.some((w) => w.length === depth)) return null;
  const byKey = new Map<number, { cp: number; words: (readonly number[])[] }>();
  for (const w of words) {
    const cp = w[depth] ?? 0;
    const key = foldKey(cp, ignoreCase);
    const entry = byKey.get(key) ?? { cp, words: [] };
    entry.words.push(w);
    byKey.set(key, entry);
  }
  const branches: RegexNode[] = [
    { kind: 'assertion', assertion: 'text-end', multiline: false, ascii: false, ...span },
    {
      kind: 'set',
      set: charSet(
        [...byKey.values()].map((e) => range(e.cp)),
        true,
      ),
      ignoreCase,
      ...span,
    },
  ];
  for (const entry of byKey.values()) {
    const rest = level(entry.words, depth + 1, ignoreCase, span);
    if (rest === null) continue;
    branches.push({
      kind: 'sequence',
      items: [{ kind: 'literal', codePoint: entry.cp, ignoreCase, ...span }, rest],
      ...span,
    });
  }
  return { kind: 'group', capture: null, child: { kind: 'alternation', branches, ...span }, ...span };
}
