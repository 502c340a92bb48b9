// A filter.d or action.d file set read the way fail2ban reads it: options of [Definition] interpolated
// with the jail's values as variables, [Init] values as defaults for the parameters a jail passes
// (`filter = name[key=value]`), and <tag> substitution across the combined options.
import { interpolateValue, getOption, type Variables } from './interpolate-value.js';
import { substituteTags } from './substitute-tags.js';
import type { ConfigStore } from './config-store.js';

const definition = 'Definition';
const init = 'Init';
const conditionalKey = /^(\w+)(\?.+)$/;
const sectionOption = /^([\w-]+)\/([^\s>]+)$/;

export class DefinitionFile {
  /** Parameters from the jail, then [Init] values and their `known/` copies. */
  readonly initOpts: Map<string, string>;
  private opts = new Map<string, string>();
  private pOpts: Variables = new Map();
  private readonly lookupCache = new Map<string, string | undefined>();

  constructor(
    readonly store: ConfigStore,
    params: ReadonlyMap<string, string>,
  ) {
    this.initOpts = new Map(params);
  }

  hasOwnDefinitionOption(key: string): boolean {
    return this.store.sections.get(definition)?.has(key) ?? false;
  }

  /**
   * Reads the listed [Definition] options (skipping those the jail already sets: the jail's value wins),
   * then records [Init]; with `all`, every own [Definition] option too (for the jail's `known/` view).
   */
  readOptions(names: readonly string[], jailOptions: Variables, all: boolean): void {
    const pOpts = new Map(jailOptions);
    for (const [key, value] of this.initOpts) pOpts.set(key, value);
    this.pOpts = pOpts;
    this.lookupCache.clear();
    const opts = new Map<string, string>();
    for (const name of names) {
      if (pOpts.has(name)) continue;
      const found = getOption(this.store, definition, name, pOpts);
      if (found.kind === 'value') opts.set(name, found.value);
    }
    this.opts = opts;
    const initSection = this.store.sections.get(init);
    if (initSection !== undefined) {
      for (const key of initSection.keys()) {
        const entry = initSection.get(key);
        if (entry === undefined) continue;
        const value = (): string => interpolateValue(this.store, init, key, entry.value, entry);
        if (!key.startsWith('known/')) this.initOpts.set(`known/${key}`, value());
        if (!this.initOpts.has(key)) this.initOpts.set(key, value());
      }
    }
    if (all) {
      for (const key of this.store.ownKeys(definition)) {
        if (opts.has(key)) continue;
        const entry = this.store.raw(definition, key);
        if (entry !== undefined) opts.set(key, interpolateValue(this.store, definition, key, entry.value, entry));
      }
    }
  }

  /** A [Definition] option (or `<section/option>`) looked up for <tag> substitution. */
  private lookup(name: string): string | undefined {
    if (this.lookupCache.has(name)) return this.lookupCache.get(name);
    let value: string | undefined;
    const qualified = sectionOption.exec(name);
    if (qualified !== null) {
      const owner = qualified[1] ?? '';
      const key = qualified[2] ?? '';
      const lower = owner.toLowerCase();
      const candidates =
        lower === 'known' ? [`KNOWN/${definition}`, definition] : [lower === 'default' ? 'DEFAULT' : owner];
      for (const section of candidates) {
        const found = getOption(this.store, section, key);
        if (found.kind === 'value') {
          value = found.value;
          break;
        }
      }
    }
    if (value === undefined) {
      const found = getOption(this.store, definition, name, this.pOpts);
      if (found.kind === 'value') value = found.value;
    }
    this.lookupCache.set(name, value);
    return value;
  }

  /** The options read plus init options, with <tag>s substituted (conditional and `ignore` tags kept). */
  combined(ignore: readonly string[] = []): Map<string, string> {
    const all = new Map(this.opts);
    for (const [key, value] of this.initOpts) all.set(key, value);
    const skip = new Set(ignore);
    for (const key of all.keys()) {
      const conditional = conditionalKey.exec(key);
      if (conditional !== null) skip.add(conditional[1] ?? key);
    }
    return substituteTags(all, { ignore: skip, lookup: (tag) => this.lookup(tag) });
  }

  /** The [Definition] options that were read (after the last readOptions). */
  readOptionNames(): string[] {
    return [...this.opts.keys()];
  }
}
