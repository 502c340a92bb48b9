// fail2ban rewrites a group that starts with global inline flags, `((?i)x)` or `(?:(?i)x)`, into the
// scoped form `(?i:x)` before compiling (Python 3.11 rejects global flags anywhere but at the start).
// Note that this turns a capturing group into a non-capturing one, as fail2ban does. A `(` right after
// a backslash is left alone; like fail2ban, this is a textual rewrite and does not parse the pattern.

const FLAG_LETTER = /^[a-z]$/;

export function scopeGroupFlags(regex: string): string {
  let out = '';
  let i = 0;
  while (i < regex.length) {
    const rewritten = i === 0 || regex[i - 1] !== '\\' ? scopedAt(regex, i) : undefined;
    if (rewritten !== undefined) {
      out += rewritten.text;
      i = rewritten.next;
    } else {
      out += regex[i] ?? '';
      i++;
    }
  }
  return out;
}

function scopedAt(regex: string, at: number): { text: string; next: number } | undefined {
  if (regex[at] !== '(') return undefined;
  let j = at + 1;
  if (regex.startsWith('?:', j)) j += 2;
  if (regex[j] !== '(' || regex[j + 1] !== '?') return undefined;
  let k = j + 2;
  while (k < regex.length && FLAG_LETTER.test(regex[k] ?? '')) k++;
  if (k === j + 2 || regex[k] !== ')') return undefined;
  return { text: `(?${regex.slice(j + 2, k)}:`, next: k + 1 };
}
