// The syntax tree of a Python `re` pattern, as parsed by parse-python-regex.ts and rewritten by the
// translation passes. Every leaf carries the flags in effect at its position (case folding, MULTILINE for
// anchors, ASCII for `\b`), so a subtree prints correctly on its own: post-match checks need that.
import type { CharSet } from './char-set.js';

/** Code-point offsets into the Python pattern, for error messages and reports. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface CaptureInfo {
  /** Python's group number (1-based, in order of opening parentheses). */
  readonly index: number;
  readonly name?: string;
}

export type AssertionKind =
  | 'line-start' // ^
  | 'line-end' // $
  | 'text-start' // \A
  | 'text-end' // \Z
  | 'word-boundary' // \b
  | 'not-word-boundary'; // \B

export type RegexNode =
  | ({ readonly kind: 'empty' } & Span)
  | ({ readonly kind: 'literal'; readonly codePoint: number; readonly ignoreCase: boolean } & Span)
  | ({ readonly kind: 'set'; readonly set: CharSet; readonly ignoreCase: boolean } & Span)
  | ({
      readonly kind: 'assertion';
      readonly assertion: AssertionKind;
      readonly multiline: boolean;
      readonly ascii: boolean;
    } & Span)
  | ({ readonly kind: 'sequence'; readonly items: readonly RegexNode[] } & Span)
  | ({ readonly kind: 'alternation'; readonly branches: readonly RegexNode[] } & Span)
  | ({ readonly kind: 'group'; readonly capture: CaptureInfo | null; readonly child: RegexNode } & Span)
  | ({
      readonly kind: 'repeat';
      readonly min: number;
      /** null: unbounded. */
      readonly max: number | null;
      readonly greedy: boolean;
      readonly possessive: boolean;
      readonly child: RegexNode;
    } & Span)
  | ({
      readonly kind: 'lookaround';
      readonly behind: boolean;
      readonly negated: boolean;
      readonly child: RegexNode;
    } & Span)
  | ({ readonly kind: 'backreference'; readonly group: number; readonly ignoreCase: boolean } & Span)
  | ({
      readonly kind: 'conditional';
      readonly group: number;
      readonly yes: RegexNode;
      readonly no: RegexNode;
    } & Span)
  | ({ readonly kind: 'atomic'; readonly child: RegexNode } & Span)
  // A capture group the translator inserts so that RE2 reports an offset or a text for a post-match
  // check: empty, or holding a copy of a referenced group's subpattern (back-references).
  | ({ readonly kind: 'marker'; readonly id: number; readonly child: RegexNode | null } & Span);

/** What a rewrite pass returns: the new tree and how many constructs it rewrote. */
export interface RewriteResult {
  readonly root: RegexNode;
  readonly rewritten: number;
}

export interface ParsedPattern {
  readonly root: RegexNode;
  /** Number of Python capture groups. */
  readonly groupCount: number;
  readonly groupNames: ReadonlyMap<string, number>;
  /** Flags set at the start of the pattern, e.g. `(?i)`. */
  readonly globalFlags: {
    readonly ignoreCase: boolean;
    readonly multiline: boolean;
    readonly dotAll: boolean;
  };
  /** The pattern as code points; spans index into it. */
  readonly codePoints: readonly string[];
  readonly notes: readonly string[];
}

/** The children of a node, in pattern order. */
export function childrenOf(node: RegexNode): readonly RegexNode[] {
  switch (node.kind) {
    case 'sequence':
      return node.items;
    case 'alternation':
      return node.branches;
    case 'group':
    case 'repeat':
    case 'lookaround':
    case 'atomic':
      return [node.child];
    case 'conditional':
      return [node.yes, node.no];
    case 'marker':
      return node.child === null ? [] : [node.child];
    default:
      return [];
  }
}

/** Whether any node in the tree satisfies the predicate (depth-first, bounded by the tree's size). */
export function someNode(node: RegexNode, predicate: (n: RegexNode) => boolean): boolean {
  if (predicate(node)) return true;
  return childrenOf(node).some((c) => someNode(c, predicate));
}

/** Rebuilds a node bottom-up with `map` applied to every node after its children. */
export function mapTree(node: RegexNode, map: (n: RegexNode) => RegexNode): RegexNode {
  switch (node.kind) {
    case 'sequence':
      return map({ ...node, items: node.items.map((i) => mapTree(i, map)) });
    case 'alternation':
      return map({ ...node, branches: node.branches.map((b) => mapTree(b, map)) });
    case 'group':
    case 'repeat':
    case 'lookaround':
    case 'atomic':
      return map({ ...node, child: mapTree(node.child, map) });
    case 'conditional':
      return map({ ...node, yes: mapTree(node.yes, map), no: mapTree(node.no, map) });
    case 'marker':
      return map(node.child === null ? node : { ...node, child: mapTree(node.child, map) });
    default:
      return map(node);
  }
}

export function sequenceOf(items: readonly RegexNode[], span: Span): RegexNode {
  if (items.length === 1 && items[0] !== undefined) return items[0];
  if (items.length === 0) return { kind: 'empty', start: span.start, end: span.end };
  return { kind: 'sequence', items, start: span.start, end: span.end };
}

/** The items of a node seen as a sequence (a non-sequence is a sequence of one). */
export function itemsOf(node: RegexNode): readonly RegexNode[] {
  if (node.kind === 'sequence') return node.items;
  if (node.kind === 'empty') return [];
  return [node];
}

/** Capture groups (Python numbers) defined inside the tree. */
export function capturesIn(node: RegexNode): Set<number> {
  const out = new Set<number>();
  someNode(node, (n) => {
    if (n.kind === 'group' && n.capture !== null) out.add(n.capture.index);
    return false;
  });
  return out;
}

/** Removes capture groups (keeps their content), for copies of a subpattern used only for matching. */
export function withoutCaptures(node: RegexNode): RegexNode {
  return mapTree(node, (n) => (n.kind === 'group' && n.capture !== null ? { ...n, capture: null } : n));
}

export function spanText(codePoints: readonly string[], span: Span): string {
  return codePoints.slice(span.start, span.end).join('');
}

/** Minimum and maximum width in characters (Infinity when unbounded); look-behinds must be fixed. */
export function nodeWidth(node: RegexNode): { min: number; max: number } {
  switch (node.kind) {
    case 'literal':
    case 'set':
      return { min: 1, max: 1 };
    case 'empty':
    case 'assertion':
    case 'lookaround':
      return { min: 0, max: 0 };
    case 'marker':
      return node.child === null ? { min: 0, max: 0 } : nodeWidth(node.child);
    case 'sequence':
      return node.items.map(nodeWidth).reduce((a, b) => ({ min: a.min + b.min, max: a.max + b.max }), {
        min: 0,
        max: 0,
      });
    case 'alternation': {
      const widths = node.branches.map(nodeWidth);
      return { min: Math.min(...widths.map((w) => w.min)), max: Math.max(...widths.map((w) => w.max)) };
    }
    case 'group':
    case 'atomic':
      return nodeWidth(node.child);
    case 'repeat': {
      const w = nodeWidth(node.child);
      return {
        min: w.min * node.min,
        max: node.max === null ? (w.max === 0 ? 0 : Infinity) : w.max * node.max,
      };
    }
    case 'conditional': {
      const a = nodeWidth(node.yes);
      const b = nodeWidth(node.no);
      return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
    }
    case 'backreference':
      return { min: 0, max: Infinity };
  }
}
