// Compiles a PatternNode tree into a backtracking matcher made of closures, with Python's leftmost-first
// semantics (alternatives in order, greedy or lazy repeats, back-references, look-around, conditionals).
// Date patterns are short, so a backtracking matcher is both exact and fast here, and it needs no regex
// engine: the default templates' back-reference to the date separator is what RE2 cannot do.
// Work per search is bounded by a step budget; a pattern that exceeds it simply does not match.
import { isDigitCode, isSpaceCode, isWordCode, lowerCode, upperCode } from './char-classes.js';
import type { AssertKind, CharSet, Flags, PatternNode, ScanContext } from './pattern-ast.js';

type Matcher = (at: number) => boolean;

const STEP_BUDGET = 200_000;
const BUDGET_EXCEEDED = new Error('date pattern step budget exceeded');

const NO_FLAGS: Flags = { ignoreCase: false, multiline: false, dotAll: false, ascii: false };

/** Mutable state shared by the closures of one compiled pattern (one search at a time). */
export class MatchState implements ScanContext {
  text = '';
  limit = 0;
  end = -1;
  steps = 0;
  maxYear = 2029;
  readonly caps: Int32Array;
  readonly pending: Int32Array;

  constructor(groupCount: number) {
    this.caps = new Int32Array(2 * (groupCount + 1)).fill(-1);
    this.pending = new Int32Array(groupCount + 1).fill(-1);
  }
}

export interface CompiledPattern {
  readonly groupCount: number;
  /** Named groups in the order they open, with their numbers. */
  readonly names: ReadonlyMap<string, number>;
  readonly state: MatchState;
  /**
   * Leftmost match starting in [from, to] where `to` also acts as the end of the text (like Python's
   * search(text, pos, endpos)); returns the start or -1. On success `state.end` and `state.caps` hold
   * the match end and the group spans.
   */
  search(text: string, from: number, to: number, maxYear: number): number;
}

// Every template of a detector asks the same line for the same few characters (':', '-', '/'...);
// the answers for the last line are kept here (one module instance per thread, one search at a time).
const memoIndex = new Int32Array(128);
const memoStamp = new Int32Array(128);
let memoText = '';
let memoFrom = -1;
let memoGeneration = 1;

function firstIndexOf(text: string, code: number, from: number): number {
  if (code >= 128) return text.indexOf(String.fromCharCode(code), from);
  if (text !== memoText || from !== memoFrom) {
    memoText = text;
    memoFrom = from;
    memoGeneration++;
  }
  if (memoStamp[code] === memoGeneration) return memoIndex[code] as number;
  const k = text.indexOf(String.fromCharCode(code), from);
  memoIndex[code] = k;
  memoStamp[code] = memoGeneration;
  return k;
}

export function compilePattern(root: PatternNode, flags: Partial<Flags> = {}): CompiledPattern {
  return new PatternCompiler(root, { ...NO_FLAGS, ...flags }).build();
}

class PatternCompiler {
  private readonly groups = new Map<PatternNode, number>();
  private readonly namedGroups = new Map<string | number, PatternNode>();
  private readonly names = new Map<string, number>();
  private readonly state: MatchState;
  private hasLook = false;

  constructor(
    private readonly root: PatternNode,
    private readonly flags: Flags,
  ) {
    this.number(root);
    this.state = new MatchState(this.groups.size);
  }

  private number(node: PatternNode): void {
    if (node.kind === 'group') {
      if (this.groups.has(node)) throw new Error('internal: a group node appears twice in a date pattern');
      const index = this.groups.size + 1;
      this.groups.set(node, index);
      this.namedGroups.set(index, node.node);
      if (node.name !== undefined) {
        this.names.set(node.name, index);
        this.namedGroups.set(node.name, node.node);
      }
    }
    if (node.kind === 'look') this.hasLook = true;
    if (node.kind === 'seq') for (const item of node.items) this.number(item);
    else if (node.kind === 'alt') for (const option of node.options) this.number(option);
    else if (node.kind === 'cond') {
      this.number(node.yes);
      this.number(node.no);
    } else if ('node' in node) this.number(node.node);
  }

