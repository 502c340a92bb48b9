// Resolves one jail section into JailSettings the way fail2ban-client does: read enabled/backend/filter,
// read the filter (its options become `known/...` in the jail), read the jail's options, re-read the
// filter with them, read each action, then fold the result into typed settings. Problems are collected.
import { join } from 'node:path';
import { Fail2nftError } from '../core/errors.js';
import { DefinitionFile } from './definition-file.js';
import { getOption, type Variables } from './interpolate-value.js';
import {
  actionBanTimeTags,
  actionOptionSpecs,
  jailFirstOptionSpecs,
  jailOptionSpecs,
  jailParameterNames,
  knownBackends,
  supportedEncodings,
  type OptionSpec,
} from './jail-option-schema.js';
import { parseArithmetic, parseBoolean, parseInteger, parseTime, splitLines, splitWords } from './option-values.js';
import { parseOptionReference, splitOptionReferences } from './parse-option-reference.js';
import { appendFilterCommands, filterOptionNames, foldFilterStream, type StreamCommand } from './filter-stream.js';
import type { ConfigStore } from './config-store.js';
import type { ProblemList, SourceRef } from './config-problem.js';
import type { ConfigFileReader } from './read-config-files.js';
import type { RawEntry } from './parse-ini-text.js';
import type {
  ActionSettings,
  BantimeIncrement,
  FilterSettings,
  IgnoreCache,
  JailSettings,
  LogPathSpec,
  UseDns,
} from './config-types.js';

/** What a jail's options resolved to: the interpolated text and where it was written. */
interface JailValue {
  readonly text: string;
  readonly at: SourceRef;
}

export interface JailContext {
  readonly baseDir: string;
  readonly store: ConfigStore;
  readonly reader: ConfigFileReader;
  readonly problems: ProblemList;
}

const booleanActionOptions = new Set(actionOptionSpecs.filter((s) => s.type === 'bool').map((s) => s.name));

class JailResolver {
  private readonly values = new Map<string, JailValue>();

  constructor(
    private readonly context: JailContext,
    private readonly name: string,
  ) {}

  private get problems(): ProblemList {
    return this.context.problems;
  }

  private sectionRef(): SourceRef {
    return this.context.store.sectionLines.get(this.name) ?? { file: this.context.baseDir, line: 0 };
  }

  /** Reads options of the jail section (interpolated, no variables), recording problems. */
  private readOptions(specs: readonly OptionSpec[]): void {
    for (const spec of specs) {
      try {
        const found = getOption(this.context.store, this.name, spec.name);
        if (found.kind === 'value') this.values.set(spec.name, { text: found.value, at: found.at });
        else if (spec.fallback !== undefined) this.values.set(spec.name, { text: spec.fallback, at: this.sectionRef() });
        else this.values.delete(spec.name);
      } catch (error) {
        this.problems.capture(error, this.sectionRef());
        this.values.delete(spec.name);
      }
    }
  }

  private variables(): Variables {
    return new Map([...this.values].map(([key, value]) => [key, value.text]));
  }

  private typed<T>(option: string, parse: (text: string, option: string) => T): T | undefined {
    const value = this.values.get(option);
    if (value === undefined) return undefined;
    try {
      return parse(value.text, option);
    } catch (error) {
      this.problems.capture(error, value.at);
      return undefined;
    }
  }

  private text(option: string): string | undefined {
    return this.values.get(option)?.text;
  }

  private at(option: string): SourceRef {
    return this.values.get(option)?.at ?? this.sectionRef();
  }

  private loadDefinition(kind: 'filter' | 'action', name: string, at: SourceRef): ConfigStore | undefined {
    return this.context.reader.loadFileSet(join(this.context.baseDir, `${kind}.d`), name, at);
  }

