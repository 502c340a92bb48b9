// The merged view of one file set (e.g. jail.conf + jail.d/*.conf + jail.local + ...): files are applied
// in order, key by key. When a later file overrides a key, the earlier value is kept under the section
// `KNOWN/<section>` so that `%(known/key)s` can refer to it, as fail2ban does. Conditional sections
// such as `[Init?family=inet6]` merge into `Init` with their keys suffixed (`blocktype?family=inet6`).
import type { ParsedFile, RawEntry } from './parse-ini-text.js';

export const knownPrefix = 'KNOWN/';
const conditionalSection = /^(\w+)(\?.+)$/;

export class ConfigStore {
  readonly defaults = new Map<string, RawEntry>();
  /** Section name to its options, in order of first appearance; includes KNOWN/ sections. */
  readonly sections = new Map<string, Map<string, RawEntry>>();
  /** Where each section first appeared, for messages. */
  readonly sectionLines = new Map<string, { file: string; line: number }>();
  readonly files: string[] = [];

  static fromFiles(files: readonly ParsedFile[]): ConfigStore {
    const store = new ConfigStore();
    for (const file of files) store.merge(file);
    return store;
  }

  merge(file: ParsedFile): void {
    this.files.push(file.file);
    for (const [key, entry] of file.defaults) this.defaults.set(key, entry);
    for (const section of file.sections.values()) {
      let name = section.name;
      let options = section.options;
      const conditional = conditionalSection.exec(name);
      if (conditional !== null) {
        name = conditional[1] ?? name;
        const suffix = conditional[2] ?? '';
        options = new Map([...options].map(([key, entry]) => [key + suffix, entry]));
      }
      const existing = this.sections.get(name);
      if (existing === undefined) {
        this.sections.set(name, new Map(options));
        this.sectionLines.set(name, { file: file.file, line: section.line });
        continue;
      }
      const overridden = new Map<string, RawEntry>();
      for (const key of options.keys()) {
        const previous = existing.get(key);
        if (previous !== undefined) overridden.set(key, previous);
      }
      this.mergeSection(knownPrefix + name, overridden);
      for (const [key, entry] of options) existing.set(key, entry);
    }
  }

  /** Adds options to a section (creating it), optionally with a key prefix such as `known/`. */
  mergeSection(name: string, options: ReadonlyMap<string, RawEntry>, prefix = ''): void {
    let section = this.sections.get(name);
    if (section === undefined) {
      section = new Map();
      this.sections.set(name, section);
    }
    for (const [key, entry] of options) {
      if (prefix !== '' && key.startsWith(prefix)) continue;
      section.set(prefix + key, entry);
    }
  }

  hasSection(name: string): boolean {
    return name === 'DEFAULT' || this.sections.has(name);
  }

  /** Section names a user wrote (no KNOWN/ bookkeeping sections). */
  userSections(): string[] {
    return [...this.sections.keys()].filter((name) => !name.startsWith(knownPrefix));
  }

  /** The section's own keys, without [DEFAULT]'s. */
  ownKeys(section: string): string[] {
    return [...(this.sections.get(section)?.keys() ?? [])];
  }

  /** The raw (uninterpolated) entry: the section's own value, else [DEFAULT]'s. */
  raw(section: string, key: string): RawEntry | undefined {
    if (section !== 'DEFAULT') {
      const own = this.sections.get(section)?.get(key);
      if (own !== undefined) return own;
    }
    return this.defaults.get(key);
  }
}
