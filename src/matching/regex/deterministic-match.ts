// A conservative proof that a subpattern can match in one way only at a given position, so that a
// post-match check placed after it sees the same offsets on every path Python could take. Literals and
// classes qualify; so does a repetition of one class when what follows can never be that class (`\d+\.`
// or `\S+ `) or when the input must end after it; choices (alternations, optional groups) do not.
import { itemsOf, type RegexNode } from './python-regex-ast.js';
import { firstCharSet, provablyDisjoint, singleCharSet, type Follower } from './single-char-set.js';

/** What follows items[from..] (the first item that consumes), else the outer follower. */
export function followerOf(items: readonly RegexNode[], from: number, outer: Follower): Follower {
  for (let i = from; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) continue;
    if (item.kind === 'assertion') {
      if (item.assertion === 'text-end' || (item.assertion === 'line-end' && !item.multiline)) {
        return { kind: 'end' };
      }
      continue;
    }
    if (
      item.kind === 'lookaround' ||
      (item.kind === 'marker' && item.child === null) ||
      item.kind === 'empty'
    ) {
      continue;
    }
    const first = firstCharSet(item);
    return first === undefined ? undefined : { kind: 'chars', set: first };
  }
  return outer;
}

export function sequenceDeterministic(items: readonly RegexNode[], follower: Follower): boolean {
  return items.every((item, i) => itemDeterministic(item, followerOf(items, i + 1, follower)));
}

export function itemDeterministic(node: RegexNode, follower: Follower): boolean {
  switch (node.kind) {
    case 'empty':
    case 'literal':
    case 'set':
    case 'assertion':
    case 'lookaround':
      return true;
    case 'marker':
      return node.child === null || sequenceDeterministic(itemsOf(node.child), follower);
    case 'group':
    case 'sequence':
      return sequenceDeterministic(itemsOf(node.kind === 'group' ? node.child : node), follower);
    case 'repeat': {
      const single = singleCharSet(node.child);
      if (single === undefined)
        return node.min === 1 && node.max === 1 && itemDeterministic(node.child, follower);
      if (node.min === node.max) return true;
      if (follower === undefined) return false;
      if (follower.kind === 'end') return true;
      return provablyDisjoint(single, follower.set);
    }
    default:
      return false;
  }
}
