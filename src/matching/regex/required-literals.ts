// The fixed strings every match must contain, read from the translated pattern: a conjunction of
// clauses, each a list of alternatives of which at least one occurs in any matching text. Used as
// `Buffer.indexOf` prefilters (see MEASUREMENTS.md: RE2 costs per call, indexOf is nearly free).
// Case-insensitive parts contribute nothing (indexOf is case-sensitive).
import type { RegexNode } from './python-regex-ast.js';

export type RequiredLiterals = readonly (readonly string[])[];

const MAX_ALTERNATIVES = 16;

interface Info {
  /** Every string the node can match, when few and known. */
  readonly exact: readonly string[] | undefined;
  /** Clauses the node's match always satisfies. */
  readonly clauses: readonly (readonly string[])[];
}

const ZERO_WIDTH: Info = { exact: [''], clauses: [] };
const UNKNOWN: Info = { exact: undefined, clauses: [] };

export function requiredLiterals(root: RegexNode): RequiredLiterals {
  const { exact, clauses } = info(root);
  const all = exact === undefined ? clauses : [...clauses, exact];
  const useful = all.filter((c) => c.length > 0 && c.every((s) => s.length > 0));
  const unique = new Map(useful.map((c) => [[...new Set(c)].sort().join('\u0000'), [...new Set(c)].sort()]));
  return [...unique.values()].sort((a, b) => clauseScore(b) - clauseScore(a));
}

/** Shortest alternative first: a clause is as selective as its shortest string. */
export function clauseScore(clause: readonly string[]): number {
  return Math.min(...clause.map((s) => s.length)) * 100 - clause.length;
}

function bestClause(clauses: readonly (readonly string[])[]): readonly string[] | undefined {
  let best: readonly string[] | undefined;
  for (const c of clauses) if (best === undefined || clauseScore(c) > clauseScore(best)) best = c;
  return best;
}

function cross(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length * b.length > MAX_ALTERNATIVES) return undefined;
  return a.flatMap((x) => b.map((y) => x + y));
}

function info(node: RegexNode): Info {
  switch (node.kind) {
    case 'empty':
    case 'assertion':
    case 'lookaround':
      return ZERO_WIDTH;
    case 'marker':
      return node.child === null ? ZERO_WIDTH : info(node.child);
    case 'literal':
      return node.ignoreCase ? UNKNOWN : { exact: [String.fromCodePoint(node.codePoint)], clauses: [] };
    case 'set': {
      if (node.ignoreCase || node.set.negated) return UNKNOWN;
      const chars: string[] = [];
      for (const item of node.set.items) {
        if (item.kind !== 'range' || item.to - item.from + chars.length >= 4) return UNKNOWN;
        for (let cp = item.from; cp <= item.to; cp++) chars.push(String.fromCodePoint(cp));
      }
      return { exact: chars, clauses: [] };
    }
    case 'group':
      return info(node.child);
    case 'sequence':
      return sequenceInfo(node.items);
    case 'alternation': {
      const parts = node.branches.map(info);
      const exactParts = parts.map((p) => p.exact);
      const exact = exactParts.every((e) => e !== undefined) ? exactParts.flat() : undefined;
      const branchClauses = parts.map((p) => (p.exact === undefined ? p.clauses : [...p.clauses, p.exact]));
      // Clauses every branch has hold for the alternation as they are.
      const key = (c: readonly string[]): string => [...c].sort().join('\u0000');
      const common = (branchClauses[0] ?? []).filter((c) =>
        branchClauses.every((b) => b.some((d) => key(d) === key(c))),
      );
      const picks = branchClauses.map(bestClause);
      const clauses = picks.every((p) => p !== undefined) ? [...common, picks.flat()] : common;
      return {
        exact: exact !== undefined && exact.length <= MAX_ALTERNATIVES ? exact : undefined,
        clauses,
      };
    }
    case 'repeat': {
      if (node.min === 0) return node.max === 0 ? ZERO_WIDTH : UNKNOWN;
      const child = info(node.child);
      let exact: string[] | undefined;
      if (node.min === node.max && child.exact !== undefined && node.min <= 8) {
        exact = [''];
        for (let i = 0; i < node.min && exact !== undefined; i++) exact = cross(exact, child.exact);
      }
      const clauses = child.exact === undefined ? child.clauses : [...child.clauses, child.exact];
      return { exact, clauses };
    }
    default:
      return UNKNOWN;
  }
}

function sequenceInfo(items: readonly RegexNode[]): Info {
  const clauses: (readonly string[])[] = [];
  let run: string[] = [''];
  // The sequence's strings are known only if every item's are and the product stays small.
  let complete = true;
  const closeRun = (): void => {
    if (run.some((s) => s !== '')) clauses.push(run);
  };
  for (const item of items) {
    const part = info(item);
    clauses.push(...part.clauses);
    const joined = part.exact === undefined ? undefined : cross(run, part.exact);
    if (joined !== undefined) {
      run = joined;
      continue;
    }
    complete = false;
    closeRun();
    run = part.exact === undefined ? [''] : [...part.exact];
  }
  closeRun();
  return { exact: complete ? run : undefined, clauses };
}
