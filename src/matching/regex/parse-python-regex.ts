// Parses a pattern in Python 3.11 `re` syntax (what fail2ban compiles) into a syntax tree. It accepts
// exactly what Python accepts for str patterns, so that a filter Python rejects is rejected here too, with
// the construct and its offset; translation to RE2 happens in later passes.
import { Fail2nftError } from '../../core/errors.js';
import {
  anyCharSet,
  charSet,
  range,
  shorthandItems,
  type CharSet,
  type SetItem,
  type Shorthand,
} from './char-set.js';
import { nodeWidth, sequenceOf, type ParsedPattern, type RegexNode } from './python-regex-ast.js';

export interface ParsePythonRegexOptions {
  /** fail2ban compiles failregexes with re.MULTILINE when maxlines > 1. */
  readonly multiline?: boolean;
  /**
   * Give \d \w \s their ASCII meaning everywhere, as if the pattern started with (?a). Not Python's
   * meaning for str patterns: a speed option (RE2 extracts groups faster from smaller programs).
   */
  readonly asciiClasses?: boolean;
}

interface FlagState {
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly dotAll: boolean;
  readonly ascii: boolean;
  readonly verbose: boolean;
}

const FLAG_LETTERS = 'aiLmsux';
const OCTAL = /^[0-7]$/;
const DIGIT = /^[0-9]$/;
const HEX = /^[0-9a-fA-F]$/;
const ASCII_ALNUM = /^[0-9A-Za-z]$/;
// Python's str.isspace() for the verbose-mode whitespace it skips.
const VERBOSE_SPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const SHORTHANDS = new Set(['d', 'D', 'w', 'W', 's', 'S']);
// Python 3.11 limits repeat counts to MAXREPEAT (2^32 - 1 on 64-bit builds).
const MAX_REPEAT = 4294967295;
const MAX_GROUPS = 1073741823;

/** Python's str.isidentifier(), close enough for group names. */
function isIdentifier(name: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name);
}

export function parsePythonRegex(pattern: string, options: ParsePythonRegexOptions = {}): ParsedPattern {
  return new Parser(pattern, options.multiline ?? false, options.asciiClasses ?? false).parse();
}

class Parser {
  private readonly cps: readonly string[];
  private pos = 0;
  private flags: FlagState;
  private groupCount = 0;
  private readonly groupNames = new Map<string, number>();
  private readonly openGroups = new Set<number>();
  private readonly forwardConditionRefs: { group: number; at: number }[] = [];
  private readonly notes: string[] = [];
  private globalFlags = { ignoreCase: false, multiline: false, dotAll: false };

  constructor(
    private readonly pattern: string,
    multiline: boolean,
    ascii: boolean,
  ) {
    this.cps = Array.from(pattern);
    this.flags = { ignoreCase: false, multiline, dotAll: false, ascii, verbose: false };
    this.globalFlags.multiline = multiline;
  }

  parse(): ParsedPattern {
    const root = this.parseAlternation(0);
    if (this.pos < this.cps.length) {
      // Only a stray ')' stops the top-level alternation early.
      throw this.error('unbalanced parenthesis', this.pos);
    }
    for (const ref of this.forwardConditionRefs) {
      if (ref.group > this.groupCount) throw this.error(`invalid group reference ${ref.group}`, ref.at);
    }
    return {
      root,
      groupCount: this.groupCount,
      groupNames: this.groupNames,
      globalFlags: this.globalFlags,
      codePoints: this.cps,
      notes: this.notes,
    };
  }

  private error(message: string, at: number): Fail2nftError {
    return new Fail2nftError('F2N_ERR_REGEX_SYNTAX', `${message} at position ${at}`, {
      pattern: this.pattern,
      offset: at,
    });
  }

  private unsupported(message: string, start: number): Fail2nftError {
    return new Fail2nftError('F2N_ERR_REGEX_UNSUPPORTED', `${message} at position ${start}`, {
      pattern: this.pattern,
      offset: start,
      construct: this.cps.slice(start, this.pos).join(''),
    });
  }

  private peek(offset = 0): string | undefined {
    return this.cps[this.pos + offset];
  }

  private next(): string | undefined {
    const c = this.cps[this.pos];
    if (c !== undefined) this.pos++;
    return c;
  }

  private match(text: string): boolean {
    const chars = Array.from(text);
    for (let i = 0; i < chars.length; i++) if (this.cps[this.pos + i] !== chars[i]) return false;
    this.pos += chars.length;
    return true;
  }

