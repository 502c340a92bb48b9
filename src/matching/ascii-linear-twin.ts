// A JavaScript twin of a compiled regex for ASCII lines that V8 runs in linear time, so that such a line is
// decided and its groups read by one V8 exec instead of RE2.test and then the `u`-mode twin
// (js-capture-regex.ts): RE2.test costs 0.3-0.5 µs a call through node-re2, V8's exec 0.1-0.2 µs.
//
// Linear time: V8 has a second regex engine of its own, a breadth-first one that runs in time linear in
// the input (the "experimental" engine behind the `l` flag). With
// --enable-experimental-regexp-engine-on-excessive-backtracks, a regex this engine can run switches to it
// when the backtracking engine exceeds BACKTRACKS_BEFORE_FALLBACK backtracks on one exec, so no input can
// make it backtrack without bound. Which regexes that engine can run is V8's to say: a twin is made only
// when `new RegExp(source, 'l')` accepts its source (it throws for anything the engine cannot run in
// linear time). The flags are V8's, set once per process; where this V8 lacks them, or where the fallback
// does not take effect (checked on a pattern that backtracks exponentially), there are no twins and RE2
// decides every line, as before.
//
// That engine takes neither the `u` nor the `i` flag, so the twin is written for ASCII input, where the
// `u`-mode source means the same without `u`: \p{L} is [A-Za-z], \p{N} and \p{Nd} are [0-9], \u{XX} is
// \u00XX. A pattern with anything else that differs (astral code points, non-ASCII characters written as
// themselves, case folding) gets no twin. The engine also refuses bounded repetitions nested more than 16
// copies deep (fail2ban's IPv6 pattern repeats a {1,4} inside a {1,7}): a single-character item's {m,n}
// is written out as m copies and n-m optional ones, which a backtracking engine tries in the same order
// (by length, greatest first; lazy: least first) and so finds the same match with the same groups.
import { setFlagsFromString } from 'node:v8';
import { performance } from 'node:perf_hooks';

/** Backtracks of one exec before V8 reruns it on its linear engine (V8's own default is 50,000). */
export const BACKTRACKS_BEFORE_FALLBACK = 10_000;
/** Longer ASCII lines go to RE2 (its worst case per character is lower than the fallback engine's). */
export const ASCII_TWIN_MAX_LENGTH = 1024;
/** Bounded repetitions of a single character item up to this count are written out. */
const MAX_UNROLL = 16;

/** V8's flag for its linear engine (with --enable-experimental-regexp-engine; a syntax error without). */
const LINEAR_FLAG = 'l';

let fallback: boolean | undefined;

/**
 * Whether this process runs linear-time-capable regexes with the backtracking fallback. Sets V8's flags
 * on the first call, then checks that they took: a regex that backtracks exponentially (2^24 steps, about
 * half a second without the fallback) must finish within 100 ms; a false answer only costs speed.
 */
export function linearFallbackAvailable(): boolean {
  if (fallback !== undefined) return fallback;
  fallback = false;
  try {
    setFlagsFromString('--enable-experimental-regexp-engine');
    setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
    setFlagsFromString(`--regexp-backtracks-before-fallback=${BACKTRACKS_BEFORE_FALLBACK}`);
    new RegExp('a', LINEAR_FLAG);
    const exponential = new RegExp('^(?:a|a)*$');
    const started = performance.now();
    const found = exponential.exec(`${'a'.repeat(24)}b`);
    fallback = found === null && performance.now() - started < 100;
  } catch {
    fallback = false;
  }
  return fallback;
}

/** `\p{...}` classes of the `u`-mode twin as ASCII ranges (without brackets). */
const ASCII_PROPERTY: Readonly<Record<string, string>> = { L: 'A-Za-z', N: '0-9', Nd: '0-9' };

/** One item of the source: its text and whether it matches exactly one character. */
interface Item {
  readonly text: string;
  readonly single: boolean;
}

