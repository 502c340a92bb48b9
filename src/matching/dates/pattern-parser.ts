// Parses a datepattern (a Python regular expression with %-directives, after configuration interpolation
// has turned %% into %) into a PatternNode tree. It accepts the Python syntax datepatterns use: groups
// (capturing, (?:), (?P<name>), (?P=name)), look-around, conditionals, classes, escapes, quantifiers and
// inline flags; it rejects what Python rejects (an unknown directive, a bad escape, nothing to repeat...)
// with an error naming the offending text and its offset.
import { Fail2nftError } from '../../core/errors.js';
import { directiveKeyAt, expandDirective } from './directives.js';
import type { AssertKind, CharSet, ClassEscape, Flags, PatternNode } from './pattern-ast.js';

export interface ParseOptions {
  /** Expand %-directives (fail2ban does not for {EPOCH} patterns). */
  readonly directives: boolean;
  /** Read SLOT_MARK as the slot where a template body goes (see template-factory). */
  readonly slots: boolean;
}

export interface ParsedPattern {
  readonly node: PatternNode;
  /** Flags set by a leading `(?flags)`. */
  readonly flags: Partial<Flags>;
}

/** A private-use character standing for a slot in pattern text. */
export const SLOT_MARK = '\uE000';

const FLAG_LETTERS: Readonly<Record<string, keyof Flags | 'unicode' | 'verbose' | 'locale'>> = {
  i: 'ignoreCase',
  m: 'multiline',
  s: 'dotAll',
  a: 'ascii',
  u: 'unicode',
  x: 'verbose',
  L: 'locale',
};

export function datePatternError(source: string, problem: string, offset?: number): Fail2nftError {
  const where = offset === undefined ? '' : ` at offset ${offset}`;
  const shown = JSON.stringify(source.split(SLOT_MARK).join('{DATE}'));
  return new Fail2nftError('F2N_ERR_DATE_PATTERN', `invalid datepattern ${shown}: ${problem}${where}`, {
    pattern: source,
    problem,
    offset,
  });
}

/** Checks that every % starts a directive (fail2ban's rule), naming the first one that does not. */
export function checkDirectives(source: string): void {
  for (let at = source.indexOf('%'); at >= 0; at = source.indexOf('%', at + 1)) {
    const key = directiveKeyAt(source, at + 1);
    if (key === undefined) {
      const shown = source.slice(at, at + 2);
      throw datePatternError(
        source,
        `unknown directive ${JSON.stringify(shown)} (write %% for a literal percent sign)`,
        at,
      );
    }
    at += key.length;
  }
}

/** The flags named by the letters of an inline `(?letters)` group. */
export function flagsFromLetters(letters: string, source: string): Partial<Flags> {
  const set: Record<string, boolean> = {};
  for (const letter of letters) {
    const flag = FLAG_LETTERS[letter];
    if (flag === undefined) throw datePatternError(source, `unknown flag ${letter}`);
    if (flag === 'verbose') throw datePatternError(source, 'the verbose flag (?x) is not supported');
    if (flag === 'locale') throw datePatternError(source, 'the locale flag (?L) is not supported');
    if (flag !== 'unicode') set[flag] = true;
  }
  return set;
}

export function parseDatePattern(source: string, options: ParseOptions): ParsedPattern {
  return new Parser(source, options).parse();
}

class Parser {
  private pos = 0;
  private readonly names = new Set<string>();
  private groupCount = 0;
  private readonly globalFlags: Record<string, boolean> = {};

  constructor(
    private readonly src: string,
    private readonly options: ParseOptions,
  ) {}

  parse(): ParsedPattern {
    const node = this.alternation();
    if (this.pos < this.src.length) throw this.fail('unbalanced parenthesis', this.pos);
    return { node, flags: this.globalFlags };
  }

  private fail(problem: string, offset: number): Fail2nftError {
    return datePatternError(this.src, problem, offset);
  }

  private alternation(): PatternNode {
    const options: PatternNode[] = [this.sequence()];
    while (this.src.charAt(this.pos) === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as PatternNode) : { kind: 'alt', options };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    while (this.pos < this.src.length) {
      const ch = this.src.charAt(this.pos);
      if (ch === '|' || ch === ')') break;
      const atomStart = this.pos;
      const atoms = this.atom();
      if (atoms === undefined) continue;
      const quantified = this.quantifier(atoms[atoms.length - 1], atomStart);
      if (quantified !== undefined) atoms[atoms.length - 1] = quantified;
      items.push(...atoms);
    }
    return mergeText(items);
  }

