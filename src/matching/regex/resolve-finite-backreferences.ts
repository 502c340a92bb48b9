// Exact rewrite of a back-reference to a group that can match only a few fixed strings, like the
// optional quote in `(?P<q>"?)\S+(?P=q)`: the sequence is distributed over those strings, in the order
// the engine tries them, and in each copy the back-reference becomes that string:
// `(?:(?P<q>")\S+"|(?P<q>)\S+)`. The group must be an item of the sequence that holds the reference
// (not inside a repetition), without case folding or nested groups.
import { mapTree, someNode, type RegexNode, type RewriteResult } from './python-regex-ast.js';

const MAX_STRINGS = 8;

export function resolveFiniteBackreferences(root: RegexNode): RewriteResult {
  if (!someNode(root, (n) => n.kind === 'backreference')) return { root, rewritten: 0 };
  let rewritten = 0;
  const out = mapTree(root, (node) => {
    if (node.kind !== 'sequence') return node;
    for (const [index, item] of node.items.entries()) {
      if (item.kind !== 'group' || item.capture === null) continue;
      const group = item.capture.index;
      const rest = node.items.slice(index + 1);
      if (!rest.some((r) => someNode(r, (n) => n.kind === 'backreference' && n.group === group))) continue;
      const strings = enumerate(item.child);
      if (strings === undefined) continue;
      rewritten++;
      const branches: RegexNode[] = strings.map((text) => ({
        kind: 'sequence',
        items: [
          { ...item, child: literalText(text, false, item) },
          ...rest.map((r) => substitute(r, group, text)),
        ],
        start: item.start,
        end: node.end,
      }));
      const alternation: RegexNode = {
        kind: 'group',
        capture: null,
        child: { kind: 'alternation', branches, start: item.start, end: node.end },
        start: item.start,
        end: node.end,
      };
      return { ...node, items: [...node.items.slice(0, index), alternation] };
    }
    return node;
  });
  return { root: out, rewritten };
}

function literalText(
  text: readonly number[],
  ignoreCase: boolean,
  span: { start: number; end: number },
): RegexNode {
  const items: RegexNode[] = text.map((codePoint) => ({
    kind: 'literal',
    codePoint,
    ignoreCase,
    start: span.start,
    end: span.end,
  }));
  if (items.length === 1 && items[0] !== undefined) return items[0];
  return items.length === 0
    ? { kind: 'empty', start: span.start, end: span.end }
    : { kind: 'sequence', items, start: span.start, end: span.end };
}

function substitute(node: RegexNode, group: number, text: readonly number[]): RegexNode {
  return mapTree(node, (n) =>
    n.kind === 'backreference' && n.group === group ? literalText(text, n.ignoreCase, n) : n,
  );
}

/** Every string the node can match, in the order the engine tries them; undefined when not few and fixed. */
function enumerate(node: RegexNode): number[][] | undefined {
  switch (node.kind) {
    case 'empty':
      return [[]];
    case 'literal':
      return node.ignoreCase ? undefined : [[node.codePoint]];
    case 'set': {
      if (node.ignoreCase || node.set.negated) return undefined;
      const out: number[][] = [];
      for (const item of node.set.items) {
        if (item.kind !== 'range' || out.length + item.to - item.from >= MAX_STRINGS) return undefined;
        for (let cp = item.from; cp <= item.to; cp++) out.push([cp]);
      }
      return out;
    }
    case 'group':
      return node.capture === null ? enumerate(node.child) : undefined;
    case 'sequence': {
      let out: number[][] = [[]];
      for (const item of node.items) {
        const part = enumerate(item);
        if (part === undefined || out.length * part.length > MAX_STRINGS) return undefined;
        out = out.flatMap((a) => part.map((b) => [...a, ...b]));
      }
      return out;
    }
    case 'alternation': {
      const parts = node.branches.map(enumerate);
      if (parts.some((p) => p === undefined)) return undefined;
      return dedupe(parts.flatMap((p) => p ?? []));
    }
    case 'repeat': {
      const part = enumerate(node.child);
      if (part === undefined || node.max === null || node.max > MAX_STRINGS) return undefined;
      // Empty repetitions are where engines differ; not worth following.
      if (node.max > 1 && part.some((p) => p.length === 0)) return undefined;
      const counts: number[] = [];
      for (let n = node.max; n >= node.min; n--) counts.push(n);
      if (!node.greedy) counts.reverse();
      const out: number[][] = [];
      for (const n of counts) {
        let strings: number[][] = [[]];
        for (let i = 0; i < n; i++) strings = strings.flatMap((a) => part.map((b) => [...a, ...b]));
        out.push(...strings);
        if (out.length > MAX_STRINGS) return undefined;
      }
      return dedupe(out);
    }
    default:
      return undefined;
  }
}

/** Later duplicates never win: the engine takes the first way that leads to a match. */
function dedupe(strings: readonly number[][]): number[][] {
  const seen = new Set<string>();
  return strings.filter((s) => {
    const key = s.join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