/**
 * Rewrites a `u`-mode twin's source (js-capture-regex.ts prints it) for ASCII input without the `u`
 * flag, bounded repetitions of single characters written out; undefined when it has no such form.
 */
export function asciiTwinSource(source: string): string | undefined {
  const items: Item[] = [];
  let i = 0;
  const escape = (at: number): { text: string; length: number } | undefined => {
    const next = source[at + 1];
    if (next === undefined) return undefined;
    if (next === 'u' && source[at + 2] === '{') {
      const close = source.indexOf('}', at);
      const code = Number.parseInt(source.slice(at + 3, close), 16);
      if (close < 0 || !Number.isInteger(code) || code > 0xffff) return undefined;
      return { text: `\\u${code.toString(16).padStart(4, '0')}`, length: close - at + 1 };
    }
    // A negated property (\P{...}) is left to RE2.
    if (next === 'P') return undefined;
    if (next === 'p') {
      const close = source.indexOf('}', at);
      const range = ASCII_PROPERTY[source.slice(at + 3, close)];
      if (source[at + 2] !== '{' || close < 0 || range === undefined) return undefined;
      return { text: range, length: close - at + 1 };
    }
    return { text: `\\${next}`, length: 2 };
  };
  while (i < source.length) {
    const c = source.charAt(i);
    if (c.charCodeAt(0) > 0x7f) return undefined;
    if (c === '\\') {
      const e = escape(i);
      if (e === undefined) return undefined;
      items.push({
        text: source[i + 1] === 'p' ? `[${e.text}]` : e.text,
        single: !['b', 'B'].includes(source[i + 1] ?? ''),
      });
      i += e.length;
    } else if (c === '[') {
      let text = '[';
      let j = i + 1;
      if (source[j] === '^') {
        text += '^';
        j++;
      }
      for (; j < source.length && source[j] !== ']'; j++) {
        const d = source.charAt(j);
        if (d.charCodeAt(0) > 0x7f) return undefined;
        if (d === '\\') {
          const e = escape(j);
          if (e === undefined) return undefined;
          text += e.text;
          j += e.length - 1;
        } else {
          text += d;
        }
      }
      if (j >= source.length) return undefined;
      items.push({ text: `${text}]`, single: true });
      i = j + 1;
    } else if (c === '{') {
      const quantifier = /^\{(\d+)(?:(,)(\d*))?\}(\??)/.exec(source.slice(i));
      const last = items[items.length - 1];
      if (quantifier === null || last === undefined) return undefined;
      const min = Number(quantifier[1]);
      const max = quantifier[2] === undefined ? min : quantifier[3] === '' ? Infinity : Number(quantifier[3]);
      const lazy = quantifier[4] === '?';
      if (last.single && max <= MAX_UNROLL) {
        const optional = lazy ? `${last.text}??` : `${last.text}?`;
        items[items.length - 1] = {
          text: last.text.repeat(min) + optional.repeat(max - min),
          single: false,
        };
      } else {
        items.push({ text: quantifier[0], single: false });
      }
      i += quantifier[0].length;
    } else {
      items.push({ text: c, single: !'()|^$*+?'.includes(c) });
      i++;
    }
  }
  return items.map((item) => item.text).join('');
}

/**
 * The ASCII twin of a `u`-mode twin with `groups` capturing groups, or undefined where there is none:
 * no fallback in this process, case folding, a source without an ASCII form, or one V8's linear engine
 * cannot run.
 */
export function createAsciiLinearTwin(twin: RegExp, groups: number): RegExp | undefined {
  if (twin.flags !== 'u' || !linearFallbackAvailable()) return undefined;
  const source = asciiTwinSource(twin.source);
  if (source === undefined) return undefined;
  try {
    new RegExp(source, LINEAR_FLAG);
    const regex = new RegExp(source);
    const count = (new RegExp(`${source}|`).exec('')?.length ?? 0) - 1;
    return count === groups ? regex : undefined;
  } catch {
    return undefined;
  }
}