  private skipVerbose(): void {
    if (!this.flags.verbose) return;
    for (;;) {
      const c = this.peek();
      if (c !== undefined && VERBOSE_SPACE.has(c)) {
        this.pos++;
      } else if (c === '#') {
        while (this.peek() !== undefined && this.peek() !== '\n') this.pos++;
      } else {
        return;
      }
    }
  }

  private parseAlternation(depth: number): RegexNode {
    const start = this.pos;
    const branches: RegexNode[] = [this.parseSequence(depth, true)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.parseSequence(depth, false));
    }
    if (branches.length === 1 && branches[0] !== undefined) return branches[0];
    return { kind: 'alternation', branches, start, end: this.pos };
  }

  private parseSequence(depth: number, firstBranch: boolean): RegexNode {
    const start = this.pos;
    const items: RegexNode[] = [];
    for (;;) {
      this.skipVerbose();
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      if (c === '*' || c === '+' || c === '?' || (c === '{' && this.quantifierAhead())) {
        this.applyQuantifier(items);
        continue;
      }
      const item = this.parseAtom(depth === 0 && firstBranch && items.length === 0);
      if (item !== null) items.push(item);
    }
    return sequenceOf(items, { start, end: this.pos });
  }

  /** Whether `{` at the current position starts a valid {m,n} quantifier (else it is a literal). */
  private quantifierAhead(): boolean {
    return this.readBraces(false) !== undefined;
  }

  private readBraces(consume: boolean): { min: number; max: number | null } | undefined {
    let i = this.pos + 1;
    if (this.cps[i] === '}') return undefined;
    let lo = '';
    let hi = '';
    while (DIGIT.test(this.cps[i] ?? '')) lo += this.cps[i++] ?? '';
    let comma = false;
    if (this.cps[i] === ',') {
      comma = true;
      i++;
      while (DIGIT.test(this.cps[i] ?? '')) hi += this.cps[i++] ?? '';
    } else {
      hi = lo;
    }
    if (this.cps[i] !== '}') return undefined;
    if (!comma && lo === '') return undefined;
    const min = lo === '' ? 0 : Number(lo);
    const max = hi === '' ? null : Number(hi);
    if (consume) {
      if (min >= MAX_REPEAT || (max !== null && max >= MAX_REPEAT)) {
        throw this.error('the repetition number is too large', this.pos + 1);
      }
      if (max !== null && max < min) throw this.error('min repeat greater than max repeat', this.pos + 1);
      this.pos = i + 1;
    }
    return { min, max };
  }

  private applyQuantifier(items: RegexNode[]): void {
    const start = this.pos;
    const c = this.peek();
    let min: number;
    let max: number | null;
    if (c === '{') {
      const braces = this.readBraces(true);
      if (braces === undefined) throw this.error('internal: quantifier expected', start);
      ({ min, max } = braces);
    } else {
      this.pos++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : null;
    }
    const item = items.pop();
    if (item === undefined || item.kind === 'assertion') throw this.error('nothing to repeat', start);
    if (item.kind === 'repeat') throw this.error('multiple repeat', start);
    let greedy = true;
    let possessive = false;
    if (this.peek() === '?') {
      this.pos++;
      greedy = false;
    } else if (this.peek() === '+') {
      this.pos++;
      possessive = true;
    }
    items.push({
      kind: 'repeat',
      min,
      max,
      greedy,
      possessive,
      child: item,
      start: item.start,
      end: this.pos,
    });
  }

  /** One atom, or null for a construct that matches nothing at all (comments, global flags). */
  private parseAtom(atPatternStart: boolean): RegexNode | null {
    const start = this.pos;
    const c = this.next();
    switch (c) {
      case '(':
        return this.parseGroup(start, atPatternStart);
      case '[':
        return this.parseClass(start);
      case '.':
        return this.setNode(anyCharSet(this.flags.dotAll), start);
      case '^':
        return this.assertion('line-start', start);
      case '$':
        return this.assertion('line-end', start);
      case '\\':
        return this.parseEscape(start);
      case undefined:
        throw this.error('unexpected end of pattern', start);
      default:
        return this.literal(c.codePointAt(0) ?? 0, start);
    }
  }

  private literal(codePoint: number, start: number): RegexNode {
    return { kind: 'literal', codePoint, ignoreCase: this.flags.ignoreCase, start, end: this.pos };
  }

  private setNode(set: CharSet, start: number): RegexNode {
    return { kind: 'set', set, ignoreCase: this.flags.ignoreCase, start, end: this.pos };
  }

  private assertion(
    assertion: 'line-start' | 'line-end' | 'text-start' | 'text-end' | 'word-boundary' | 'not-word-boundary',
    start: number,
  ): RegexNode {
    return {
      kind: 'assertion',
      assertion,
      multiline: this.flags.multiline,
      ascii: this.flags.ascii,
      start,
      end: this.pos,
    };
  }

  private parseEscape(start: number): RegexNode {
    const c = this.next();
    if (c === undefined) throw this.error('bad escape (end of pattern)', start);
    switch (c) {
      case 'A':
        return this.assertion('text-start', start);
      case 'Z':
        return this.assertion('text-end', start);
      case 'b':
        return this.assertion('word-boundary', start);
      case 'B':
        return this.assertion('not-word-boundary', start);
    }
    if (SHORTHANDS.has(c)) return this.setNode(this.shorthandSet(c as Shorthand), start);
    if (c >= '1' && c <= '9') return this.parseGroupReferenceOrOctal(c, start);
    const code = this.commonEscape(c, start, false);
    return this.literal(code, start);
  }

  private shorthandSet(name: Shorthand): CharSet {
    const { ascii } = this.flags;
    // Standalone negated shorthands are complements, which keeps them usable in set algebra.
    if (!ascii && name === 'W') return charSet(shorthandItems('w', false), true);
    if (!ascii && name === 'D') return charSet(shorthandItems('d', false), true);
    return charSet(shorthandItems(name, ascii));
  }

  /** Escapes shared by patterns and classes; returns the code point or throws. */
  private commonEscape(c: string, start: number, inClass: boolean): number {
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    if (inClass && c === 'b') return 8;
    if (c === 'x') return this.hexEscape(2, start);
    if (c === 'u') return this.hexEscape(4, start);
    if (c === 'U') {
      const value = this.hexEscape(8, start);
      if (value > 0x10ffff) throw this.error(`bad escape \\U${value.toString(16)}`, start);
      return value;
    }
    if (c === 'N') {
      throw this.unsupported(
        'named Unicode escape \\N{...} is not supported: write the character or \\uXXXX',
        start,
      );
    }
    if (c === '0' || (inClass && OCTAL.test(c))) {
      // Up to three octal digits in all.
      let digits = c;
      for (let i = 0; i < 2 && OCTAL.test(this.peek() ?? ''); i++) digits += this.next() ?? '';
      const value = parseInt(digits, 8);
      if (value > 0o377) throw this.error(`octal escape value \\${digits} outside of range 0-0o377`, start);
      return value;
    }
    if (ASCII_ALNUM.test(c)) throw this.error(`bad escape \\${c}`, start);
    return c.codePointAt(0) ?? 0;
  }

  private hexEscape(length: number, start: number): number {
    let digits = '';
    for (let i = 0; i < length && HEX.test(this.peek() ?? ''); i++) digits += this.next() ?? '';
    if (digits.length !== length)
      throw this.error(`incomplete escape \\${this.cps[start + 1]}${digits}`, start);
    return parseInt(digits, 16);
  }

  private parseGroupReferenceOrOctal(first: string, start: number): RegexNode {
    let digits = first;
    if (DIGIT.test(this.peek() ?? '')) {
      digits += this.next() ?? '';
      if (OCTAL.test(digits[0] ?? '') && OCTAL.test(digits[1] ?? '') && OCTAL.test(this.peek() ?? '')) {
        digits += this.next() ?? '';
        const value = parseInt(digits, 8);
        if (value > 0o377) throw this.error(`octal escape value \\${digits} outside of range 0-0o377`, start);
        return this.literal(value, start);
      }
    }
    const group = Number(digits);
    if (group > this.groupCount) throw this.error(`invalid group reference ${group}`, start + 1);
    if (this.openGroups.has(group)) throw this.error('cannot refer to an open group', start);
    return { kind: 'backreference', group, ignoreCase: this.flags.ignoreCase, start, end: this.pos };
  }

  private parseClass(start: number): RegexNode {
    const negated = this.match('^');
    const items: SetItem[] = [];
    const classStart = this.pos;
    for (;;) {
      const itemStart = this.pos;
      const c = this.next();
      if (c === undefined) throw this.error('unterminated character set', start);
      if (c === ']' && this.pos - 1 !== classStart) break;
      const first = c === '\\' ? this.classEscape(itemStart) : (c.codePointAt(0) ?? 0);
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const hiStart = this.pos;
        const h = this.next() ?? '';
        const second = h === '\\' ? this.classEscape(hiStart) : (h.codePointAt(0) ?? 0);
        if (typeof first !== 'number' || typeof second !== 'number' || second < first) {
          throw this.error(`bad character range ${this.cps.slice(itemStart, this.pos).join('')}`, itemStart);
        }
        items.push(range(first, second));
      } else if (typeof first === 'number') {
        items.push(range(first));
      } else {
        items.push(...first);
      }
    }
    return this.setNode(this.classSet(items, negated), start);
  }

  /** A class escape: a code point or the items of a shorthand. */
  private classEscape(start: number): number | readonly SetItem[] {
    const c = this.next();
    if (c === undefined) throw this.error('unterminated character set', start);
    if (SHORTHANDS.has(c)) return shorthandItems(c as Shorthand, this.flags.ascii);
    if (c === '8' || c === '9') throw this.error(`bad escape \\${c}`, start);
    return this.commonEscape(c, start, true);
  }

  private classSet(items: SetItem[], negated: boolean): CharSet {
    const notWord = items.filter((i) => i.kind === 'not-word');
    if (notWord.length === 0) return charSet(items, negated);
    const rest = items.filter((i) => i.kind !== 'not-word');
    if (rest.length === 0) return charSet(shorthandItems('w', false), !negated);
    if (!negated) return charSet(items, false);
    // [^\W...] is an intersection with Unicode letters and digits, which an RE2 class cannot express.
    this.notes.push(
      'a negated class containing \\W uses the ASCII meaning of \\W (Unicode letters other than A-Z are not word characters there)',
    );
    return charSet([...rest, ...shorthandItems('W', true)], true);
  }

  private parseGroup(start: number, atPatternStart: boolean): RegexNode | null {
    if (!this.match('?')) return this.parseCapture(start, undefined);
    const c = this.next();
    switch (c) {
      case ':':
        return this.finishGroup(start, null);
      case 'P':
        return this.parsePythonExtension(start);
      case '=':
      case '!':
        return this.parseLookaround(start, false, c === '!');
      case '<': {
        const d = this.next();
        if (d === '=' || d === '!') return this.parseLookaround(start, true, d === '!');
        throw this.error(`unknown extension ?<${d ?? ''}`, start + 1);
      }
      case '#':
        while (this.peek() !== ')') {
          if (this.next() === undefined) throw this.error('missing ), unterminated comment', start);
        }
        this.pos++;
        return null;
      case '(':
        return this.parseConditional(start);
      case '>':
        return { kind: 'atomic', child: this.parseGroupBody(start), start, end: this.pos };
      default:
        if (c !== undefined && (FLAG_LETTERS.includes(c) || c === '-')) {
          this.pos--;
          return this.parseFlags(start, atPatternStart);
        }
        throw this.error(`unknown extension ?${c ?? ''}`, start + 1);
    }
  }

  private parsePythonExtension(start: number): RegexNode {
    if (this.match('<')) {
      const name = this.readName('>', start);
      if (!isIdentifier(name)) throw this.error(`bad character in group name '${name}'`, start + 4);
      const previous = this.groupNames.get(name);
      if (previous !== undefined) {
        throw this.error(
          `redefinition of group name '${name}' as group ${this.groupCount + 1}; was group ${previous}`,
          start + 4,
        );
      }
      return this.parseCapture(start, name);
    }
    if (this.match('=')) {
      const name = this.readName(')', start);
      if (!isIdentifier(name)) throw this.error(`bad character in group name '${name}'`, start + 4);
      const group = this.groupNames.get(name);
      if (group === undefined) throw this.error(`unknown group name '${name}'`, start + 4);
      if (this.openGroups.has(group)) throw this.error('cannot refer to an open group', start);
      return { kind: 'backreference', group, ignoreCase: this.flags.ignoreCase, start, end: this.pos };
    }
    throw this.error(`unknown extension ?P${this.peek() ?? ''}`, start + 1);
  }

  private readName(terminator: string, start: number): string {
    let name = '';
    for (;;) {
      const c = this.next();
      if (c === undefined) throw this.error(`missing ${terminator}, unterminated name`, start);
      if (c === terminator) break;
      name += c;
    }
    if (name === '') throw this.error('missing group name', start);
    return name;
  }

  private parseCapture(start: number, name: string | undefined): RegexNode {
    const index = ++this.groupCount;
    if (index >= MAX_GROUPS) throw this.error('too many groups', start);
    if (name !== undefined) this.groupNames.set(name, index);
    this.openGroups.add(index);
    const node = this.finishGroup(start, name === undefined ? { index } : { index, name });
    this.openGroups.delete(index);
    return node;
  }

  private finishGroup(start: number, capture: { index: number; name?: string } | null): RegexNode {
    const child = this.parseGroupBody(start);
    return { kind: 'group', capture, child, start, end: this.pos };
  }

  /** The alternation up to the closing parenthesis, which it consumes. */
  private parseGroupBody(start: number): RegexNode {
    const child = this.parseAlternation(1);
    if (!this.match(')')) throw this.error('missing ), unterminated subpattern', start);
    return child;
  }

  private parseLookaround(start: number, behind: boolean, negated: boolean): RegexNode {
    const child = this.parseGroupBody(start);
    if (behind) {
      const width = nodeWidth(child);
      if (width.min !== width.max) throw this.error('look-behind requires fixed-width pattern', start);
    }
    return { kind: 'lookaround', behind, negated, child, start, end: this.pos };
  }

  private parseConditional(start: number): RegexNode {
    const nameStart = this.pos;
    const name = this.readName(')', start);
    let group: number;
    if (/^[0-9]+$/.test(name)) {
      group = Number(name);
      if (group === 0) throw this.error('bad group number', nameStart);
      if (group >= MAX_GROUPS) throw this.error(`invalid group reference ${group}`, nameStart);
      this.forwardConditionRefs.push({ group, at: nameStart });
    } else {
      if (!isIdentifier(name)) throw this.error(`bad character in group name '${name}'`, nameStart);
      const known = this.groupNames.get(name);
      if (known === undefined) throw this.error(`unknown group name '${name}'`, nameStart);
      group = known;
    }
    const yes = this.parseSequence(1, false);
    let no: RegexNode = { kind: 'empty', start: this.pos, end: this.pos };
    if (this.match('|')) {
      no = this.parseSequence(1, false);
      if (this.peek() === '|') throw this.error('conditional backref with more than two branches', this.pos);
    }
    if (!this.match(')')) throw this.error('missing ), unterminated subpattern', start);
    return { kind: 'conditional', group, yes, no, start, end: this.pos };
  }

  private parseFlags(start: number, atPatternStart: boolean): RegexNode | null {
    const add = new Set<string>();
    while (FLAG_LETTERS.includes(this.peek() ?? '-')) add.add(this.next() ?? '');
    if (add.has('L')) throw this.error("bad inline flags: cannot use 'L' flag with a str pattern", this.pos);
    if (add.has('a') && add.has('u')) {
      throw this.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", this.pos);
    }
    if (this.match(')')) {
      if (!atPatternStart) throw this.error('global flags not at the start of the expression', start);
      this.flags = applyFlags(this.flags, add, new Set());
      this.globalFlags = {
        ignoreCase: this.flags.ignoreCase,
        multiline: this.flags.multiline,
        dotAll: this.flags.dotAll,
      };
      return null;
    }
    const remove = new Set<string>();
    if (this.match('-')) {
      while (FLAG_LETTERS.includes(this.peek() ?? '-')) {
        const f = this.next() ?? '';
        if (f === 'a' || f === 'u' || f === 'L') {
          throw this.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", this.pos);
        }
        remove.add(f);
      }
      if (remove.size === 0) throw this.error('missing flag', this.pos);
      for (const f of remove) {
        if (add.has(f)) throw this.error('bad inline flags: flag turned on and off', this.pos);
      }
    }
    if (!this.match(':')) throw this.error('missing :', this.pos);
    const saved = this.flags;
    this.flags = applyFlags(this.flags, add, remove);
    const child = this.parseGroupBody(start);
    this.flags = saved;
    return { kind: 'group', capture: null, child, start, end: this.pos };
  }
}

function applyFlags(flags: FlagState, add: ReadonlySet<string>, remove: ReadonlySet<string>): FlagState {
  const pick = (letter: string, current: boolean): boolean =>
    add.has(letter) ? true : remove.has(letter) ? false : current;
  return {
    ignoreCase: pick('i', flags.ignoreCase),
    multiline: pick('m', flags.multiline),
    dotAll: pick('s', flags.dotAll),
    verbose: pick('x', flags.verbose),
    ascii: add.has('a') ? true : add.has('u') ? false : flags.ascii,
  };
}