  /** Reads a quantifier after an atom; returns the repeated atom, or undefined when none follows. */
  private quantifier(atom: PatternNode | undefined, atomStart: number): PatternNode | undefined {
    const bounds = this.readBounds();
    if (bounds === undefined) return undefined;
    if (atom === undefined || !canRepeat(atom)) throw this.fail('nothing to repeat', atomStart);
    let greedy = true;
    const next = this.src.charAt(this.pos);
    if (next === '?') {
      greedy = false;
      this.pos++;
    } else if (next === '+') {
      throw this.fail('possessive quantifiers are not supported', this.pos);
    }
    const after = this.src.charAt(this.pos);
    if (after === '*' || after === '+' || after === '?' || (after === '{' && this.peekBounds() !== undefined))
      throw this.fail('multiple repeat', this.pos);
    return { kind: 'repeat', node: atom, min: bounds[0], max: bounds[1], greedy };
  }

  private readBounds(): [number, number] | undefined {
    const ch = this.src.charAt(this.pos);
    if (ch === '*') return this.advance(1, [0, Infinity]);
    if (ch === '+') return this.advance(1, [1, Infinity]);
    if (ch === '?') return this.advance(1, [0, 1]);
    if (ch !== '{') return undefined;
    const braces = this.peekBounds();
    if (braces === undefined) return undefined;
    this.pos = braces.end;
    if (braces.max < braces.min) throw this.fail('min repeat greater than max repeat', this.pos);
    return [braces.min, braces.max];
  }

  private advance<T>(n: number, value: T): T {
    this.pos += n;
    return value;
  }

  /** `{m}`, `{m,}`, `{,n}`, `{m,n}` at the cursor; anything else makes `{` a literal, as in Python. */
  private peekBounds(): { min: number; max: number; end: number } | undefined {
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
    if (m === null) return undefined;
    const [whole, lo = '', comma, hi = ''] = m;
    if (comma === undefined && lo === '') return undefined;
    const min = lo === '' ? 0 : Number(lo);
    const max = comma === undefined ? min : hi === '' ? Infinity : Number(hi);
    return { min, max, end: this.pos + whole.length };
  }

