// Exact rewrite of conditionals `(?(g)yes|no)`: where the choice that decides whether group g took part
// is an optional item or an alternation earlier in a sequence, the sequence is distributed over that
// choice: `(g)? R` becomes `(?:(g) R | R)` and `(a|b) R` becomes `(?:(a) R | (b) R)`. In each copy of R
// the group's state is known, so the conditional reduces to one branch. Backtracking engines and RE2's
// leftmost-first search order the alternatives alike, so matches and captures are unchanged; the cost is
// pattern size, bounded by SPLIT_BUDGET. Conditionals left over are handled by later passes.
import { capturesIn, sequenceOf, someNode, type RegexNode, type RewriteResult } from './python-regex-ast.js';

type Participation = 'always' | 'never' | 'maybe';
type Known = ReadonlyMap<number, boolean>;

const SPLIT_BUDGET = 32;

/** `rewritten` counts conditionals reduced to one branch (copies included). */
export function resolveConditionals(root: RegexNode, groupCount: number): RewriteResult {
  if (!someNode(root, (n) => n.kind === 'conditional')) return { root, rewritten: 0 };
  const state = { splits: 0, resolved: 0 };
  const start = new Map<number, boolean>();
  for (let g = 1; g <= groupCount; g++) start.set(g, false);
  const out = resolve(root, start, state);
  return { root: out, rewritten: state.resolved };
}

interface State {
  splits: number;
  resolved: number;
}

export function participation(node: RegexNode, group: number): Participation {
  switch (node.kind) {
    case 'group':
      if (node.capture?.index === group) return 'always';
      return participation(node.child, group);
    case 'sequence': {
      const parts = node.items.map((i) => participation(i, group));
      if (parts.includes('always')) return 'always';
      return parts.includes('maybe') ? 'maybe' : 'never';
    }
    case 'alternation':
      return combineBranches(node.branches.map((b) => participation(b, group)));
    case 'conditional':
      return combineBranches([participation(node.yes, group), participation(node.no, group)]);
    case 'repeat': {
      const p = participation(node.child, group);
      if (p === 'never') return 'never';
      return node.min >= 1 ? p : 'maybe';
    }
    case 'lookaround':
      // Groups inside a negative look-around never keep a value.
      return node.negated ? 'never' : participation(node.child, group);
    case 'atomic':
      return participation(node.child, group);
    case 'marker':
      return node.child === null ? 'never' : participation(node.child, group);
    default:
      return 'never';
  }
}

function combineBranches(parts: readonly Participation[]): Participation {
  if (parts.every((p) => p === 'always')) return 'always';
  if (parts.every((p) => p === 'never')) return 'never';
  return 'maybe';
}

function conditionalGroups(nodes: readonly RegexNode[]): Set<number> {
  const out = new Set<number>();
  for (const n of nodes) {
    someNode(n, (m) => {
      if (m.kind === 'conditional') out.add(m.group);
      return false;
    });
  }
  return out;
}

/** The group states after a node has matched, given the states before. */
function after(node: RegexNode, known: Known): Map<number, boolean> {
  const out = new Map(known);
  for (const g of capturesIn(node)) {
    const p = participation(node, g);
    if (p === 'always') out.set(g, true);
    else if (p === 'maybe' && out.get(g) !== true) out.delete(g);
  }
  return out;
}

function resolve(node: RegexNode, known: Known, state: State): RegexNode {
  switch (node.kind) {
    case 'conditional': {
      const value = known.get(node.group);
      if (value !== undefined) {
        state.resolved++;
        return resolve(value ? node.yes : node.no, known, state);
      }
      return {
        ...node,
        yes: resolve(node.yes, new Map(known).set(node.group, true), state),
        no: resolve(node.no, new Map(known).set(node.group, false), state),
      };
    }
    case 'sequence':
      return resolveSequence(node.items, known, state, node);
    case 'alternation':
      return { ...node, branches: node.branches.map((b) => resolve(b, known, state)) };
    case 'group':
    case 'atomic':
    case 'lookaround':
      return { ...node, child: resolve(node.child, known, state) };
    case 'marker':
      return node.child === null ? node : { ...node, child: resolve(node.child, known, state) };
    case 'repeat': {
      // From the second repetition on, groups inside hold values from the previous one.
      const inner = new Map(known);
      if (node.max !== 1) for (const g of capturesIn(node.child)) inner.delete(g);
      return { ...node, child: resolve(node.child, inner, state) };
    }
    default:
      return node;
  }
}

function resolveSequence(
  items: readonly RegexNode[],
  known: Known,
  state: State,
  span: { start: number; end: number },
): RegexNode {
  const out: RegexNode[] = [];
  let current: Known = known;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) continue;
    const rest = items.slice(i + 1);
    const wanted = [...conditionalGroups(rest)].filter(
      (g) => current.get(g) !== true && participation(item, g) === 'maybe',
    );
    for (const g of wanted) {
      if (state.splits >= SPLIT_BUDGET) break;
      const variants = split(item, g);
      if (variants === undefined) continue;
      state.splits++;
      const branches = variants.map((v) => resolveSequence([v, ...rest], current, state, span));
      out.push({
        kind: 'group',
        capture: null,
        child: { kind: 'alternation', branches, start: item.start, end: span.end },
        start: item.start,
        end: span.end,
      });
      return sequenceOf(out, span);
    }
    out.push(resolve(item, current, state));
    current = after(item, current);
  }
  return sequenceOf(out, span);
}

/** The ways a node can match, as separate nodes in the engine's order of preference. */
function split(node: RegexNode, group: number): RegexNode[] | undefined {
  switch (node.kind) {
    case 'repeat': {
      if (node.min !== 0 || node.max !== 1 || node.possessive) return undefined;
      const skip: RegexNode = { kind: 'empty', start: node.start, end: node.start };
      return node.greedy ? [node.child, skip] : [skip, node.child];
    }
    case 'group': {
      const inner = split(node.child, group);
      return inner?.map((child) => ({ ...node, child }));
    }
    case 'alternation':
      return [...node.branches];
    case 'sequence': {
      const index = node.items.findIndex((i) => participation(i, group) === 'maybe');
      const target = node.items[index];
      if (target === undefined) return undefined;
      const inner = split(target, group);
      return inner?.map((v) =>
        sequenceOf([...node.items.slice(0, index), v, ...node.items.slice(index + 1)], node),
      );
    }
    default:
      return undefined;
  }
}
