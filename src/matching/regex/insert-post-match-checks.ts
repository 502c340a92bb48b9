// The last resort for look-arounds, back-references and conditionals that no exact rewrite removed: each
// is replaced by a marker group and described as a pending check (see post-match-check.ts for what a
// check can and cannot promise). A marker inside a repetition would only report the last repetition, so
// constructs there are errors, except the tempered token `(?:(?!B)c)*`, checked over its whole span.
import { Fail2nftError } from '../../core/errors.js';
import { followerOf, itemDeterministic } from './deterministic-match.js';
import {
  nodeWidth,
  capturesIn,
  itemsOf,
  mapTree,
  someNode,
  spanText,
  withoutCaptures,
  type ParsedPattern,
  type RegexNode,
  type Span,
} from './python-regex-ast.js';
import { singleCharSet, type Follower } from './single-char-set.js';

export type PendingCheck =
  | ({
      readonly kind: 'lookahead' | 'lookbehind';
      readonly negated: boolean;
      readonly marker: number;
      readonly content: RegexNode;
      readonly width: number;
      readonly exact: boolean;
    } & Span)
  | ({
      readonly kind: 'backreference';
      readonly marker: number;
      readonly group: number;
      readonly ignoreCase: boolean;
      readonly exact: boolean;
    } & Span)
  | ({
      readonly kind: 'conditional';
      readonly yesMarker: number;
      readonly noMarker: number;
      readonly group: number;
      /** Always false: RE2 cannot take the other branch when the group's state rejects this one. */
      readonly exact: false;
    } & Span)
  | ({
      readonly kind: 'absent-in-span';
      readonly startMarker: number;
      readonly endMarker: number;
      readonly content: RegexNode;
      readonly exact: boolean;
    } & Span);

export interface CheckInsertion {
  readonly root: RegexNode;
  readonly checks: readonly PendingCheck[];
  readonly nextMarkerId: number;
}

interface Context {
  /** Inside a repetition that can match more than once. */
  readonly inRepeat: boolean;
  /** Every path to here is forced: no choice before, none around. */
  readonly deterministic: boolean;
  readonly follower: Follower;
}

export function insertPostMatchChecks(
  root: RegexNode,
  parsed: ParsedPattern,
  firstMarkerId: number,
): CheckInsertion {
  const inserter = new Inserter(root, parsed, firstMarkerId);
  const out = inserter.visit(root, { inRepeat: false, deterministic: true, follower: undefined });
  return { root: out, checks: inserter.checks, nextMarkerId: inserter.nextId };
}

class Inserter {
  readonly checks: PendingCheck[] = [];

  constructor(
    private readonly root: RegexNode,
    private readonly parsed: ParsedPattern,
    public nextId: number,
  ) {}

  private unsupported(node: RegexNode, why: string): Fail2nftError {
    const construct = spanText(this.parsed.codePoints, node);
    return new Fail2nftError('F2N_ERR_REGEX_UNSUPPORTED', `${why}: ${construct} at position ${node.start}`, {
      construct,
      offset: node.start,
      pattern: this.parsed.codePoints.join(''),
    });
  }

  private marker(at: number, child: RegexNode | null = null): { id: number; node: RegexNode } {
    const id = this.nextId++;
    return { id, node: { kind: 'marker', id, child, start: at, end: at } };
  }

  visit(node: RegexNode, ctx: Context): RegexNode {
    switch (node.kind) {
      case 'sequence': {
        const items: RegexNode[] = [];
        let deterministic = ctx.deterministic;
        node.items.forEach((item, i) => {
          const follower = followerOf(node.items, i + 1, ctx.follower);
          items.push(this.visit(item, { ...ctx, deterministic, follower }));
          deterministic = deterministic && itemDeterministic(item, follower);
        });
        return { ...node, items };
      }
      case 'alternation':
        return {
          ...node,
          branches: node.branches.map((b) => this.visit(b, { ...ctx, deterministic: false })),
        };
      case 'group':
        return { ...node, child: this.visit(node.child, ctx) };
      case 'marker':
        return node.child === null ? node : { ...node, child: this.visit(node.child, ctx) };
      case 'repeat':
        return this.repeat(node, ctx);
      case 'lookaround':
        return this.lookaround(node, ctx);
      case 'backreference':
        return this.backreference(node, ctx);
      case 'conditional':
        return this.conditional(node, ctx);
      case 'atomic':
        throw this.unsupported(node, 'atomic groups have no RE2 equivalent');
      default:
        return node;
    }
  }

  private repeat(node: Extract<RegexNode, { kind: 'repeat' }>, ctx: Context): RegexNode {
    if (node.possessive) throw this.unsupported(node, 'possessive quantifiers have no RE2 equivalent');
    if (node.max === 1) {
      const choice = node.min === 0;
      return {
        ...node,
        child: this.visit(node.child, { ...ctx, deterministic: ctx.deterministic && !choice }),
      };
    }
    const tempered = this.temperedToken(node, ctx);
    if (tempered !== undefined) return tempered;
    return { ...node, child: this.visit(node.child, { ...ctx, inRepeat: true, deterministic: false }) };
  }