  /** One atom (or several for a directive); undefined for text that produces nothing (a comment). */
  private atom(): PatternNode[] | undefined {
    const start = this.pos;
    const ch = this.src.charAt(this.pos);
    if (this.options.slots && ch === SLOT_MARK) {
      this.pos++;
      return [{ kind: 'slot' }];
    }
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        this.pos++;
        return [{ kind: 'set', set: this.charClass(start) }];
      case '.':
        this.pos++;
        return [{ kind: 'set', set: { negate: false, ranges: [], escapes: [], dot: true } }];
      case '^':
        this.pos++;
        return [{ kind: 'assert', at: 'line-start' }];
      case '$':
        this.pos++;
        return [{ kind: 'assert', at: 'line-end' }];
      case '\\':
        return [this.escape()];
      case '*':
      case '+':
      case '?':
        throw this.fail('nothing to repeat', start);
      case '{':
        if (this.peekBounds() !== undefined) throw this.fail('nothing to repeat', start);
        this.pos++;
        return [{ kind: 'text', text: '{' }];
      case '%':
        if (this.options.directives) return this.directive();
        this.pos++;
        return [{ kind: 'text', text: '%' }];
      default:
        this.pos++;
        return [{ kind: 'text', text: ch }];
    }
  }

  private directive(): PatternNode[] {
    const start = this.pos;
    const key = directiveKeyAt(this.src, this.pos + 1);
    if (key === undefined) {
      const shown = this.src.slice(this.pos, this.pos + 2) || '%';
      throw this.fail(
        `unknown directive ${JSON.stringify(shown)} (write %% for a literal percent sign)`,
        start,
      );
    }
    this.pos += 1 + key.length;
    const atoms = [...expandDirective(key)];
    for (const atom of atoms) this.noteNames(atom, start);
    return atoms;
  }

  private noteNames(node: PatternNode, offset: number): void {
    if (node.kind === 'group') {
      this.groupCount++;
      if (node.name !== undefined) this.addName(node.name, offset);
    }
    if ('node' in node) this.noteNames(node.node, offset);
  }

  private addName(name: string, offset: number): void {
    if (this.names.has(name))
      throw this.fail(`redefinition of group name ${JSON.stringify(name)} (a field used twice?)`, offset);
    this.names.add(name);
  }

  private group(): PatternNode[] | undefined {
    const start = this.pos;
    this.pos++;
    if (this.src.charAt(this.pos) !== '?') {
      this.groupCount++;
      return [{ kind: 'group', name: undefined, node: this.groupBody(start) }];
    }
    this.pos++;
    const ch = this.src.charAt(this.pos);
    if (ch === ':') {
      this.pos++;
      return [this.groupBody(start)];
    }
    if (ch === 'P') {
      const kind = this.src.charAt(this.pos + 1);
      if (kind === '<') {
        this.pos += 2;
        const name = this.readName('>', start);
        this.addName(name, start);
        this.groupCount++;
        return [{ kind: 'group', name, node: this.groupBody(start) }];
      }
      if (kind === '=') {
        this.pos += 2;
        const name = this.readName(')', start);
        if (!this.names.has(name)) throw this.fail(`unknown group name ${JSON.stringify(name)}`, start);
        return [{ kind: 'backref', ref: name }];
      }
      throw this.fail('unknown extension ?P' + kind, start);
    }
    if (ch === '=' || ch === '!') {
      this.pos++;
      return [{ kind: 'look', behind: false, negate: ch === '!', node: this.groupBody(start) }];
    }
    if (ch === '<') {
      const kind = this.src.charAt(this.pos + 1);
      if (kind === '=' || kind === '!') {
        this.pos += 2;
        return [{ kind: 'look', behind: true, negate: kind === '!', node: this.groupBody(start) }];
      }
      throw this.fail('unknown extension ?<' + kind, start);
    }
    if (ch === '#') {
      const close = this.src.indexOf(')', this.pos);
      if (close < 0) throw this.fail('missing ), unterminated comment', start);
      this.pos = close + 1;
      return undefined;
    }
    if (ch === '(') return [this.conditional(start)];
    if (ch === '>') throw this.fail('atomic groups are not supported', start);
    return this.inlineFlags(start);
  }

  private groupBody(start: number): PatternNode {
    const node = this.alternation();
    if (this.src.charAt(this.pos) !== ')') throw this.fail('missing ), unterminated subpattern', start);
    this.pos++;
    return node;
  }

  private readName(terminator: string, start: number): string {
    const end = this.src.indexOf(terminator, this.pos);
    if (end < 0) throw this.fail('missing ' + terminator + ', unterminated name', start);
    const name = this.src.slice(this.pos, end);
    if (!/^[A-Za-z_]\w*$/.test(name))
      throw this.fail(`bad character in group name ${JSON.stringify(name)}`, start);
    this.pos = end + 1;
    return name;
  }

  private conditional(start: number): PatternNode {
    this.pos++;
    const end = this.src.indexOf(')', this.pos);
    if (end < 0) throw this.fail('missing ), unterminated name', start);
    const id = this.src.slice(this.pos, end);
    this.pos = end + 1;
    let ref: string | number;
    if (/^\d+$/.test(id)) {
      ref = Number(id);
      if (ref < 1 || ref > this.groupCount) throw this.fail('invalid group reference ' + id, start);
    } else {
      if (!this.names.has(id)) throw this.fail(`unknown group name ${JSON.stringify(id)}`, start);
      ref = id;
    }
    const yes = this.sequence();
    let no: PatternNode = { kind: 'empty' };
    if (this.src.charAt(this.pos) === '|') {
      this.pos++;
      no = this.sequence();
      if (this.src.charAt(this.pos) === '|')
        throw this.fail('conditional backref with more than two branches', start);
    }
    if (this.src.charAt(this.pos) !== ')') throw this.fail('missing ), unterminated subpattern', start);
    this.pos++;
    return { kind: 'cond', ref, yes, no };
  }

  private inlineFlags(start: number): PatternNode[] | undefined {
    const m = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(this.src.slice(this.pos));
    if (m === null) throw this.fail('unknown extension ?' + this.src.charAt(this.pos), start);
    const [whole, on = '', off, close] = m;
    const set: Record<string, boolean> = {};
    for (const [letters, value] of [
      [on, true],
      [off ?? '', false],
    ] as const) {
      for (const letter of letters) {
        const flag = FLAG_LETTERS[letter];
        if (flag === undefined) throw this.fail('unknown flag ' + letter, start);
        if (flag === 'verbose') throw this.fail('the verbose flag (?x) is not supported', start);
        if (flag === 'locale') throw this.fail('the locale flag (?L) is not supported', start);
        if (flag !== 'unicode') set[flag] = value;
      }
    }
    this.pos += whole.length;
    if (close === ')') {
      if (off !== undefined) throw this.fail('missing :', start);
      if (start !== 0) throw this.fail('global flags not at the start of the expression', start);
      Object.assign(this.globalFlags, set);
      return undefined;
    }
    return [{ kind: 'flags', set: set, node: this.groupBody(start) }];
  }

  private escape(): PatternNode {
    const start = this.pos;
    const ch = this.src.charAt(this.pos + 1);
    if (ch === '') throw this.fail('bad escape (end of pattern)', start);
    this.pos += 2;
    const asserts: Record<string, AssertKind> = {
      b: 'word-boundary',
      B: 'not-word-boundary',
      A: 'text-start',
      Z: 'text-end',
    };
    const assertion = asserts[ch];
    if (assertion !== undefined) return { kind: 'assert', at: assertion };
    if ('dDwWsS'.includes(ch))
      return { kind: 'set', set: { negate: false, ranges: [], escapes: [ch as ClassEscape] } };
    if (ch >= '1' && ch <= '9') {
      // A group reference: one or two digits (three digits starting 0-3 would be an octal escape).
      let digits = ch;
      const second = this.src.charAt(this.pos);
      if (second >= '0' && second <= '9') {
        digits += second;
        this.pos++;
      }
      const ref = Number(digits);
      if (ref > this.groupCount) throw this.fail('invalid group reference ' + digits, start);
      return { kind: 'backref', ref };
    }
    this.pos = start;
    const code = this.escapedCode(false);
    return { kind: 'text', text: String.fromCharCode(code) };
  }

  /** A character escape (the cursor is on the backslash); returns its code. */
  private escapedCode(inClass: boolean): number {
    const start = this.pos;
    const ch = this.src.charAt(this.pos + 1);
    this.pos += 2;
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
    const known = simple[ch];
    if (known !== undefined) return known;
    if (inClass && ch === 'b') return 8;
    if (ch === 'x' || ch === 'u' || ch === 'U') {
      const width = ch === 'x' ? 2 : ch === 'u' ? 4 : 8;
      const hex = this.src.slice(this.pos, this.pos + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex))
        throw this.fail('incomplete escape \\' + ch + hex, start);
      this.pos += width;
      const code = parseInt(hex, 16);
      if (code > 0xffff) throw this.fail('characters outside the BMP are not supported', start);
      return code;
    }
    if (ch >= '0' && ch <= '7') {
      let digits = ch;
      while (digits.length < 3 && /[0-7]/.test(this.src.charAt(this.pos))) {
        digits += this.src.charAt(this.pos);
        this.pos++;
      }
      return parseInt(digits, 8);
    }
    if (/[A-Za-z0-9]/.test(ch)) throw this.fail('bad escape \\' + ch, start);
    return ch.charCodeAt(0);
  }

  private charClass(start: number): CharSet {
    let negate = false;
    if (this.src.charAt(this.pos) === '^') {
      negate = true;
      this.pos++;
    }
    const ranges: number[] = [];
    const escapes: ClassEscape[] = [];
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) throw this.fail('unterminated character set', start);
      const ch = this.src.charAt(this.pos);
      if (ch === ']' && !first) {
        this.pos++;
        return { negate, ranges, escapes };
      }
      first = false;
      const low = this.classItem(escapes, start);
      if (low === undefined) continue;
      if (
        this.src.charAt(this.pos) === '-' &&
        this.src.charAt(this.pos + 1) !== ']' &&
        this.pos + 1 < this.src.length
      ) {
        this.pos++;
        const high = this.classItem(escapes, start);
        if (high === undefined) throw this.fail('bad character range', start);
        if (high < low) throw this.fail('bad character range', start);
        ranges.push(low, high);
      } else {
        ranges.push(low, low);
      }
    }
  }

  /** One class member: returns its code, or undefined after adding a class escape such as \d. */
  private classItem(escapes: ClassEscape[], start: number): number | undefined {
    const ch = this.src.charAt(this.pos);
    if (ch === '\\') {
      const next = this.src.charAt(this.pos + 1);
      if ('dDwWsS'.includes(next) && next !== '') {
        escapes.push(next as ClassEscape);
        this.pos += 2;
        return undefined;
      }
      return this.escapedCode(true);
    }
    if (ch === '%' && this.options.directives) {
      if (this.src.charAt(this.pos + 1) === '%') {
        this.pos += 2;
        return 0x25;
      }
      throw this.fail('a %-directive inside [...] is not supported', start);
    }
    this.pos++;
    return ch.charCodeAt(0);
  }
}

function canRepeat(node: PatternNode): boolean {
  return node.kind !== 'assert' && node.kind !== 'repeat' && node.kind !== 'slot';
}

/** Joins adjacent one-character texts so literal runs compare in one step. */
function mergeText(items: PatternNode[]): PatternNode {
  const out: PatternNode[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.kind === 'text' && last !== undefined && last.kind === 'text') {
      out[out.length - 1] = { kind: 'text', text: last.text + item.text };
    } else {
      out.push(item);
    }
  }
  if (out.length === 0) return { kind: 'empty' };
  return out.length === 1 ? (out[0] as PatternNode) : { kind: 'seq', items: out };
}
