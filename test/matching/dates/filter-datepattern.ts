// Test support: the `datepattern` a fail2ban filter file resolves to, read from an installed fail2ban
// configuration (/etc/fail2ban) so the corpus test uses the patterns fail2ban would. Just enough of the
// configuration language for datepattern: sections, continuation lines, [INCLUDES] before/after,
// %(name)s and <section/name> references with the filter options, and %% for a literal percent sign.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Sections = Map<string, Map<string, string>>;

function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') {
      key = raw.trim() === '' ? undefined : key;
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      const name = header[1] ?? '';
      section = sections.get(name) ?? new Map<string, string>();
      sections.set(name, section);
      key = undefined;
      continue;
    }
    if (/^\s/.test(raw) && key !== undefined && section !== undefined) {
      section.set(key, `${section.get(key) ?? ''}\n${raw.trim()}`);
      continue;
    }
    const option = /^([^=:\s][^=:]*?)\s*[=:]\s?(.*)$/.exec(raw);
    if (option && section !== undefined) {
      key = (option[1] ?? '').trim();
      section.set(key, (option[2] ?? '').trim());
    }
  }
  return sections;
}

function load(dir: string, file: string, depth = 0): Sections {
  const merged: Sections = new Map();
  const path = join(dir, file);
  if (depth > 5 || !existsSync(path)) return merged;
  const own = parseIni(readFileSync(path, 'utf8'));
  const includes = own.get('INCLUDES');
  const list = (k: string): string[] => (includes?.get(k) ?? '').split(/\s+/).filter((f) => f !== '');
  const parts = [
    ...list('before').map((f) => load(dir, f, depth + 1)),
    own,
    ...list('after').map((f) => load(dir, f, depth + 1)),
  ];
  for (const part of parts) {
    for (const [name, options] of part) {
      const target = merged.get(name) ?? new Map<string, string>();
      for (const [k, v] of options) target.set(k, v);
      merged.set(name, target);
    }
  }
  return merged;
}

/**
 * The datepattern of filter `name` with the given filter options, or undefined when the filter sets none
 * (fail2ban then uses all default templates). Returns null when the filter file does not exist.
 */
export function filterDatePattern(
  configDir: string,
  name: string,
  options: Readonly<Record<string, string>>,
): string | undefined | null {
  const dir = join(configDir, 'filter.d');
  if (!existsSync(join(dir, `${name}.conf`))) return null;
  const sections = load(dir, `${name}.conf`);
  const lookup = (section: string, key: string): string | undefined => {
    if (section === 'Definition' && key in options) return options[key];
    for (const s of section === 'Definition' ? ['Definition', 'Init', 'DEFAULT'] : [section, 'DEFAULT']) {
      const value = sections.get(s)?.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const raw = lookup('Definition', 'datepattern');
  if (raw === undefined) return undefined;
  let value = raw;
  for (let round = 0; round < 10; round++) {
    const before = value;
    value = value.replace(/%\((\w+)(?:\/(\w+))?\)s/g, (whole, a: string, b: string | undefined) =>
      b === undefined ? (lookup('Definition', a) ?? whole) : (lookup(a, b) ?? whole),
    );
    value = value.replace(/<([\w-]+)\/([\w-]+)>/g, (whole, s: string, k: string) => lookup(s, k) ?? whole);
    value = value.replace(/<([\w-]+)>/g, (whole, k: string) => lookup('Definition', k) ?? whole);
    if (value === before) break;
  }
  return value.replace(/%%/g, '%');
}
