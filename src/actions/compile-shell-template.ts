// Finds the ban-time tags in an action command (after the configuration pass) and the shell quoting
// context each one sits in: unquoted, inside "...", inside '...', or in a here-document body. The
// renderer uses the context to write a reference to an environment variable that the shell expands
// as one piece of data in every one of them. Done once per command at configuration time.
//
// The scanner follows POSIX sh quoting: backslash escapes, '...', "...", `...` and $(...) nesting
// (each with its own quoting), # comments and here-documents (<<WORD, <<-WORD, quoted WORD). It does
// not need to be a full parser: a misjudged context can only turn a reference into literal text or an
// unquoted expansion, never into code, because the value itself is never part of the script.
import { Fail2nftError } from '../core/errors.js';
import { banTimeTagKind } from './ban-time-tags.js';

export type ShellContext = 'plain' | 'double' | 'single' | 'heredoc' | 'quoted-heredoc';

export interface ShellTag {
  readonly tag: string;
  readonly context: ShellContext;
}

export type ShellSegment = string | ShellTag;

export interface ShellTemplate {
  readonly segments: readonly ShellSegment[];
}

type Frame =
  | { readonly type: 'plain' }
  | { readonly type: 'double' }
  | { readonly type: 'backtick' }
  | { readonly type: 'command'; depth: number };

interface PendingHeredoc {
  readonly delimiter: string;
  readonly quoted: boolean;
  readonly stripTabs: boolean;
}