  resolve(): JailSettings | undefined {
    this.readOptions(jailFirstOptionSpecs);
    const enabled = this.typed('enabled', parseBoolean) ?? false;
    const backend = this.text('backend') ?? 'auto';
    if (!enabled) return this.disabled(backend);

    const before = this.problems.errors.length;
    let filter: DefinitionFile | undefined;
    let filterName = '';
    let filterParams: ReadonlyMap<string, string> = new Map();
    const filterText = this.text('filter') ?? '';
    if (filterText.trim() !== '') {
      try {
        const reference = parseOptionReference(filterText);
        filterName = reference.name;
        filterParams = reference.params;
        const store = this.loadDefinition('filter', filterName, this.at('filter'));
        if (store !== undefined) filter = new DefinitionFile(store, filterParams);
      } catch (error) {
        this.problems.capture(error, this.at('filter'));
      }
    }
    if (filter !== undefined) {
      try {
        if (!filter.initOpts.has('logtype') && !filter.hasOwnDefinitionOption('logtype')) {
          filter.initOpts.set('logtype', backend.startsWith('systemd') ? 'journal' : 'file');
        }
        filter.readOptions(filterOptionNames, this.variables(), true);
        const combined = filter.combined();
        const entries = new Map<string, RawEntry>();
        const file = filter.store.files[0] ?? '';
        for (const [key, value] of combined) entries.set(key, { value, file, line: 0 });
        this.context.store.mergeSection(this.name, entries, 'known/');
      } catch (error) {
        this.problems.capture(error, this.at('filter'));
        filter = undefined;
      }
    }

    this.readOptions(jailOptionSpecs);
    const stream: StreamCommand[] = [];
    if (filter !== undefined) {
      try {
        filter.readOptions(filterOptionNames, this.variables(), false);
        appendFilterCommands(stream, filter.combined());
      } catch (error) {
        this.problems.capture(error, this.at('filter'));
      }
    }
    const jailFilterOptions = new Map<string, string>();
    for (const [key, value] of this.values) jailFilterOptions.set(key, value.text);
    appendFilterCommands(stream, jailFilterOptions);

    const actions = this.resolveActions();
    if (this.problems.errors.length > before) return undefined;
    return this.settings(backend, stream, actions, filter, filterName, filterParams);
  }

  private disabled(backend: string): JailSettings {
    return {
      name: this.name,
      source: this.sectionRef(),
      enabled: false,
      backend,
      logpath: [],
      logencoding: 'auto',
      usedns: 'warn',
      maxretry: 3,
      maxmatches: 3,
      findtime: 600,
      bantime: 600,
      bantimeIncrement: { enabled: false, factor: 1, multipliers: [], overalljails: false },
      ignoreip: [],
      ignoreself: true,
      actions: [],
    };
  }

  private resolveActions(): ActionSettings[] {
    const actions: ActionSettings[] = [];
    const at = this.at('action');
    for (const item of splitOptionReferences(this.text('action') ?? '')) {
      const text = item.trim();
      if (text === '') continue;
      try {
        const reference = parseOptionReference(text);
        const params = new Map(reference.params);
        if (reference.name.endsWith('.py')) {
          this.problems.warning(
            'F2N_ERR_CONFIG_UNSUPPORTED',
            at,
            `jail [${this.name}]: python action ${reference.name} is not supported by fail2nft and is skipped`,
          );
          continue;
        }
        const nameParam = params.get('name') ?? this.name;
        params.set('name', nameParam);
        if (!params.has('actname')) {
          let actname = reference.name;
          if (nameParam !== this.name) {
            actname += nameParam.startsWith(this.name) ? nameParam.slice(this.name.length) : `-${nameParam}`;
          }
          params.set('actname', actname);
        }
        const store = this.loadDefinition('action', reference.name, at);
        if (store === undefined) continue;
        const definition = new DefinitionFile(store, params);
        definition.readOptions(
          actionOptionSpecs.map((s) => s.name),
          this.variables(),
          false,
        );
        const combined = definition.combined([...actionBanTimeTags]);
        const options: Record<string, string> = {};
        const own = new Set(actionOptionSpecs.map((s) => s.name));
        for (const [key, value] of combined) {
          if (own.has(key) && !key.startsWith('known/')) {
            // Boolean action options are normalised the way fail2ban reads them (anything else is false).
            options[key] = booleanActionOptions.has(key) ? String(['1', 'on', 'true', 'yes'].includes(value.trim().toLowerCase())) : value;
          }
        }
        for (const [key, value] of definition.initOpts) {
          if (!own.has(key) && !key.startsWith('known/')) options[key] = value;
        }
        actions.push({
          name: params.get('actname') ?? reference.name,
          file: reference.name,
          params: Object.fromEntries(reference.params),
          options,
          files: store.files,
        });
      } catch (error) {
        this.problems.capture(error, at);
      }
    }
    return actions;
  }

