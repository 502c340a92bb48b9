// The modes a filter offers. fail2ban has no declaration of them: a filter selects its regexes with
// `<prefix<mode>suffix>` tag references (postfix: `<mdpr-<mode>>`, `<mdre-<mode>>`; sshd also
// `<mdre-<mode>-other>`), so a mode is a name X for which every such reference finds an option
// `prefixXsuffix`. Requiring all references keeps sshd's `mdre-normal-other` from passing for a mode.
import { readFileSync } from 'node:fs';
import { ProblemList } from '../../src/config/config-problem.js';
import { parseIniText } from '../../src/config/parse-ini-text.js';

const modeReference = /<([\w-]*)<mode>([\w-]*)>/g;

/**
 * Modes offered by a filter whose files define `options` (name → raw value, every section merged):
 * the `mode` option's value first, then the others in name order. Empty when the filter has no modes.
 */
export function filterModes(options: ReadonlyMap<string, string>): string[] {
  const references = new Map<string, { prefix: string; suffix: string }>();
  for (const value of options.values()) {
    for (const match of value.matchAll(modeReference)) {
      const prefix = match[1] ?? '';
      const suffix = match[2] ?? '';
      references.set(`${prefix}\u0000${suffix}`, { prefix, suffix });
    }
  }
  if (references.size === 0) return [];
  let modes: Set<string> | undefined;
  for (const { prefix, suffix } of references.values()) {
    const found = new Set<string>();
    for (const name of options.keys()) {
      if (name.length <= prefix.length + suffix.length) continue;
      if (name.startsWith(prefix) && name.endsWith(suffix))
        found.add(name.slice(prefix.length, name.length - suffix.length));
    }
    modes = modes === undefined ? found : new Set([...modes].filter((mode) => found.has(mode)));
  }
  const fallback = options.get('mode')?.trim();
  const sorted = [...(modes ?? [])].sort();
  if (fallback === undefined || fallback === '') return sorted;
  return [fallback, ...sorted.filter((mode) => mode !== fallback)];
}

/** Every option of the given configuration files (later files win), for filterModes. */
export function readFilterOptions(files: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  // The files were loaded by loadFilter already, which reports their syntax problems with file and line.
  const problems = new ProblemList();
  for (const file of files) {
    const parsed = parseIniText(readFileSync(file, 'utf8'), file, problems);
    for (const [name, entry] of parsed.defaults) options.set(name, entry.value);
    for (const section of parsed.sections.values())
      for (const [name, entry] of section.options) options.set(name, entry.value);
  }
  return options;
}