const tagAt = /<([^ <>]+)>/y;
const heredocWord = /<<(-?)[ \t]*((?:[^\s;&|<>()'"\\]|'[^']*'|"[^"]*"|\\.)+)/y;
const wordStartBefore = /[\s;&|()]/;

class Scanner {
  private readonly segments: ShellSegment[] = [];
  private text = '';
  private readonly stack: Frame[] = [{ type: 'plain' }];
  private readonly heredocs: PendingHeredoc[] = [];
  private i = 0;

  constructor(private readonly source: string) {}

  run(): ShellTemplate {
    const source = this.source;
    while (this.i < source.length) {
      const frame = this.stack[this.stack.length - 1] ?? { type: 'plain' };
      if (this.tryTag(frame.type === 'double' ? 'double' : 'plain')) continue;
      const char = source[this.i] ?? '';
      if (frame.type === 'double') this.stepDouble(char);
      else this.stepUnquoted(char, frame);
    }
    this.flush();
    return { segments: this.segments };
  }

  private flush(): void {
    if (this.text !== '') this.segments.push(this.text);
    this.text = '';
  }

  private copy(count: number): void {
    this.text += this.source.slice(this.i, this.i + count);
    this.i += count;
  }

  /** A ban-time tag at the current position becomes a segment; other <...> text stays text. */
  private tryTag(context: ShellContext): boolean {
    if (this.source[this.i] !== '<') return false;
    tagAt.lastIndex = this.i;
    const match = tagAt.exec(this.source);
    const tag = match?.[1];
    if (match === null || tag === undefined) return false;
    const kind = banTimeTagKind(tag);
    if (kind === undefined) return false;
    if (context === 'quoted-heredoc' && kind === 'free-text') {
      throw new Fail2nftError(
        'F2N_ERR_ACTION_UNSAFE_TEMPLATE',
        `<${tag}> is inside a quoted here-document (<<'WORD'), where a log-derived value cannot be passed safely`,
        { tag },
      );
    }
    this.flush();
    this.segments.push({ tag, context });
    this.i += match[0].length;
    return true;
  }

  private stepDouble(char: string): void {
    if (char === '\\') this.copy(2);
    else if (char === '"') {
      this.stack.pop();
      this.copy(1);
    } else if (char === '`') {
      this.stack.push({ type: 'backtick' });
      this.copy(1);
    } else if (char === '$' && this.source[this.i + 1] === '(') {
      this.stack.push({ type: 'command', depth: 0 });
      this.copy(2);
    } else this.copy(1);
  }

  private stepUnquoted(char: string, frame: Frame): void {
    const source = this.source;
    switch (char) {
      case '\\':
        this.copy(2);
        return;
      case "'":
        this.singleQuoted();
        return;
      case '"':
        this.stack.push({ type: 'double' });
        this.copy(1);
        return;
      case '`':
        if (frame.type === 'backtick') this.stack.pop();
        else this.stack.push({ type: 'backtick' });
        this.copy(1);
        return;
      case '$':
        if (source[this.i + 1] === '(') {
          this.stack.push({ type: 'command', depth: 0 });
          this.copy(2);
        } else this.copy(1);
        return;
      case '(':
        if (frame.type === 'command') frame.depth++;
        this.copy(1);
        return;
      case ')':
        if (frame.type === 'command') {
          if (frame.depth === 0) this.stack.pop();
          else frame.depth--;
        }
        this.copy(1);
        return;
      case '#':
        if (this.i === 0 || wordStartBefore.test(source[this.i - 1] ?? '')) this.comment();
        else this.copy(1);
        return;
      case '<':
        if (!this.heredocOperator()) this.copy(1);
        return;
      case '\n':
        this.copy(1);
        if (this.heredocs.length > 0) this.heredocBodies();
        return;
      default:
        this.copy(1);
    }
  }

  private singleQuoted(): void {
    this.copy(1);
    const end = this.source.indexOf("'", this.i);
    const stop = end < 0 ? this.source.length : end;
    while (this.i < stop) {
      if (this.source[this.i] === '<' && this.tryTagBefore(stop, 'single')) continue;
      this.copy(1);
    }
    if (end >= 0) this.copy(1);
  }

  /** A tag that ends before `stop` (the closing quote or the end of a line). */
  private tryTagBefore(stop: number, context: ShellContext): boolean {
    tagAt.lastIndex = this.i;
    const match = tagAt.exec(this.source);
    if (match === null || this.i + match[0].length > stop) return false;
    return this.tryTag(context);
  }

  /** Quotes in a comment mean nothing; tags are still filled in (harmlessly), as fail2ban does. */
  private comment(): void {
    const end = this.source.indexOf('\n', this.i);
    const stop = end < 0 ? this.source.length : end;
    while (this.i < stop) {
      if (this.source[this.i] === '<' && this.tryTagBefore(stop, 'plain')) continue;
      this.copy(1);
    }
  }

  private heredocOperator(): boolean {
    const source = this.source;
    if (source[this.i + 1] !== '<' || source[this.i + 2] === '<') return false;
    heredocWord.lastIndex = this.i;
    const match = heredocWord.exec(source);
    const word = match?.[2];
    if (match === null || word === undefined) return false;
    // `<<fq-hostname>>` is a tag in angle brackets (a mail address), not a here-document.
    if (source[this.i + match[0].length] === '>') return false;
    const quoted = /['"\\]/.test(word);
    this.heredocs.push({
      delimiter: word.replace(/['"\\]/g, ''),
      quoted,
      stripTabs: match[1] === '-',
    });
    this.copy(match[0].length);
    return true;
  }

  private heredocBodies(): void {
    const source = this.source;
    for (const heredoc of this.heredocs.splice(0)) {
      const context: ShellContext = heredoc.quoted ? 'quoted-heredoc' : 'heredoc';
      while (this.i < source.length) {
        const end = source.indexOf('\n', this.i);
        const lineEnd = end < 0 ? source.length : end;
        const line = source.slice(this.i, lineEnd);
        const closing = (heredoc.stripTabs ? line.replace(/^\t+/, '') : line) === heredoc.delimiter;
        while (this.i < lineEnd) {
          if (!closing && this.source[this.i] === '<' && this.tryTagBefore(lineEnd, context)) continue;
          this.copy(1);
        }
        if (end >= 0) this.copy(1);
        if (closing) break;
      }
    }
  }
}

/** Throws F2N_ERR_ACTION_UNSAFE_TEMPLATE for a free-text tag in a quoted here-document. */
export function compileShellTemplate(text: string): ShellTemplate {
  return new Scanner(text).run();
}