  private settings(
    backend: string,
    stream: readonly StreamCommand[],
    actions: ActionSettings[],
    filter: DefinitionFile | undefined,
    filterName: string,
    filterParams: ReadonlyMap<string, string>,
  ): JailSettings {
    const folded = foldFilterStream(stream, this.problems, this.at('filter'));
    const backendName = backend.replace(/\[.*$/s, '').trim();
    if (!knownBackends.has(backendName)) {
      this.problems.error('F2N_ERR_CONFIG_BAD_VALUE', this.at('backend'), `jail [${this.name}]: unknown backend '${backend}'`);
    } else if (backendName === 'gamin') {
      this.problems.warning(
        'F2N_ERR_CONFIG_UNSUPPORTED',
        this.at('backend'),
        `jail [${this.name}]: backend 'gamin' is not supported; fail2nft tails the files itself (as 'auto')`,
      );
    }
    const encoding = this.text('logencoding') ?? 'auto';
    if (!supportedEncodings.has(encoding.toLowerCase())) {
      this.problems.warning(
        'F2N_ERR_CONFIG_UNSUPPORTED',
        this.at('logencoding'),
        `jail [${this.name}]: logencoding '${encoding}' is not supported yet; lines are read as UTF-8`,
      );
    }
    const usedns = this.parseUseDns(folded.usedns ?? 'warn');
    const maxretry = this.typed('maxretry', parseInteger) ?? 3;
    const filterSettings: FilterSettings | undefined =
      filter === undefined
        ? undefined
        : { name: filterName, params: Object.fromEntries(filterParams), files: filter.store.files, ...folded.settings };
    const parameters: Record<string, string> = {};
    for (const key of jailParameterNames) {
      try {
        const found = getOption(this.context.store, this.name, key);
        if (found.kind === 'value') parameters[key] = found.value;
      } catch (error) {
        this.problems.capture(error, this.sectionRef());
      }
    }
    const logtimezone = this.text('logtimezone');
    const ignorecommand = this.text('ignorecommand');
    const ignorecache = this.parseIgnoreCache();
    return {
      name: this.name,
      source: this.sectionRef(),
      enabled: true,
      backend,
      ...(parameters.mode === undefined ? {} : { mode: parameters.mode }),
      ...(filterSettings === undefined ? {} : { filter: filterSettings }),
      logpath: backendName === 'systemd' ? [] : this.logPaths(),
      logencoding: encoding,
      ...(logtimezone === undefined || logtimezone === '' ? {} : { logtimezone }),
      usedns,
      maxretry,
      maxmatches: this.typed('maxmatches', parseInteger) ?? maxretry,
      findtime: this.typed('findtime', parseTime) ?? 600,
      bantime: this.typed('bantime', parseTime) ?? 600,
      bantimeIncrement: this.bantimeIncrement(),
      ignoreip: splitWords(this.text('ignoreip') ?? ''),
      ignoreself: this.typed('ignoreself', parseBoolean) ?? true,
      ...(ignorecommand === undefined || ignorecommand === '' ? {} : { ignorecommand }),
      ...(ignorecache === undefined ? {} : { ignorecache }),
      actions,
      ...(parameters.port === undefined ? {} : { port: parameters.port }),
      ...(parameters.protocol === undefined ? {} : { protocol: parameters.protocol }),
      ...(parameters.chain === undefined ? {} : { chain: parameters.chain }),
      ...(parameters.banaction === undefined ? {} : { banaction: parameters.banaction }),
      ...(parameters.destemail === undefined ? {} : { destemail: parameters.destemail }),
      ...(parameters.sender === undefined ? {} : { sender: parameters.sender }),
      ...(parameters.mta === undefined ? {} : { mta: parameters.mta }),
    };
  }

  private parseUseDns(text: string): UseDns {
    const value = text.trim().toLowerCase();
    if (value === 'yes' || value === 'warn' || value === 'no' || value === 'raw') {
      if (value === 'yes') {
        this.problems.warning(
          'F2N_ERR_CONFIG_UNSUPPORTED',
          this.at('usedns'),
          `jail [${this.name}]: usedns = yes (resolving host names found in logs) is not supported yet; treated as warn`,
        );
      }
      return value;
    }
    this.problems.error('F2N_ERR_CONFIG_BAD_VALUE', this.at('usedns'), `jail [${this.name}]: usedns must be yes, warn, no or raw, not '${text}'`);
    return 'warn';
  }

  private logPaths(): LogPathSpec[] {
    const out: LogPathSpec[] = [];
    for (const line of splitLines(this.text('logpath') ?? '')) {
      const trimmed = line.trim();
      if (trimmed === '') continue;
      const match = /^(.*\S)\s+(head|tail)$/.exec(trimmed);
      out.push(match === null ? { pattern: trimmed, start: 'head' } : { pattern: match[1] ?? '', start: match[2] as 'head' | 'tail' });
    }
    return out;
  }

  private bantimeIncrement(): BantimeIncrement {
    const multipliers = splitWords(this.text('bantime.multipliers') ?? '').flatMap((word) => {
      const n = Number(word);
      if (Number.isFinite(n)) return [n];
      this.problems.error('F2N_ERR_CONFIG_BAD_VALUE', this.at('bantime.multipliers'), `bantime.multipliers: '${word}' is not a number`);
      return [];
    });
    const factorText = this.text('bantime.factor');
    const factor =
      factorText === undefined || factorText.trim() === '' ? 1 : (this.typed('bantime.factor', parseArithmetic) ?? 1);
    const formula = this.text('bantime.formula');
    const maxtime = this.typed('bantime.maxtime', parseTime);
    const rndtime = this.typed('bantime.rndtime', parseTime);
    return {
      enabled: this.typed('bantime.increment', parseBoolean) ?? false,
      factor,
      ...(formula === undefined || formula.trim() === '' ? {} : { formula }),
      multipliers,
      ...(maxtime === undefined ? {} : { maxtime }),
      ...(rndtime === undefined ? {} : { rndtime }),
      overalljails: this.typed('bantime.overalljails', parseBoolean) ?? false,
    };
  }

  private parseIgnoreCache(): IgnoreCache | undefined {
    const text = this.text('ignorecache');
    if (text === undefined || text.trim() === '') return undefined;
    try {
      const params = parseOptionReference(`ignorecache[${text}]`).params;
      return {
        key: params.get('key') ?? '<ip>',
        maxCount: parseInteger(params.get('max-count') ?? '100', 'ignorecache max-count'),
        maxTime: parseTime(params.get('max-time') ?? '300', 'ignorecache max-time'),
      };
    } catch (error) {
      if (!(error instanceof Fail2nftError)) throw error;
      this.problems.capture(error, this.at('ignorecache'));
      return undefined;
    }
  }
}

/** Resolves one jail; undefined when it has errors (they are in context.problems). */
export function resolveJail(context: JailContext, name: string): JailSettings | undefined {
  return new JailResolver(context, name).resolve();
}
