// The regular expression for "strings of characters from class C in which none of the words occurs",
// built from the Aho-Corasick automaton of the words by state elimination. It replaces the tempered
// token `(?:(?!foo|bar).)*`, which RE2 cannot run, when the token's extent is fixed by what follows it.
// Bounded: beyond MAX_WORD_CHARS or MAX_STATES the caller falls back to a post-match check.
import { charSet, range, setContains, subtractSets, type CharSet } from './char-set.js';
import type { RegexNode, Span } from './python-regex-ast.js';

const MAX_WORD_CHARS = 64;
const MAX_STATES = 48;

interface Automaton {
  /** goto[state].get(char) → state, complete (failure links folded in) for the word characters. */
  readonly next: readonly ReadonlyMap<number, number>[];
  /** Length of the longest word ending at each state, 0 if none (such states are dead). */
  readonly longestMatch: readonly number[];
  /** Length of the prefix each state stands for. */
  readonly depth: readonly number[];
  readonly chars: readonly number[];
}

export function buildAutomaton(words: readonly (readonly number[])[]): Automaton | undefined {
  const total = words.reduce((n, w) => n + w.length, 0);
  if (total > MAX_WORD_CHARS || words.some((w) => w.length === 0)) return undefined;
  const trie: Map<number, number>[] = [new Map<number, number>()];
  const depth = [0];
  const ends = [0];
  for (const word of words) {
    let state = 0;
    for (const cp of word) {
      const trieNode = trie[state] ?? new Map<number, number>();
      let to = trieNode.get(cp);
      if (to === undefined) {
        to = trie.length;
        trie.push(new Map());
        depth.push((depth[state] ?? 0) + 1);
        ends.push(0);
        trieNode.set(cp, to);
      }
      state = to;
    }
    ends[state] = Math.max(ends[state] ?? 0, word.length);
  }
  if (trie.length > MAX_STATES) return undefined;
  const chars = [...new Set(words.flat())].sort((a, b) => a - b);
  const fail = new Array<number>(trie.length).fill(0);
  const next: Map<number, number>[] = trie.map(() => new Map<number, number>());
  const longest = [...ends];
  // Breadth-first, so that failure targets are complete before they are used.
  const queue: number[] = [0];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] ?? 0;
    for (const cp of chars) {
      const child = trie[state]?.get(cp);
      if (child !== undefined) {
        fail[child] = state === 0 ? 0 : (next[fail[state] ?? 0]?.get(cp) ?? 0);
        longest[child] = Math.max(longest[child] ?? 0, longest[fail[child] ?? 0] ?? 0);
        next[state]?.set(cp, child);
        queue.push(child);
      } else {
        next[state]?.set(cp, state === 0 ? 0 : (next[fail[state] ?? 0]?.get(cp) ?? 0));
      }
    }
  }
  return { next, longestMatch: longest, depth, chars };
}

/**
 * End states allowed when the literal `follow` comes right after the token: reading it from the state
 * must not complete a word that started inside the token. Undefined when `follow` is too short to decide.
 */
export function statesAllowedBefore(
  automaton: Automaton,
  follow: readonly number[],
): Set<number> | undefined {
  const allowed = new Set<number>();
  for (let start = 0; start < automaton.next.length; start++) {
    if ((automaton.longestMatch[start] ?? 0) > 0) continue;
    let state = start;
    let ok = true;
    for (let j = 1; j <= follow.length && ok; j++) {
      const cp = follow[j - 1] ?? 0;
      state = automaton.next[state]?.get(cp) ?? 0;
      // A word ending here began j - length characters into `follow`; before 0 means inside the token.
      if ((automaton.longestMatch[state] ?? 0) > j) ok = false;
    }
    if (!ok) continue;
    // A partial word still open after `follow` that began inside the token: unknown text decides.
    if ((automaton.depth[state] ?? 0) > follow.length) return undefined;
    allowed.add(start);
  }
  return allowed;
}

// A small regex algebra for state elimination, turned into syntax-tree nodes at the end.
type Expr =
  | { readonly t: 'eps' }
  | { readonly t: 'set'; readonly set: CharSet }
  | { readonly t: 'cat'; readonly parts: readonly Expr[] }
  | { readonly t: 'alt'; readonly parts: readonly Expr[] }
  | { readonly t: 'star'; readonly inner: Expr };

const EPS: Expr = { t: 'eps' };

function cat(...parts: (Expr | undefined)[]): Expr | undefined {
  const out: Expr[] = [];
  for (const p of parts) {
    if (p === undefined) return undefined;
    if (p.t === 'eps') continue;
    if (p.t === 'cat') out.push(...p.parts);
    else out.push(p);
  }
  if (out.length === 0) return EPS;
  return out.length === 1 ? out[0] : { t: 'cat', parts: out };
}

function alt(a: Expr | undefined, b: Expr | undefined): Expr | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const parts = [...(a.t === 'alt' ? a.parts : [a]), ...(b.t === 'alt' ? b.parts : [b])];
  // Merge single-character alternatives into one class where the union is expressible.
  const merged: Expr[] = [];
  for (const p of parts) {
    const i = merged.findIndex(
      (m) => m.t === 'set' && p.t === 'set' && unionSets(m.set, p.set) !== undefined,
    );
    const existing = merged[i];
    if (existing?.t === 'set' && p.t === 'set') {
      merged[i] = { t: 'set', set: unionSets(existing.set, p.set) ?? existing.set };
    } else if (!merged.some((m) => sameExpr(m, p))) {
      merged.push(p);
    }
  }
  return merged.length === 1 ? merged[0] : { t: 'alt', parts: merged };
}

