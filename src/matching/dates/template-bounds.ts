// fail2ban's rules for turning a datepattern into a searchable template, applied to the pattern text
// before it is parsed (fail2ban applies them to text too, so the edge cases fall the same way):
// - `{UNB}` at the start: no boundaries at all; `{^LN-BEG}` at the start: the date must begin the line,
//   after at most two non-word characters (which stay in the line);
// - otherwise the date must begin a word, unless the pattern starts with `^` (or `**`, which only says so);
// - the date must end a word, unless the pattern ends with `$`, `\b`, `\s` (or `**`);
// - the span cut from the line is the pattern's group 1 when the text has an unnamed group (even one a
//   named group precedes, even a `(` inside [...]); otherwise the text is wrapped in a group first,
//   leaving out a leading `^` and a trailing `$`;
// - the first inline `(?flags)` anywhere applies to the whole pattern.

export type BeginBound = 'none' | 'word' | 'line';

export interface BoundedPattern {
  /** The pattern text to parse: flags and `**` removed, wrapped in a group when it had none. */
  readonly text: string;
  /** The text after the `{UNB}` / `{^LN-BEG}` marks, trimmed, before any other change. */
  readonly stripped: string;
  /** Letters of the hoisted inline flags group (e.g. "iu"), or "". */
  readonly flags: string;
  readonly begin: BeginBound;
  readonly wordEnd: boolean;
  /** fail2ban's LINE_BEGIN / LINE_END flags: the detector never narrows the search of such a template. */
  readonly lineBegin: boolean;
  readonly lineEnd: boolean;
}

export interface BoundOptions {
  /** Word-begin boundary requested; 'line' when the template is line-begin anchored by construction. */
  readonly begin: 'word' | 'line' | false;
  readonly wordEnd: boolean;
  /** Honour `{UNB}` and `{^LN-BEG}` prefixes (pattern templates do, epoch patterns do not). */
  readonly markers: boolean;
}

const LINE_BEGIN_MARK = '{^LN-BEG}';
const UNBOUND_MARK = '{UNB}';

export function boundPattern(pattern: string, options: BoundOptions): BoundedPattern {
  let text = pattern;
  let begin = options.begin;
  let wordEnd = options.wordEnd;
  if (options.markers) {
    if (text.startsWith(UNBOUND_MARK)) {
      text = text.slice(UNBOUND_MARK.length);
      begin = false;
      wordEnd = false;
    }
    if (begin !== false && text.startsWith(LINE_BEGIN_MARK)) {
      text = text.slice(LINE_BEGIN_MARK.length);
      begin = 'line';
    }
  }
  text = text.trim();
  const stripped = text;
  const hoisted = hoistFlags(text);
  text = hoisted.text;
  const boundBegin = begin !== false && !startsUnbounded(text);
  const boundEnd = wordEnd && !endsUnbounded(text);
  if (!hasUnnamedGroup(text)) text = wrapInGroup(text);
  const beginBound: BeginBound = boundBegin ? (begin === 'line' ? 'line' : 'word') : 'none';
  const lineBegin = beginBound === 'line' || (beginBound === 'none' && startsWithCaret(text));
  const lineEnd = !boundEnd && endsWithDollar(text);
  return {
    text: removeBoundMarks(text),
    stripped,
    flags: hoisted.flags,
    begin: beginBound,
    wordEnd: boundEnd,
    lineBegin,
    lineEnd,
  };
}

/** Length of an inline flags group `(?letters)` at `at` (word characters only), or 0. */
function flagGroupLength(text: string, at: number): number {
  if (!text.startsWith('(?', at)) return 0;
  let p = at + 2;
  while (p < text.length && /\w/.test(text.charAt(p))) p++;
  return p > at + 2 && text.charAt(p) === ')' ? p + 1 - at : 0;
}

function hoistFlags(text: string): { text: string; flags: string } {
  for (let at = text.indexOf('(?'); at >= 0; at = text.indexOf('(?', at + 1)) {
    let p = at + 2;
    while (p < text.length && text.charCodeAt(p) >= 0x61 && text.charCodeAt(p) <= 0x7a) p++;
    if (p > at + 2 && text.charAt(p) === ')') {
      return { text: text.slice(0, at) + text.slice(p + 1), flags: text.slice(at + 2, p) };
    }
  }
  return { text, flags: '' };
}

