// `filter = name[key=value, key2="a,b"]` and `action = a[...]  b[...][...]`: the reference syntax fail2ban
// uses for filters and actions with parameters. Values may be "double" or 'single' quoted (then they
// may hold commas and brackets) or bare (up to the next comma or bracket); `][` starts another group.
import { Fail2nftError } from '../core/errors.js';

export interface OptionReference {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
}

const keyChars = /[\w.-]/;

function fail(text: string, offset: number, why: string): never {
  throw new Fail2nftError(
    'F2N_ERR_CONFIG_BAD_REFERENCE',
    `invalid reference ${JSON.stringify(text.length > 80 ? text.slice(0, 77) + '...' : text)}: ${why} at offset ${offset}`,
  );
}

/** Parses the `key=value, ...` list between the outer brackets. */
function parseParams(text: string, body: string, bodyOffset: number): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  const skipSpace = (): void => {
    while (i < body.length && /\s/.test(body[i] ?? '')) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= body.length) return params;
    const keyStart = i;
    while (i < body.length && keyChars.test(body[i] ?? '')) i++;
    if (i === keyStart || body[i] !== '=') fail(text, bodyOffset + i, 'expected key=value');
    const key = body.slice(keyStart, i);
    i++;
    let value: string;
    const quote = body[i];
    if (quote === '"' || quote === "'") {
      const end = body.indexOf(quote, i + 1);
      if (end < 0) fail(text, bodyOffset + i, `unterminated ${quote} quote`);
      value = body.slice(i + 1, end);
      i = end + 1;
    } else {
      const start = i;
      while (i < body.length && body[i] !== ',' && body[i] !== ']') i++;
      value = body.slice(start, i);
    }
    params.set(key.trim(), value.trim());
    if (i >= body.length) return params;
    if (body[i] === ',') {
      i++;
      continue;
    }
    // `][` separates parameter groups: a[x=1][y=2].
    const groupBreak = /^\]\s*\[/.exec(body.slice(i));
    if (groupBreak !== null) {
      i += groupBreak[0].length;
      continue;
    }
    skipSpace();
    if (i >= body.length) return params;
    fail(text, bodyOffset + i, `unexpected ${JSON.stringify(body.slice(i, i + 20))} after option '${key}'`);
  }
}

/** Splits `name[params]` into its name and parameters. */
export function parseOptionReference(text: string): OptionReference {
  const trimmed = text.trim();
  const open = trimmed.indexOf('[');
  if (open < 0) {
    if (trimmed === '') fail(text, 0, 'empty name');
    return { name: trimmed, params: new Map() };
  }
  const name = trimmed.slice(0, open).trim();
  if (name === '') fail(text, 0, 'empty name');
  if (!trimmed.endsWith(']')) fail(text, trimmed.length, "missing closing ']'");
  const body = trimmed.slice(open + 1, -1);
  return { name, params: parseParams(text, body, open + 1) };
}

/** Index just past a bracketed parameter list starting at `start` (which holds '['), or -1. */
function skipBrackets(text: string, start: number): number {
  let i = start;
  while (text[i] === '[') {
    i++;
    while (i < text.length && text[i] !== ']') {
      const c = text[i];
      if (c === '"' || c === "'") {
        const end = text.indexOf(c, i + 1);
        if (end < 0) return -1;
        i = end + 1;
      } else {
        i++;
      }
    }
    if (i >= text.length) return -1;
    i++;
    // `][` continues with another group.
    let j = i;
    while (j < text.length && /\s/.test(text[j] ?? '')) j++;
    if (text[j] !== '[' || text[i - 1] !== ']' || j !== i) break;
  }
  return i;
}

/**
 * Splits a list of references separated by white space or new lines (`action = a[x=1]\n  b`), keeping
 * bracketed parameters (which may hold spaces and new lines) with their name.
 */
export function splitOptionReferences(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !/[\s[]/.test(text[i] ?? '')) i++;
    let j = i;
    while (j < text.length && /\s/.test(text[j] ?? '')) j++;
    if (text[j] === '[' && j > start) {
      const end = skipBrackets(text, j);
      if (end > 0) {
        out.push(text.slice(start, end).trim());
        i = end;
        continue;
      }
    }
    // No parameter list: the next run of non-space characters.
    while (i < text.length && !/\s/.test(text[i] ?? '')) i++;
    out.push(text.slice(start, i));
  }
  return out;
}
