// Exact rewrite that lets later passes see past a repetition: a repetition of at most MAX_UNROLL times
// whose body holds a look-around is written out, with the rest of the sequence in every alternative:
// `X{0,2}R` becomes `(?:XXR|XR|R)` (greedy order; a lazy one lists the fewest first). Each look-around
// is then followed by concrete items, which push-negative-lookahead.ts can fold in. Bodies with capture
// groups are left alone: a capture in a repetition keeps its last value, which copies would not.
import { itemsOf, mapTree, someNode, type RegexNode, type RewriteResult } from './python-regex-ast.js';

const MAX_UNROLL = 3;

export function unrollBoundedRepeats(root: RegexNode): RewriteResult {
  let rewritten = 0;
  const out = mapTree(root, (node) => {
    if (node.kind !== 'sequence') return node;
    const index = node.items.findIndex(isUnrollable);
    const target = node.items[index];
    if (target?.kind !== 'repeat' || target.max === null) return node;
    const rest = node.items.slice(index + 1);
    const counts: number[] = [];
    for (let n = target.max; n >= target.min; n--) counts.push(n);
    if (!target.greedy) counts.reverse();
    const branches: RegexNode[] = counts.map((n) => ({
      kind: 'sequence',
      items: [...Array.from({ length: n }, () => inlined(target.child)).flat(), ...rest],
      start: target.start,
      end: node.end,
    }));
    rewritten++;
    const alternation: RegexNode = {
      kind: 'group',
      capture: null,
      child: { kind: 'alternation', branches, start: target.start, end: node.end },
      start: target.start,
      end: node.end,
    };
    return { ...node, items: [...node.items.slice(0, index), alternation] };
  });
  return { root: out, rewritten };
}

/** A non-capturing group without alternatives joins the sequence, so look-arounds see what follows. */
function inlined(node: RegexNode): readonly RegexNode[] {
  if (node.kind === 'group' && node.capture === null && node.child.kind !== 'alternation')
    return itemsOf(node.child);
  return [node];
}

function isUnrollable(node: RegexNode): boolean {
  return (
    node.kind === 'repeat' &&
    !node.possessive &&
    node.max !== null &&
    node.max <= MAX_UNROLL &&
    node.max >= Math.max(1, node.min) &&
    someNode(node.child, (n) => n.kind === 'lookaround') &&
    !someNode(node.child, (n) => n.kind === 'group' && n.capture !== null)
  );
}
