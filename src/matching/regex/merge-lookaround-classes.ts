// Exact rewrite: a look-around that tests one character, next to a subpattern that consumes that very
// character, becomes one class. `(?!x).` is `[^x\n]`, `(?=[0-9])\w` is `[0-9]`, `\S(?<!-)` is `[^\s-]`,
// and the "tempered" `(?:(?!x).)*` becomes `[^x\n]*`. A look-ahead before a repetition of one class
// narrows the first repetition only: `(?!0)\d+` is `[1-9…]\d*`.
import { intersectSets, subtractSets } from './char-set.js';
import { mapTree, type RegexNode, type RewriteResult } from './python-regex-ast.js';
import { singleCharSet } from './single-char-set.js';

export function mergeLookaroundClasses(root: RegexNode): RewriteResult {
  let rewritten = 0;
  const out = mapTree(root, (node) => {
    if (node.kind !== 'sequence') return node;
    const items = [...node.items];
    let changed = false;
    // Right to left, so that `(?!a)(?!b).` folds both into the class.
    for (let i = items.length - 2; i >= 0; i--) {
      const merged = mergeAhead(items[i], items[i + 1]);
      if (merged !== undefined) {
        items.splice(i, 2, ...merged);
        changed = true;
        rewritten++;
      }
    }
    for (let i = 1; i < items.length; i++) {
      const merged = mergeBehind(items[i - 1], items[i]);
      if (merged !== undefined) {
        items.splice(i - 1, 2, merged);
        changed = true;
        rewritten++;
        i--;
      }
    }
    if (!changed) return node;
    if (items.length === 1 && items[0] !== undefined) return items[0];
    return { ...node, items };
  });
  return { root: out, rewritten };
}

function combine(test: RegexNode, consumer: RegexNode, negated: boolean): RegexNode | undefined {
  const tested = singleCharSet(test);
  const consumed = singleCharSet(consumer);
  if (tested === undefined || consumed === undefined || tested.ignoreCase !== consumed.ignoreCase) {
    return undefined;
  }
  const set = negated
    ? subtractSets(consumed.set, tested.set, consumed.ignoreCase)
    : intersectSets(consumed.set, tested.set, consumed.ignoreCase);
  if (set === undefined) return undefined;
  return {
    kind: 'set',
    set,
    ignoreCase: consumed.ignoreCase,
    start: Math.min(test.start, consumer.start),
    end: Math.max(test.end, consumer.end),
  };
}

function mergeAhead(first: RegexNode | undefined, next: RegexNode | undefined): RegexNode[] | undefined {
  if (first?.kind !== 'lookaround' || first.behind || next === undefined) return undefined;
  const single = combine(first.child, next, first.negated);
  if (single !== undefined) return [single];
  // (?!x)C{m,n} with m >= 1: only the first repetition is constrained.
  if (next.kind === 'repeat' && next.min >= 1 && !next.possessive) {
    const head = combine(first.child, next.child, first.negated);
    if (head === undefined) return undefined;
    const max = next.max === null ? null : next.max - 1;
    if (max === 0) return [head];
    return [head, { ...next, min: next.min - 1, max }];
  }
  return undefined;
}

function mergeBehind(previous: RegexNode | undefined, second: RegexNode | undefined): RegexNode | undefined {
  if (second?.kind !== 'lookaround' || !second.behind || previous === undefined) return undefined;
  return combine(second.child, previous, second.negated);
}
