// A JavaScript RegExp twin of a compiled failregex, used only to read the groups of a match that RE2 has
// already found. node-re2 builds its exec results slowly (a Buffer or string per group, named groups,
// `index` and `input` set from C++): about 1.5 µs for a group-less pattern and 3 to 10 µs for fail2ban's
// prefregexes and failregexes on a mail log line, against 0.1 to 0.5 µs for RE2.test and 0.15 to 0.2 µs
// for V8's exec of the same pattern on the decoded line. So the matcher decides with RE2.test and reads
// the groups with this twin.
//
// Same groups: RE2 and V8 both pick the leftmost match and, within it, the first alternative and the
// greediness order of a backtracking engine, and number groups by their opening parenthesis. The printed
// RE2 syntax (print-re2-regex.ts) is rewritten to V8's `u` mode; a pattern using anything without an exact
// twin here (post-match checks, inline case or multi-line modes, \b under case folding) gets none and
// the caller keeps RE2.exec. V8 backtracks, so the twin only ever runs on a line RE2 said matches, and
// only on lines up to JS_CAPTURE_MAX_LENGTH characters: a search for a match known to exist rarely
// wanders, but a pathological pattern could still make it slow (as fail2ban's own Python engine is on
// every line).
import type { CompiledFailregex } from './regex/compile-failregex.js';

/** Longer inputs use RE2.exec (linear time, whatever the pattern). */
export const JS_CAPTURE_MAX_LENGTH = 4096;

/**
 * Rewrites printed RE2 syntax as JavaScript `u`-mode syntax, or returns undefined for a construct
 * without an exact JavaScript form.
 */
export function re2SourceToJs(source: string, ignoreCase: boolean): string | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) return undefined;
      if (next === 'x' && source[i + 2] === '{') {
        const close = source.indexOf('}', i);
        if (close < 0) return undefined;
        out += `\\u{${source.slice(i + 3, close)}}`;
        i = close;
        continue;
      }
      if (!inClass && next === 'A') {
        out += '^';
      } else if (!inClass && next === 'z') {
        out += '$';
      } else if (next === 'b' || next === 'B') {
        // V8 folds ſ and K into \w under `iu`; RE2's \b is plain ASCII.
        if (ignoreCase || inClass) return undefined;
        out += `\\${next}`;
      } else if (next === 'p' || next === 'P') {
        const close = source.indexOf('}', i);
        const name = source.slice(i + 3, close);
        if (source[i + 2] !== '{' || close < 0 || !['L', 'N', 'Nd'].includes(name)) return undefined;
        out += source.slice(i, close + 1);
        i = close;
        continue;
      } else if ('tnr\\^$.|?*+()[]{}-'.includes(next)) {
        out += `\\${next}`;
      } else {
        return undefined;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        out += c;
        if (source[i + 1] === '^') {
          out += '^';
          i++;
        }
        break;
      case '.':
        // RE2's `.` stops only at \n; V8's also at \r, U+2028 and U+2029.
        out += '[^\\n]';
        break;
      case '(':
        if (source.startsWith('(?P<', i)) {
          // Groups are read by number (as from RE2): a named one would make V8 build a groups object
          // on every exec for nothing.
          const close = source.indexOf('>', i);
          if (close < 0) return undefined;
          out += '(';
          i = close;
        } else if (source.startsWith('(?s:.)', i)) {
          out += '[^]';
          i += 5;
        } else if (source.startsWith('(?:', i) || source[i + 1] !== '?') {
          out += c;
        } else {
          return undefined;
        }
        break;
      default:
        out += c;
    }
  }
  return inClass ? undefined : out;
}

/** The twin of a compiled single-line regex, or undefined when it has none. */
export function createJsCaptureRegex(compiled: CompiledFailregex): RegExp | undefined {
  const { translation } = compiled;
  if (translation.checks.length > 0) return undefined;
  if (translation.flags !== '' && translation.flags !== 'i') return undefined;
  const ignoreCase = translation.flags === 'i';
  const source = re2SourceToJs(translation.source, ignoreCase);
  if (source === undefined) return undefined;
  let regex: RegExp;
  let groups: number;
  try {
    regex = new RegExp(source, ignoreCase ? 'iu' : 'u');
    // The number of groups, read from a match of the empty alternative.
    groups = (new RegExp(`${source}|`, 'u').exec('')?.length ?? 0) - 1;
  } catch {
    return undefined;
  }
  return groups === translation.groupCount ? regex : undefined;
}