  /** `(?:(?!B)c)*` with c one class: check B over the span instead of at each repetition. */
  private temperedToken(node: Extract<RegexNode, { kind: 'repeat' }>, ctx: Context): RegexNode | undefined {
    let body = node.child;
    while (body.kind === 'group' && body.capture === null) body = body.child;
    const items = itemsOf(body);
    const [look, consumer] = items;
    if (items.length !== 2 || look?.kind !== 'lookaround' || look.behind || !look.negated) return undefined;
    if (consumer === undefined || singleCharSet(consumer) === undefined || ctx.inRepeat) return undefined;
    this.assertSimpleContent(look, look.child);
    const start = this.marker(node.start);
    const end = this.marker(node.end);
    const repeat: RegexNode = { ...node, child: consumer };
    this.checks.push({
      kind: 'absent-in-span',
      startMarker: start.id,
      endMarker: end.id,
      content: withoutCaptures(look.child),
      exact: ctx.deterministic && itemDeterministic(repeat, ctx.follower),
      start: node.start,
      end: node.end,
    });
    return { kind: 'sequence', items: [start.node, repeat, end.node], start: node.start, end: node.end };
  }

  private assertNotRepeated(node: RegexNode, ctx: Context): void {
    if (ctx.inRepeat) {
      throw this.unsupported(
        node,
        'a look-around, back-reference or conditional inside a repetition cannot be checked after the match',
      );
    }
  }

  private assertSimpleContent(node: RegexNode, content: RegexNode): void {
    const nested = someNode(content, (n) =>
      ['lookaround', 'backreference', 'conditional', 'atomic'].includes(n.kind),
    );
    if (nested) {
      throw this.unsupported(
        node,
        'a look-around containing another look-around, back-reference or conditional',
      );
    }
  }

  private lookaround(node: Extract<RegexNode, { kind: 'lookaround' }>, ctx: Context): RegexNode {
    this.assertNotRepeated(node, ctx);
    this.assertSimpleContent(node, node.child);
    if (!node.negated && capturesIn(node.child).size > 0) {
      throw this.unsupported(node, 'a capture group inside a look-around that needs a post-match check');
    }
    const m = this.marker(node.start);
    this.checks.push({
      kind: node.behind ? 'lookbehind' : 'lookahead',
      negated: node.negated,
      marker: m.id,
      content: withoutCaptures(node.child),
      width: node.behind ? nodeWidth(node.child).min : 0,
      exact: ctx.deterministic,
      start: node.start,
      end: node.end,
    });
    return m.node;
  }

  private backreference(node: Extract<RegexNode, { kind: 'backreference' }>, ctx: Context): RegexNode {
    this.assertNotRepeated(node, ctx);
    const target = findGroup(this.root, node.group);
    if (target === undefined) throw this.unsupported(node, 'a back-reference to a group that was removed');
    const copy = withoutCaptures(
      mapTree(target, (n) =>
        n.kind === 'marker' && n.child === null ? { kind: 'empty', start: n.start, end: n.end } : n,
      ),
    );
    if (
      someNode(copy, (n) =>
        ['lookaround', 'backreference', 'conditional', 'atomic', 'marker'].includes(n.kind),
      )
    ) {
      throw this.unsupported(node, 'a back-reference to a group that itself needs a post-match check');
    }
    const m = this.marker(node.start, copy);
    this.checks.push({
      kind: 'backreference',
      marker: m.id,
      group: node.group,
      ignoreCase: node.ignoreCase,
      exact: ctx.deterministic && itemDeterministic(m.node, ctx.follower),
      start: node.start,
      end: node.end,
    });
    return m.node;
  }

  private conditional(node: Extract<RegexNode, { kind: 'conditional' }>, ctx: Context): RegexNode {
    this.assertNotRepeated(node, ctx);
    const yes = this.marker(node.start);
    const no = this.marker(node.start);
    const inner: Context = { ...ctx, deterministic: false };
    const branch = (marker: RegexNode, body: RegexNode): RegexNode => ({
      kind: 'sequence',
      items: [marker, this.visit(body, inner)],
      start: body.start,
      end: body.end,
    });
    this.checks.push({
      kind: 'conditional',
      yesMarker: yes.id,
      noMarker: no.id,
      group: node.group,
      exact: false,
      start: node.start,
      end: node.end,
    });
    return {
      kind: 'group',
      capture: null,
      child: {
        kind: 'alternation',
        branches: [branch(yes.node, node.yes), branch(no.node, node.no)],
        start: node.start,
        end: node.end,
      },
      start: node.start,
      end: node.end,
    };
  }
}

/** The subpattern of the first copy of a capture group. */
function findGroup(root: RegexNode, index: number): RegexNode | undefined {
  let found: RegexNode | undefined;
  someNode(root, (n) => {
    if (n.kind === 'group' && n.capture?.index === index) {
      found = n.child;
      return true;
    }
    return false;
  });
  return found;
}