  build(): CompiledPattern {
    const st = this.state;
    const accept: Matcher = (at) => {
      st.end = at;
      return true;
    };
    const matcher = this.compile(this.root, accept, this.flags);
    const anchored = startsAnchored(this.root, this.flags);
    // Most positions lie inside words; a template that must start a word rejects them here, cheaply.
    const first = this.root.kind === 'seq' ? this.root.items[0] : this.root;
    const wordStartOnly = first?.kind === 'assert' && first.at === 'date-start' && !this.flags.multiline;
    const isWord = this.flags.ascii ? isAsciiWord : isWordCode;
    const starts = firstChars(this.root, this.flags);
    const table = starts.nullable ? undefined : starts.table;
    const high = starts.high;
    const resetEach = this.hasLook;
    const requiredCodes = [...requiredChars(this.root)];

    // The required character found nearest to a match start lets the search jump between its occurrences.
    let guide = '';
    let guideReach = Infinity;
    for (const c of requiredCodes) {
      const r = reachOf(this.root, c, this.namedGroups);
      if (r < guideReach) {
        guideReach = r;
        guide = String.fromCharCode(c);
      }
    }
    const caps = st.caps;
    let dirty = false;
    return {
      groupCount: this.groups.size,
      names: this.names,
      state: st,
      search(text, from, to, maxYear): number {
        // Characters every match contains: a line without them is answered without trying positions.
        for (let r = 0; r < requiredCodes.length; r++) {
          const k = firstIndexOf(text, requiredCodes[r] as number, from);
          if (k < 0 || k >= to) return -1;
        }
        st.text = text;
        st.limit = to;
        st.steps = 0;
        st.maxYear = maxYear;
        // Failed attempts restore the groups they set, so only a success (or look-around) leaves any.
        if (dirty) {
          caps.fill(-1);
          dirty = false;
        }
        const last = anchored ? Math.min(to, 0) : to;
        let nextGuide = -1;
        try {
          for (let i = from; i <= last; i++) {
            if (guideReach !== Infinity) {
              // A match starting at i holds the guide character at most guideReach characters later.
              if (nextGuide < i) {
                nextGuide = text.indexOf(guide, i);
                if (nextGuide < 0 || nextGuide >= to) break;
              }
              if (nextGuide - i > guideReach) i = nextGuide - guideReach;
            }
            if (table !== undefined) {
              if (i >= to) break;
              const c = text.charCodeAt(i);
              if (c < 256 ? table[c] === 0 : !high) continue;
              if (wordStartOnly && i > 0 && isWord(c) && isWord(text.charCodeAt(i - 1))) continue;
            }
            if (matcher(i)) {
              caps[0] = i;
              caps[1] = st.end;
              dirty = true;
              return i;
            }
            if (resetEach) caps.fill(-1);
          }
        } catch (error) {
          if (error !== BUDGET_EXCEEDED && !(error instanceof RangeError)) throw error;
          dirty = true;
        }
        return -1;
      },
    };
  }

  private compile(node: PatternNode, next: Matcher, flags: Flags): Matcher {
    const st = this.state;
    switch (node.kind) {
      case 'empty':
        return next;
      case 'text':
        return compileText(st, node.text, flags.ignoreCase, next);
      case 'set': {
        const test = charTest(node.set, flags);
        return (at) => at < st.limit && test(st.text.charCodeAt(at)) && next(at + 1);
      }
      case 'seq': {
        let m = next;
        for (let k = node.items.length - 1; k >= 0; k--)
          m = this.compile(node.items[k] as PatternNode, m, flags);
        return m;
      }
      case 'alt': {
        const options = node.options.map((o) => this.compile(o, next, flags));
        return (at) => {
          if (++st.steps > STEP_BUDGET) throw BUDGET_EXCEEDED;
          for (const option of options) if (option(at)) return true;
          return false;
        };
      }
      case 'repeat':
        return this.compileRepeat(node, next, flags);
      case 'group':
        return this.compileGroup(node, this.groups.get(node) ?? 0, next, flags);
      case 'backref':
        return this.compileBackref(this.groupNumber(node.ref), flags.ignoreCase, next);
      case 'assert':
        return compileAssert(st, node.at, flags, next);
      case 'look':
        return this.compileLook(node.node, node.behind, node.negate, next, flags);
      case 'cond': {
        const g = this.groupNumber(node.ref);
        const yes = this.compile(node.yes, next, flags);
        const no = this.compile(node.no, next, flags);
        const caps = st.caps;
        return (at) => (caps[2 * g] !== -1 ? yes(at) : no(at));
      }
      case 'flags':
        return this.compile(node.node, next, { ...flags, ...node.set });
      case 'scan': {
        const scanFn = node.scan.make(flags.ignoreCase);
        return (at) => scanFn(st.text, at, st.limit, st, next);
      }
      case 'slot':
        throw new Error('internal: {DATE} slot left in a compiled date pattern');
    }
  }