function star(e: Expr | undefined): Expr {
  if (e === undefined || e.t === 'eps') return EPS;
  if (e.t === 'star') return e;
  return { t: 'star', inner: e };
}

function sameExpr(a: Expr, b: Expr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function unionSets(a: CharSet, b: CharSet): CharSet | undefined {
  if (!a.negated && !b.negated) return charSet([...a.items, ...b.items]);
  if (a.negated && !b.negated) return complementUnion(a, b);
  if (!a.negated && b.negated) return unionSets(b, a);
  return undefined;
}

/** ¬A ∪ B = ¬(A ∖ B), for plain ranges. */
function complementUnion(negatedA: CharSet, b: CharSet): CharSet | undefined {
  const remaining = subtractSets(charSet(negatedA.items), b, false);
  return remaining === undefined || remaining.negated ? undefined : charSet(remaining.items, true);
}

/**
 * RE2-ready syntax tree for the strings over `consumer` that avoid every word and end in an allowed
 * state, or undefined when a set operation is not expressible.
 */
export function avoidWordsNode(
  automaton: Automaton,
  consumer: CharSet,
  accept: ReadonlySet<number>,
  at: Span,
): RegexNode | undefined {
  // Only the offsets: callers may pass a whole node as the span.
  const span = { start: at.start, end: at.end };
  const live = automaton.next.map((_, s) => s).filter((s) => (automaton.longestMatch[s] ?? 0) === 0);
  const wordChars = charSet(automaton.chars.map((cp) => range(cp)));
  const other = subtractSets(consumer, wordChars, false);
  if (other === undefined) return undefined;
  // Edges between live states; START = -1 and FINAL = -2 are the elimination's extra states.
  const START = -1;
  const FINAL = -2;
  const edges = new Map<number, Map<number, Expr>>();
  const addEdge = (from: number, to: number, e: Expr): void => {
    const row = edges.get(from) ?? new Map<number, Expr>();
    const merged = alt(row.get(to), e);
    if (merged !== undefined) row.set(to, merged);
    edges.set(from, row);
  };
  addEdge(START, 0, EPS);
  for (const s of live) {
    if (accept.has(s)) addEdge(s, FINAL, EPS);
    if (other.negated || other.items.length > 0) addEdge(s, 0, { t: 'set', set: other });
    for (const cp of automaton.chars) {
      const to = automaton.next[s]?.get(cp) ?? 0;
      if (!setContains(consumer, cp) || (automaton.longestMatch[to] ?? 0) > 0) continue;
      addEdge(s, to, { t: 'set', set: charSet([range(cp)]) });
    }
  }
  const remaining = new Set(live);
  while (remaining.size > 0) {
    const k = cheapestState(remaining, edges);
    remaining.delete(k);
    const loop = star(edges.get(k)?.get(k));
    const incoming = [...edges.entries()].filter(([from, row]) => from !== k && row.has(k));
    const outgoing = [...(edges.get(k)?.entries() ?? [])].filter(([to]) => to !== k);
    for (const [, row] of incoming) {
      const into = row.get(k);
      row.delete(k);
      for (const [to, out] of outgoing) {
        const path = cat(into, loop, out);
        const merged = alt(row.get(to), path);
        if (merged !== undefined) row.set(to, merged);
      }
    }
    edges.delete(k);
  }
  const result = edges.get(START)?.get(FINAL);
  if (result === undefined) return { kind: 'set', set: charSet([]), ignoreCase: false, ...span };
  return toNode(result, span);
}

function cheapestState(
  states: ReadonlySet<number>,
  edges: ReadonlyMap<number, ReadonlyMap<number, Expr>>,
): number {
  let best = -1;
  let bestCost = Infinity;
  for (const s of states) {
    const inDegree = [...edges.entries()].filter(([from, row]) => from !== s && row.has(s)).length;
    const outDegree = [...(edges.get(s)?.keys() ?? [])].filter((to) => to !== s).length;
    const cost = inDegree * outDegree;
    if (cost < bestCost) {
      best = s;
      bestCost = cost;
    }
  }
  return best;
}

function toNode(e: Expr, span: Span): RegexNode {
  switch (e.t) {
    case 'eps':
      return { kind: 'empty', ...span };
    case 'set':
      return { kind: 'set', set: e.set, ignoreCase: false, ...span };
    case 'cat':
      return { kind: 'sequence', items: e.parts.map((p) => toNode(p, span)), ...span };
    case 'alt':
      return {
        kind: 'group',
        capture: null,
        child: { kind: 'alternation', branches: e.parts.map((p) => toNode(p, span)), ...span },
        ...span,
      };
    case 'star':
      return {
        kind: 'repeat',
        min: 0,
        max: null,
        greedy: true,
        possessive: false,
        child: toNode(e.inner, span),
        ...span,
      };
  }
}
