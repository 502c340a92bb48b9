// `%(name)s` interpolation with fail2ban's rules: values come from the caller's variables, then the
// section, then [DEFAULT]; `%(__name__)s` is the section name; `%(known/x)s` is the value x had before
// the last file that overrode it (else [DEFAULT]'s), `%(default/x)s` is [DEFAULT]'s, `%(sec/x)s` is
// section sec's (else [DEFAULT]'s). `%%` is a literal percent. Nesting stops at depth 10, as Python's.
import { Fail2nftError } from '../core/errors.js';
import { knownPrefix, type ConfigStore } from './config-store.js';
import type { SourceRef } from './config-problem.js';

const maxDepth = 10;
const reference = /^%\(([^)]+)\)s/;
const sectionReference = /^([\w-]+)\/(.+)$/;

export type Variables = ReadonlyMap<string, string>;

function lookup(store: ConfigStore, section: string, name: string, vars: Variables | undefined): string | undefined {
  if (name === '__name__') return section;
  const fromVars = vars?.get(name);
  if (fromVars !== undefined) return fromVars;
  const direct = store.raw(section, name)?.value;
  if (direct !== undefined) return direct;
  const qualified = sectionReference.exec(name);
  if (qualified === null) return undefined;
  const owner = qualified[1] ?? '';
  const key = qualified[2] ?? '';
  const ownerLower = owner.toLowerCase();
  if (ownerLower === 'known') {
    return store.sections.get(knownPrefix + section)?.get(key)?.value ?? store.defaults.get(key)?.value;
  }
  if (ownerLower === 'default') return store.defaults.get(key)?.value;
  const other = store.sections.get(owner);
  if (other === undefined) return undefined;
  return other.get(key)?.value ?? store.defaults.get(key)?.value;
}

/**
 * Expands `%(...)s` references in `text` as if it were the value of `option` in `section`.
 * Throws Fail2nftError (with `at` as position) for a missing reference, bad syntax or a loop.
 */
export function interpolateValue(
  store: ConfigStore,
  section: string,
  option: string,
  text: string,
  at: SourceRef,
  vars?: Variables,
): string {
  const expand = (value: string, depth: number): string => {
    if (depth > maxDepth) {
      throw new Fail2nftError(
        'F2N_ERR_CONFIG_INTERPOLATION_DEPTH',
        `option '${option}' in [${section}]: %(...)s references nest deeper than ${maxDepth} (a loop?)`,
        { file: at.file, line: at.line },
      );
    }
    let out = '';
    let rest = value;
    for (;;) {
      const percent = rest.indexOf('%');
      if (percent < 0) return out + rest;
      out += rest.slice(0, percent);
      rest = rest.slice(percent);
      const next = rest[1];
      if (next === '%') {
        out += '%';
        rest = rest.slice(2);
        continue;
      }
      if (next !== '(') {
        throw new Fail2nftError(
          'F2N_ERR_CONFIG_INTERPOLATION',
          `option '${option}' in [${section}]: '%' must be followed by '%' or '(' (write %% for a literal %), found ${JSON.stringify(rest.slice(0, 20))}`,
          { file: at.file, line: at.line },
        );
      }
      const match = reference.exec(rest);
      if (match === null) {
        throw new Fail2nftError(
          'F2N_ERR_CONFIG_INTERPOLATION',
          `option '${option}' in [${section}]: bad reference ${JSON.stringify(rest.slice(0, 30))} (expected %(name)s)`,
          { file: at.file, line: at.line },
        );
      }
      const name = (match[1] ?? '').toLowerCase();
      rest = rest.slice(match[0].length);
      const found = lookup(store, section, name, vars);
      if (found === undefined) {
        throw new Fail2nftError(
          'F2N_ERR_CONFIG_INTERPOLATION',
          `option '${option}' in [${section}] refers to %(${name})s, which is not defined`,
          { file: at.file, line: at.line },
        );
      }
      out += found.includes('%') ? expand(found, depth + 1) : found;
    }
  };
  return expand(text, 1);
}

export type OptionLookup =
  | { readonly kind: 'value'; readonly value: string; readonly at: SourceRef }
  | { readonly kind: 'no-section' }
  | { readonly kind: 'no-option' };

/** configparser's get(): the interpolated value of an option (vars, then the section, then [DEFAULT]). */
export function getOption(store: ConfigStore, section: string, option: string, vars?: Variables): OptionLookup {
  if (!store.hasSection(section)) return { kind: 'no-section' };
  const key = option.toLowerCase();
  const fromVars = vars?.get(key);
  const entry = store.raw(section, key);
  const at = entry ?? { file: store.files.at(-1) ?? '', line: 0 };
  const raw = fromVars ?? entry?.value;
  if (raw === undefined) return { kind: 'no-option' };
  return { kind: 'value', value: interpolateValue(store, section, key, raw, at, vars), at };
}