  private groupNumber(ref: string | number): number {
    const g = typeof ref === 'number' ? ref : this.names.get(ref);
    if (g === undefined || g < 1 || g > this.groups.size) throw new Error(`internal: unknown group ${ref}`);
    return g;
  }

  private compileGroup(
    node: PatternNode & { kind: 'group' },
    g: number,
    next: Matcher,
    flags: Flags,
  ): Matcher {
    const { caps, pending } = this.state;
    const close: Matcher = (at) => {
      const oldStart = caps[2 * g] as number;
      const oldEnd = caps[2 * g + 1] as number;
      caps[2 * g] = pending[g] as number;
      caps[2 * g + 1] = at;
      if (next(at)) return true;
      caps[2 * g] = oldStart;
      caps[2 * g + 1] = oldEnd;
      return false;
    };
    const inner = this.compile(node.node, close, flags);
    return (at) => {
      const oldPending = pending[g] as number;
      pending[g] = at;
      if (inner(at)) return true;
      pending[g] = oldPending;
      return false;
    };
  }

  private compileBackref(g: number, ignoreCase: boolean, next: Matcher): Matcher {
    const st = this.state;
    const caps = st.caps;
    return (at) => {
      const start = caps[2 * g] as number;
      if (start === -1) return false;
      const length = (caps[2 * g + 1] as number) - start;
      if (at + length > st.limit) return false;
      const t = st.text;
      for (let k = 0; k < length; k++) {
        const a = t.charCodeAt(start + k);
        const b = t.charCodeAt(at + k);
        if (a !== b && (!ignoreCase || lowerCode(a) !== lowerCode(b))) return false;
      }
      return next(at + length);
    };
  }

  private compileLook(
    node: PatternNode,
    behind: boolean,
    negate: boolean,
    next: Matcher,
    flags: Flags,
  ): Matcher {
    if (!behind) {
      const inner = this.compile(node, () => true, flags);
      return negate ? (at) => !inner(at) && next(at) : (at) => inner(at) && next(at);
    }
    const width = fixedWidth(node);
    if (width === undefined) throw new Error('look-behind requires fixed-width pattern');
    let target = -1;
    const inner = this.compile(node, (at) => at === target, flags);
    return (at) => {
      let found = false;
      if (at - width >= 0) {
        const saved = target;
        target = at;
        found = inner(at - width);
        target = saved;
      }
      return found !== negate && next(at);
    };
  }

  private compileRepeat(node: PatternNode & { kind: 'repeat' }, next: Matcher, flags: Flags): Matcher {
    const st = this.state;
    const { min, max, greedy } = node;
    const single = singleCharTest(node.node, flags);
    if (single !== undefined) {
      return (at) => {
        const end = max === Infinity ? st.limit : Math.min(st.limit, at + max);
        const t = st.text;
        let run = at;
        while (run < end && single(t.charCodeAt(run))) run++;
        if (run - at < min) return false;
        if (greedy) {
          for (let k = run; k >= at + min; k--) {
            if (++st.steps > STEP_BUDGET) throw BUDGET_EXCEEDED;
            if (next(k)) return true;
          }
        } else {
          for (let k = at + min; k <= run; k++) {
            if (++st.steps > STEP_BUDGET) throw BUDGET_EXCEEDED;
            if (next(k)) return true;
          }
        }
        return false;
      };
    }
    if (min === 0 && max === 1) {
      // x? tries x then nothing (x?? the other way round); one iteration needs no bookkeeping.
      const body = this.compile(node.node, next, flags);
      return greedy ? (at) => body(at) || next(at) : (at) => next(at) || body(at);
    }
    // General case: iteration starts and counts live on explicit stacks so the body's continuation knows
    // which iteration it completes; an iteration that matched nothing beyond the minimum stops the loop.
    const starts: number[] = [];
    const counts: number[] = [];
    const afterBody: Matcher = (at) => {
      const start = starts.pop() as number;
      const done = (counts.pop() as number) + 1;
      const ok = at === start && done > min ? false : step(at, done);
      starts.push(start);
      counts.push(done - 1);
      return ok;
    };
    const body = this.compile(node.node, afterBody, flags);
    const again = (at: number, done: number): boolean => {
      starts.push(at);
      counts.push(done);
      const ok = body(at);
      starts.pop();
      counts.pop();
      return ok;
    };
    const step = (at: number, done: number): boolean => {
      if (++st.steps > STEP_BUDGET) throw BUDGET_EXCEEDED;
      if (done < min) return again(at, done);
      if (greedy) return (done < max && again(at, done)) || next(at);
      return next(at) || (done < max && again(at, done));
    };
    return (at) => step(at, 0);
  }
}

