// Recursive `<tag>` substitution among the options of a filter or action, as fail2ban does it: a value's
// `<name>` is replaced by option `name` (or by what `lookup` finds, e.g. another [Definition] option or
// `<section/option>`), repeatedly, so `<mdre-<mode>>` first becomes `<mdre-normal>` and then its value.
// Unknown tags (`<HOST>`, `<ip>`) stay for later stages. A tag that refers to itself is an error.
import { Fail2nftError } from '../core/errors.js';

const tagPattern = /<([^ <>]+)>/g;
const maxReplaceCount = 25;

export interface SubstituteOptions {
  /** Tags never replaced (and options never rewritten). */
  readonly ignore?: ReadonlySet<string>;
  /** Conditional suffix, e.g. `family=inet6`: `<x>` prefers option `x?family=inet6`. */
  readonly conditional?: string;
  /** Fallback for tags that are not options. */
  readonly lookup?: (tag: string) => string | undefined;
}

function findTag(value: string, from: number): RegExpExecArray | null {
  tagPattern.lastIndex = from;
  return tagPattern.exec(value);
}

export function substituteTags(
  input: ReadonlyMap<string, string>,
  options: SubstituteOptions = {},
): Map<string, string> {
  const tags = new Map(input);
  const ignore = options.ignore ?? new Set<string>();
  const done = new Set<string>();
  const counts = new Map<string, Map<string, number>>();
  const keys = [...tags.keys()];
  for (let round = 0; ; round++) {
    let again = false;
    for (const tag of keys) {
      if (ignore.has(tag) || done.has(tag)) continue;
      const original = tags.get(tag) ?? '';
      let value = original;
      const replaced = counts.get(tag) ?? new Map<string, number>();
      let match = findTag(value, 0);
      while (match !== null) {
        const name = match[1] ?? '';
        if (ignore.has(name)) {
          match = findTag(value, match.index + match[0].length);
          continue;
        }
        if (name === tag || (replaced.get(name) ?? 1) > maxReplaceCount) {
          throw new Fail2nftError(
            'F2N_ERR_CONFIG_TAG_LOOP',
            `option '${tag}' refers to itself through <${name}> and cannot be resolved`,
            { tag, found: name },
          );
        }
        let replacement: string | undefined;
        if (options.conditional !== undefined) replacement = tags.get(`${name}?${options.conditional}`);
        replacement ??= tags.get(name) ?? options.lookup?.(name);
        if (replacement === undefined) {
          match = findTag(value, match.index + match[0].length);
          continue;
        }
        value = value.split(`<${name}>`).join(replacement);
        replaced.set(name, (replaced.get(name) ?? 0) + 1);
        match = findTag(value, match.index);
      }
      if (value !== original) {
        if (findTag(value, 0) !== null) {
          counts.set(tag, replaced);
          again = true;
        }
        tags.set(tag, value);
      }
      if (!value.includes('<')) done.add(tag);
    }
    // Each round either finishes or grows a per-tag replacement count capped above; the cap ends loops.
    if (!again || round > maxReplaceCount * keys.length) break;
  }
  return tags;
}
