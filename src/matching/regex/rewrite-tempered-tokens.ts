// Exact rewrite of the tempered token `(?:(?!w1|w2).)*` (fixed words, one consumed class) into a plain
// regular expression of "no word occurs", when what follows fixes where the token ends:
// - the input must end after it (`…)*$`), or
// - a fixed text that starts with one of the words follows it (`(?:(?! from ).)*? from `): then the token
//   ends at the first occurrence of a word, whichever way it repeats.
// In both cases at most one extent of the token can lead to a match, so replacing it by any expression
// of the same strings keeps every match and group (see avoid-words-automaton.ts for the construction).
// The look-ahead also sees past the token's end; for the second case that text is the known follower,
// which decides which automaton states may end the token.
import { buildAutomaton, avoidWordsNode, statesAllowedBefore } from './avoid-words-automaton.js';
import { literalAlternatives } from './literal-alternatives.js';
import {
  continuesWithEnd,
  itemsUntilLoop,
  rewriteWithContinuation,
  type Continuation,
} from './continuation.js';
import { itemsOf, type RegexNode, type RewriteResult } from './python-regex-ast.js';
import { singleCharSet } from './single-char-set.js';

const MAX_FOLLOW = 64;

export function rewriteTemperedTokens(root: RegexNode): RewriteResult {
  return rewriteWithContinuation(root, (node, cont) =>
    node.kind === 'repeat' ? rewriteToken(node, cont) : undefined,
  );
}

function unwrapGroups(node: RegexNode): RegexNode {
  let n = node;
  while (n.kind === 'group' && n.capture === null) n = n.child;
  return n;
}

function rewriteToken(
  node: Extract<RegexNode, { kind: 'repeat' }>,
  cont: Continuation | null,
): RegexNode | undefined {
  if (node.min !== 0 || node.max !== null || node.possessive) return undefined;
  const items = itemsOf(unwrapGroups(node.child));
  const [look, consumer] = items;
  if (items.length !== 2 || look?.kind !== 'lookaround' || look.behind || !look.negated) return undefined;
  const consumed = consumer === undefined ? undefined : singleCharSet(consumer);
  const words = literalAlternatives(look.child);
  if (consumed === undefined || consumed.ignoreCase || words === undefined || words.ignoreCase)
    return undefined;
  const automaton = buildAutomaton(words.words);
  if (automaton === undefined) return undefined;
  let accept: ReadonlySet<number> | undefined;
  if (continuesWithEnd(cont)) {
    accept = new Set(automaton.next.map((_, s) => s));
  } else {
    const follow = continuationLiteral(cont);
    const startsWithWord = words.words.some(
      (w) => w.length <= follow.length && w.every((cp, i) => follow[i] === cp),
    );
    if (!startsWithWord) return undefined;
    accept = statesAllowedBefore(automaton, follow);
  }
  if (accept === undefined) return undefined;
  const replacement = avoidWordsNode(automaton, consumed.set, accept, node);
  if (replacement === undefined) return undefined;
  return { kind: 'group', capture: null, child: replacement, start: node.start, end: node.end };
}

/** The case-sensitive fixed text the rest of the pattern starts with. */
function continuationLiteral(cont: Continuation | null): number[] {
  const out: number[] = [];
  for (const item of itemsUntilLoop(cont)) {
    if (!appendLiteral(item, out) || out.length >= MAX_FOLLOW) break;
  }
  return out;
}

/** Appends the node's fixed text; false when the node is not entirely fixed text (stop there). */
function appendLiteral(node: RegexNode, out: number[]): boolean {
  switch (node.kind) {
    case 'literal':
      if (node.ignoreCase) return false;
      out.push(node.codePoint);
      return true;
    case 'empty':
      return true;
    case 'marker':
      return node.child === null ? true : appendLiteral(node.child, out);
    case 'group':
      return appendLiteral(node.child, out);
    case 'sequence':
      return node.items.every((i) => appendLiteral(i, out));
    default:
      return false;
  }
}