function compileText(st: MatchState, value: string, ignoreCase: boolean, next: Matcher): Matcher {
  const n = value.length;
  if (!ignoreCase) {
    if (n === 1) {
      const c0 = value.charCodeAt(0);
      return (at) => at < st.limit && st.text.charCodeAt(at) === c0 && next(at + 1);
    }
    return (at) => {
      if (at + n > st.limit) return false;
      const t = st.text;
      for (let k = 0; k < n; k++) if (t.charCodeAt(at + k) !== value.charCodeAt(k)) return false;
      return next(at + n);
    };
  }
  const lower = Array.from({ length: n }, (_, k) => lowerCode(value.charCodeAt(k)));
  return (at) => {
    if (at + n > st.limit) return false;
    const t = st.text;
    for (let k = 0; k < n; k++) if (lowerCode(t.charCodeAt(at + k)) !== lower[k]) return false;
    return next(at + n);
  };
}

function compileAssert(st: MatchState, at: AssertKind, flags: Flags, next: Matcher): Matcher {
  const word = flags.ascii ? isAsciiWord : isWordCode;
  const isWordAt = (i: number): boolean => i >= 0 && i < st.limit && word(st.text.charCodeAt(i));
  switch (at) {
    case 'text-start':
      return (i) => i === 0 && next(i);
    case 'text-end':
      return (i) => i === st.limit && next(i);
    case 'line-start':
      return flags.multiline
        ? (i) => (i === 0 || st.text.charCodeAt(i - 1) === 10) && next(i)
        : (i) => i === 0 && next(i);
    case 'line-end':
      return flags.multiline
        ? (i) => (i === st.limit || st.text.charCodeAt(i) === 10) && next(i)
        : (i) => (i === st.limit || (i === st.limit - 1 && st.text.charCodeAt(i) === 10)) && next(i);
    case 'word-boundary':
      return (i) => st.limit > 0 && isWordAt(i - 1) !== isWordAt(i) && next(i);
    case 'not-word-boundary':
      return (i) => st.limit > 0 && isWordAt(i - 1) === isWordAt(i) && next(i);
    case 'date-start':
      return (i) =>
        (i === 0 ||
          (flags.multiline && st.text.charCodeAt(i - 1) === 10) ||
          (st.limit > 0 && isWordAt(i - 1) !== isWordAt(i)) ||
          (i < st.limit && !word(st.text.charCodeAt(i)))) &&
        next(i);
    case 'date-end':
      return (i) =>
        ((st.limit > 0 && isWordAt(i - 1) !== isWordAt(i)) ||
          (i < st.limit && !word(st.text.charCodeAt(i))) ||
          i === st.limit ||
          (flags.multiline
            ? st.text.charCodeAt(i) === 10
            : i === st.limit - 1 && st.text.charCodeAt(i) === 10)) &&
        next(i);
  }
}

function isAsciiWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** A predicate for one character of a set, honouring case-insensitivity and the ASCII flag. */
function charTest(set: CharSet, flags: Flags): (c: number) => boolean {
  const raw = rawCharTest(set, flags);
  const folded = flags.ignoreCase
    ? (c: number): boolean => raw(c) || raw(lowerCode(c)) || raw(upperCode(c))
    : raw;
  // Precompute Latin-1 answers; the rest is computed on demand.
  const table = new Uint8Array(256);
  for (let c = 0; c < 256; c++) table[c] = folded(c) ? 1 : 0;
  return (c) => (c < 256 ? table[c] === 1 : folded(c));
}