/** The pattern says itself where it starts: `^` (possibly inside parentheses or after flags) or `**`. */
function startsUnbounded(text: string): boolean {
  let parens = 0;
  while (text.charAt(parens) === '(') parens++;
  // Any number of the leading parentheses may open the flags group or the `(^` / `(?:^` group instead.
  for (let k = parens; k >= 0; k--) {
    const at = k + flagGroupLength(text, k);
    if (text.charAt(at) === '^') return true;
    let p = at;
    while (text.charAt(p) === '(') p++;
    if (text.startsWith('**', p)) return true;
    if (text.startsWith('(^', at) || text.startsWith('(?:^', at)) return true;
  }
  return false;
}

function escapedAt(text: string, at: number): boolean {
  return at > 0 && text.charAt(at - 1) === '\\';
}

/** The pattern says itself where it ends: `$`, `$)`, `\b`, `\s` or `**` (then any closing parentheses). */
function endsUnbounded(text: string): boolean {
  const n = text.length;
  if (text.endsWith('$') && !escapedAt(text, n - 1)) return true;
  if (text.endsWith('$)') && !escapedAt(text, n - 2)) return true;
  if ((text.endsWith('\\b') || text.endsWith('\\s')) && !escapedAt(text, n - 2)) return true;
  let end = n;
  while (end > 0 && text.charAt(end - 1) === ')') end--;
  return end >= 2 && text.startsWith('**', end - 2) && !escapedAt(text, end - 2);
}

/** A `(` that is not escaped, does not start an extension `(?`, and is not a conditional's `(?(`. */
export function hasUnnamedGroup(text: string): boolean {
  for (let at = text.indexOf('('); at >= 0; at = text.indexOf('(', at + 1)) {
    if (escapedAt(text, at)) continue;
    if (text.charAt(at + 1) === '?') continue;
    if (at >= 2 && text.startsWith('(?', at - 2)) continue;
    return true;
  }
  return false;
}

/** Wraps all but a leading flags group, `^`, flags group and a trailing `$` in a capturing group. */
function wrapInGroup(text: string): string {
  let p = flagGroupLength(text, 0);
  if (text.charAt(p) === '^') p++;
  p += flagGroupLength(text, p);
  let end = text.length;
  if (end > p && text.charAt(end - 1) === '$') end--;
  return `${text.slice(0, p)}(${text.slice(p, end)})${text.slice(end)}`;
}

function startsWithCaret(text: string): boolean {
  const at = flagGroupLength(text, 0);
  if (text.charAt(at) === '^') return true;
  if (text.startsWith('(^', at)) return text.charAt(at + 2) !== '|';
  if (text.startsWith('(?:^', at)) return text.charAt(at + 4) !== '|';
  return false;
}

function endsWithDollar(text: string): boolean {
  const n = text.length;
  const at = text.endsWith('$') ? n - 1 : text.endsWith('$)') ? n - 2 : -1;
  if (at < 0) return false;
  const before = at > 0 ? text.charAt(at - 1) : '';
  return before !== '\\' && before !== '|';
}

/** Drops the `**` marks (after leading parentheses or flags, before trailing parentheses). */
function removeBoundMarks(text: string): string {
  let out = text;
  let parens = 0;
  while (out.charAt(parens) === '(') parens++;
  for (let k = parens; k >= 0; k--) {
    let p = k + flagGroupLength(out, k);
    while (out.charAt(p) === '(') p++;
    if (out.startsWith('**', p)) {
      out = out.slice(0, p) + out.slice(p + 2);
      break;
    }
  }
  let end = out.length;
  while (end > 0 && out.charAt(end - 1) === ')') end--;
  if (end >= 2 && out.startsWith('**', end - 2) && !escapedAt(out, end - 2))
    out = out.slice(0, end - 2) + out.slice(end);
  return out;
}
