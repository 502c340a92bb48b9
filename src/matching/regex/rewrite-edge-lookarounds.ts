// Exact rewrites of look-arounds at the edges of a pattern, where consuming instead of looking changes
// only the reported span of the whole match (never whether it matches, nor any group):
// - a look-ahead that ends the pattern: `(?=B)` becomes `B`; `(?!foo|bar)` becomes "the input ends or
//   continues with something else" (see literal-alternatives.ts);
// - a look-behind right after `^`/`\A` (no MULTILINE): nothing precedes it, so `(?<!…)` is dropped and
//   `(?<=…)` can never hold;
// - a look-behind that starts an unanchored pattern: `(?<=B)A` becomes `BA` (B has a fixed width, so the
//   leftmost match is the same); `(?<!c)A` with one class c becomes `(?:\A|[^c])A`.
// Where the span moves, an empty marker group records the logical start or end (multi-line matching uses
// the span to tell which lines matched).
import { charSet } from './char-set.js';
import { literalAlternatives, notStartingWith } from './literal-alternatives.js';
import { nodeWidth, type RegexNode } from './python-regex-ast.js';
import { singleCharSet } from './single-char-set.js';

export interface EdgeRewrite {
  readonly root: RegexNode;
  readonly rewritten: number;
  /** Marker ids whose group offset is the logical start / end of the match. */
  readonly startMarkers: readonly number[];
  readonly endMarkers: readonly number[];
  readonly nextMarkerId: number;
}

export function rewriteEdgeLookarounds(root: RegexNode, firstMarkerId: number): EdgeRewrite {
  const state = { rewritten: 0, nextId: firstMarkerId, start: [] as number[], end: [] as number[] };
  const atEnd = atPatternEnd(root, state);
  const out = atPatternStart(atEnd, state, false);
  return {
    root: out,
    rewritten: state.rewritten,
    startMarkers: state.start,
    endMarkers: state.end,
    nextMarkerId: state.nextId,
  };
}

interface State {
  rewritten: number;
  nextId: number;
  start: number[];
  end: number[];
}

function marker(state: State, at: number, list: number[]): RegexNode {
  const id = state.nextId++;
  list.push(id);
  return { kind: 'marker', id, child: null, start: at, end: at };
}

/** A class with no members: matches nowhere. */
function never(at: number): RegexNode {
  return { kind: 'set', set: charSet([]), ignoreCase: false, start: at, end: at };
}

/** Rewrites look-aheads that nothing follows, down through non-capturing groups and alternations. */
function atPatternEnd(node: RegexNode, state: State): RegexNode {
  switch (node.kind) {
    case 'alternation':
      return { ...node, branches: node.branches.map((b) => atPatternEnd(b, state)) };
    case 'group':
      // Consuming inside a capture group would change what it captures.
      return node.capture === null ? { ...node, child: atPatternEnd(node.child, state) } : node;
    case 'sequence': {
      const last = node.items[node.items.length - 1];
      if (last === undefined) return node;
      const replaced = atPatternEnd(last, state);
      return replaced === last ? node : { ...node, items: [...node.items.slice(0, -1), replaced] };
    }
    case 'lookaround': {
      if (node.behind) return node;
      let consumed: RegexNode | null;
      if (!node.negated) {
        consumed = { kind: 'group', capture: null, child: node.child, start: node.start, end: node.end };
      } else {
        const words = literalAlternatives(node.child);
        if (words === undefined) return node;
        consumed = notStartingWith(words, node);
      }
      state.rewritten++;
      return {
        kind: 'sequence',
        items: [marker(state, node.start, state.end), consumed ?? never(node.start)],
        start: node.start,
        end: node.end,
      };
    }
    default:
      return node;
  }
}

function isTextStartAnchor(node: RegexNode): boolean {
  return (
    node.kind === 'assertion' &&
    (node.assertion === 'text-start' || (node.assertion === 'line-start' && !node.multiline))
  );
}

/** Rewrites look-behinds that start the pattern (or follow its `^`). */
function atPatternStart(node: RegexNode, state: State, anchored: boolean): RegexNode {
  switch (node.kind) {
    case 'alternation':
      return { ...node, branches: node.branches.map((b) => atPatternStart(b, state, anchored)) };
    case 'group':
      return node.capture === null ? { ...node, child: atPatternStart(node.child, state, anchored) } : node;
    case 'sequence': {
      const items = [...node.items];
      let i = 0;
      let isAnchored = anchored;
      while (i < items.length && items[i] !== undefined && isTextStartAnchor(items[i] as RegexNode)) {
        isAnchored = true;
        i++;
      }
      const target = items[i];
      if (target === undefined) return node;
      const replaced = atPatternStart(target, state, isAnchored);
      if (replaced === target) return node;
      items.splice(i, 1, replaced);
      return { ...node, items };
    }
    case 'lookaround':
      return node.behind ? rewriteLeadingLookbehind(node, state, anchored) : node;
    default:
      return node;
  }
}

function rewriteLeadingLookbehind(
  node: Extract<RegexNode, { kind: 'lookaround' }>,
  state: State,
  anchored: boolean,
): RegexNode {
  const width = nodeWidth(node.child).min;
  if (width === 0) return node;
  if (anchored) {
    state.rewritten++;
    // Nothing precedes the start of the input.
    return node.negated ? { kind: 'empty', start: node.start, end: node.end } : never(node.start);
  }
  const span = { start: node.start, end: node.end };
  if (!node.negated) {
    state.rewritten++;
    return {
      kind: 'sequence',
      items: [
        { kind: 'group', capture: null, child: node.child, ...span },
        marker(state, node.end, state.start),
      ],
      ...span,
    };
  }
  const single = singleCharSet(node.child);
  if (single === undefined || single.set.items.some((i) => i.kind === 'not-word')) return node;
  state.rewritten++;
  const other: RegexNode = {
    kind: 'set',
    set: charSet(single.set.items, !single.set.negated),
    ignoreCase: single.ignoreCase,
    ...span,
  };
  const startOfText: RegexNode = {
    kind: 'assertion',
    assertion: 'text-start',
    multiline: false,
    ascii: false,
    ...span,
  };
  return {
    kind: 'sequence',
    items: [
      {
        kind: 'group',
        capture: null,
        child: { kind: 'alternation', branches: [startOfText, other], ...span },
        ...span,
      },
      marker(state, node.end, state.start),
    ],
    ...span,
  };
}