function rawCharTest(set: CharSet, flags: Flags): (c: number) => boolean {
  if (set.dot === true) return flags.dotAll ? () => true : (c) => c !== 10;
  const { ranges, escapes, negate } = set;
  const digit = flags.ascii ? (c: number): boolean => c >= 0x30 && c <= 0x39 : isDigitCode;
  const word = flags.ascii ? isAsciiWord : isWordCode;
  const space = flags.ascii ? (c: number): boolean => c < 128 && isSpaceCode(c) : isSpaceCode;
  const member = (c: number): boolean => {
    for (let k = 0; k < ranges.length; k += 2)
      if (c >= (ranges[k] as number) && c <= (ranges[k + 1] as number)) return true;
    for (const e of escapes) {
      switch (e) {
        case 'd':
          if (digit(c)) return true;
          break;
        case 'D':
          if (!digit(c)) return true;
          break;
        case 'w':
          if (word(c)) return true;
          break;
        case 'W':
          if (!word(c)) return true;
          break;
        case 's':
          if (space(c)) return true;
          break;
        case 'S':
          if (!space(c)) return true;
          break;
      }
    }
    return false;
  };
  return negate ? (c) => !member(c) : member;
}

/** The predicate of a node that always consumes exactly one character, if it is one. */
function singleCharTest(node: PatternNode, flags: Flags): ((c: number) => boolean) | undefined {
  if (node.kind === 'set') return charTest(node.set, flags);
  if (node.kind === 'text' && node.text.length === 1) {
    return charTest(
      { negate: false, ranges: [node.text.charCodeAt(0), node.text.charCodeAt(0)], escapes: [] },
      flags,
    );
  }
  if (node.kind === 'flags') return singleCharTest(node.node, { ...flags, ...node.set });
  return undefined;
}

/** Length of every match of a node, if fixed (look-behind needs it). */
function fixedWidth(node: PatternNode): number | undefined {
  switch (node.kind) {
    case 'empty':
    case 'assert':
    case 'look':
      return 0;
    case 'text':
      return node.text.length;
    case 'set':
      return 1;
    case 'seq': {
      let total = 0;
      for (const item of node.items) {
        const w = fixedWidth(item);
        if (w === undefined) return undefined;
        total += w;
      }
      return total;
    }
    case 'alt': {
      const widths = node.options.map(fixedWidth);
      const w = widths[0];
      return widths.every((x) => x === w) ? w : undefined;
    }
    case 'repeat': {
      const w = fixedWidth(node.node);
      return w !== undefined && node.min === node.max ? w * node.min : undefined;
    }
    case 'group':
    case 'flags':
      return fixedWidth(node.node);
    case 'cond': {
      const yes = fixedWidth(node.yes);
      return yes !== undefined && yes === fixedWidth(node.no) ? yes : undefined;
    }
    default:
      return undefined;
  }
}

function startsAnchored(node: PatternNode, flags: Flags): boolean {
  if (node.kind === 'assert')
    return node.at === 'text-start' || (node.at === 'line-start' && !flags.multiline);
  if (node.kind === 'seq') {
    const first = node.items[0];
    return first !== undefined && startsAnchored(first, flags);
  }
  if (node.kind === 'group') return startsAnchored(node.node, flags);
  return false;
}

/** Non-letter characters every match must consume (letters may match in either case). */
function requiredChars(node: PatternNode): Set<number> {
  const isLetter = (c: number): boolean => lowerCode(c) !== upperCode(c);
  switch (node.kind) {
    case 'text': {
      const out = new Set<number>();
      for (let k = 0; k < node.text.length; k++) {
        const c = node.text.charCodeAt(k);
        if (!isLetter(c)) out.add(c);
      }
      return out;
    }
    case 'set': {
      const r = node.set.ranges;
      const single =
        !node.set.negate && node.set.dot !== true && node.set.escapes.length === 0 && r.length === 2;
      return single && r[0] === r[1] && !isLetter(r[0] as number) ? new Set([r[0] as number]) : new Set();
    }
    case 'seq': {
      const out = new Set<number>();
      for (const item of node.items) for (const c of requiredChars(item)) out.add(c);
      return out;
    }
    case 'alt': {
      const [first, ...rest] = node.options.map(requiredChars);
      if (first === undefined) return new Set();
      return new Set([...first].filter((c) => rest.every((set) => set.has(c))));
    }
    case 'repeat':
      return node.min >= 1 ? requiredChars(node.node) : new Set();
    case 'group':
    case 'flags':
      return requiredChars(node.node);
    default:
      return new Set();
  }
}

