// Exact rewrite: a one-character look-ahead whose outcome the rest of the pattern already decides is
// dropped. `(?=")` before a continuation that can only go on with `"` (for instance the end of a
// repeated group followed by `"` either way) always holds; `(?!x)` before one that can never go on
// with `x` always holds too. Either way RE2 needs nothing in its place.
import { subtractSets } from './char-set.js';
import { continuationFirstChars, rewriteWithContinuation } from './continuation.js';
import type { RegexNode, RewriteResult } from './python-regex-ast.js';
import { provablyDisjoint, singleCharSet, type CaseSet } from './single-char-set.js';

export function dropImpliedLookaheads(root: RegexNode): RewriteResult {
  return rewriteWithContinuation(root, (node, cont) => {
    if (node.kind !== 'lookaround' || node.behind) return undefined;
    const tested = singleCharSet(node.child);
    const next = continuationFirstChars(cont);
    if (tested === undefined || next === undefined) return undefined;
    const holds = node.negated ? provablyDisjoint(tested, next) : contains(tested, next);
    return holds ? { kind: 'empty', start: node.start, end: node.end } : undefined;
  });
}

/** Whether every character of `inner` is in `outer` (shown only without case folding). */
function contains(outer: CaseSet, inner: CaseSet): boolean {
  if (outer.ignoreCase || inner.ignoreCase) return false;
  const rest = subtractSets(inner.set, outer.set, false);
  return rest !== undefined && !rest.negated && rest.items.length === 0;
}
