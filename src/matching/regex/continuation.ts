// "What comes after this node" for rewrites that depend on it: the remaining items of each enclosing
// sequence, innermost first. A frame that closes a repetition's body says the body may run again.
import { charSet, type SetItem } from './char-set.js';
import type { RegexNode } from './python-regex-ast.js';
import { firstCharSet, singleCharSet, type CaseSet } from './single-char-set.js';

export interface Continuation {
  readonly items: readonly RegexNode[];
  /** Set when this frame ends the body of this repetition. */
  readonly loop: Extract<RegexNode, { kind: 'repeat' }> | null;
  readonly next: Continuation | null;
}

/** A rewrite is offered every node with its continuation (null: unknown, e.g. the end of the pattern). */
export type ContinuationRewrite = (node: RegexNode, cont: Continuation | null) => RegexNode | undefined;

/** Applies the rewrite top-down; a replaced node is not visited further. Returns the rewrite count too. */
export function rewriteWithContinuation(
  root: RegexNode,
  rewrite: ContinuationRewrite,
): { root: RegexNode; rewritten: number } {
  let rewritten = 0;
  const walk = (node: RegexNode, cont: Continuation | null): RegexNode => {
    const replaced = rewrite(node, cont);
    if (replaced !== undefined) {
      rewritten++;
      return replaced;
    }
    switch (node.kind) {
      case 'sequence':
        return {
          ...node,
          items: node.items.map((item, i) =>
            walk(item, { items: node.items.slice(i + 1), loop: null, next: cont }),
          ),
        };
      case 'alternation':
        return { ...node, branches: node.branches.map((b) => walk(b, cont)) };
      case 'group':
      case 'atomic':
        return { ...node, child: walk(node.child, cont) };
      case 'marker':
        return node.child === null ? node : { ...node, child: walk(node.child, cont) };
      case 'conditional':
        return { ...node, yes: walk(node.yes, cont), no: walk(node.no, cont) };
      case 'lookaround':
        return { ...node, child: walk(node.child, null) };
      case 'repeat':
        return { ...node, child: walk(node.child, { items: [], loop: node, next: cont }) };
      default:
        return node;
    }
  };
  const out = walk(root, null);
  return { root: out, rewritten };
}

/** The items that follow, in order, up to the first repetition boundary (whose next items are unsure). */
export function* itemsUntilLoop(cont: Continuation | null): Generator<RegexNode> {
  for (let c = cont; c !== null; c = c.next) {
    yield* c.items;
    if (c.loop !== null) return;
  }
}

/** Whether the input must end right here (the next thing is `$` without MULTILINE, or `\Z`). */
export function continuesWithEnd(cont: Continuation | null): boolean {
  for (let c = cont; c !== null; c = c.next) {
    for (const item of c.items) {
      if (item.kind === 'empty' || (item.kind === 'marker' && item.child === null)) continue;
      return (
        item.kind === 'assertion' &&
        (item.assertion === 'text-end' || (item.assertion === 'line-end' && !item.multiline))
      );
    }
    if (c.loop !== null) return false;
  }
  return false;
}

/**
 * The characters the text continues with on every path that can still match, or undefined when
 * unknown (the pattern may end, or a following item is too complex).
 */
export function continuationFirstChars(cont: Continuation | null): CaseSet | undefined {
  const items: SetItem[] = [];
  let ignoreCase: boolean | undefined;
  const add = (part: CaseSet): boolean => {
    if (part.set.negated || (ignoreCase !== undefined && ignoreCase !== part.ignoreCase)) return false;
    ignoreCase = part.ignoreCase;
    items.push(...part.set.items);
    return true;
  };
  const done = (): CaseSet => ({ set: charSet(items), ignoreCase: ignoreCase ?? false });
  for (let c = cont; c !== null; c = c.next) {
    for (const item of c.items) {
      if (
        item.kind === 'empty' ||
        item.kind === 'lookaround' ||
        (item.kind === 'marker' && item.child === null)
      ) {
        continue;
      }
      const first = firstCharSet(item);
      if (first !== undefined) return add(first) ? done() : undefined;
      const optional = item.kind === 'repeat' && item.min === 0 ? singleCharSet(item.child) : undefined;
      if (optional === undefined || !add(optional)) return undefined;
    }
    if (c.loop !== null) {
      const again = firstCharSet(c.loop.child);
      if (again === undefined || !add(again)) return undefined;
    }
  }
  return undefined;
}