/** The longest text a node can match (Infinity when unbounded or unknown). */
function maxLength(node: PatternNode, groups: ReadonlyMap<string | number, PatternNode>, depth = 0): number {
  if (depth > 50) return Infinity;
  const inner = (n: PatternNode): number => maxLength(n, groups, depth + 1);
  switch (node.kind) {
    case 'empty':
    case 'assert':
    case 'look':
      return 0;
    case 'text':
      return node.text.length;
    case 'set':
      return 1;
    case 'seq':
      return node.items.reduce((sum, item) => sum + inner(item), 0);
    case 'alt':
      return Math.max(0, ...node.options.map(inner));
    case 'repeat':
      return node.max === 0 ? 0 : node.max * inner(node.node);
    case 'group':
    case 'flags':
      return inner(node.node);
    case 'cond':
      return Math.max(inner(node.yes), inner(node.no));
    case 'scan':
      return node.scan.maxLength;
    case 'backref': {
      const target = groups.get(node.ref);
      return target === undefined ? Infinity : inner(target);
    }
    case 'slot':
      return Infinity;
  }
}

/**
 * How far from a match start the first required character `c` can lie at most: the text before the part
 * that must contain it, plus its position inside that part.
 */
function reachOf(node: PatternNode, c: number, groups: ReadonlyMap<string | number, PatternNode>): number {
  switch (node.kind) {
    case 'text': {
      const k = node.text.indexOf(String.fromCharCode(c));
      return k < 0 ? Infinity : k;
    }
    case 'set':
      return requiredChars(node).has(c) ? 0 : Infinity;
    case 'seq': {
      let before = 0;
      for (const item of node.items) {
        if (requiredChars(item).has(c)) return before + reachOf(item, c, groups);
        before += maxLength(item, groups);
        if (before === Infinity) return Infinity;
      }
      return Infinity;
    }
    case 'alt':
      return Math.max(...node.options.map((o) => reachOf(o, c, groups)));
    case 'repeat':
      return node.min >= 1 ? reachOf(node.node, c, groups) : Infinity;
    case 'group':
    case 'flags':
      return reachOf(node.node, c, groups);
    default:
      return Infinity;
  }
}

interface FirstInfo {
  readonly table: Uint8Array;
  /** Whether a character above Latin-1 can start a match. */
  high: boolean;
  nullable: boolean;
}

/** The characters a match can start with (to skip hopeless start positions quickly). */
function firstChars(root: PatternNode, rootFlags: Flags): FirstInfo {
  const info: FirstInfo = { table: new Uint8Array(256), high: false, nullable: false };
  const addCode = (c: number, flags: Flags): void => {
    const variants = flags.ignoreCase ? [c, lowerCode(c), upperCode(c)] : [c];
    for (const v of variants) {
      if (v < 256) info.table[v] = 1;
      else info.high = true;
    }
  };
  const addAll = (): void => {
    info.table.fill(1);
    info.high = true;
  };
  // Returns whether the node can match the empty string (its followers then contribute too).
  const visit = (node: PatternNode, flags: Flags): boolean => {
    switch (node.kind) {
      case 'empty':
      case 'assert':
      case 'look':
        return true;
      case 'text':
        addCode(node.text.charCodeAt(0), flags);
        return false;
      case 'set': {
        const test = charTest(node.set, flags);
        for (let c = 0; c < 256; c++) if (test(c)) info.table[c] = 1;
        const r = node.set.ranges;
        if (
          node.set.negate ||
          node.set.dot === true ||
          node.set.escapes.length > 0 ||
          r.some((c) => c >= 256)
        )
          info.high = true;
        return false;
      }
      case 'seq':
        for (const item of node.items) if (!visit(item, flags)) return false;
        return true;
      case 'alt': {
        let nullable = false;
        for (const option of node.options) if (visit(option, flags)) nullable = true;
        return nullable;
      }
      case 'repeat':
        return visit(node.node, flags) || node.min === 0;
      case 'group':
        return visit(node.node, flags);
      case 'flags':
        return visit(node.node, { ...flags, ...node.set });
      case 'cond': {
        const yes = visit(node.yes, flags);
        const no = visit(node.no, flags);
        return yes || no;
      }
      case 'scan':
        for (const ch of node.scan.firstChars) addCode(ch.charCodeAt(0), flags);
        return node.scan.minLength === 0;
      case 'backref':
      case 'slot':
        addAll();
        return true;
    }
  };
  info.nullable = visit(root, rootFlags);
  return info;
}
