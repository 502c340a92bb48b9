// What the service runs for a loaded configuration, as plain data: every enabled jail with the options
// each stage needs (mirrored from the config stage, which stages do not import), and the log sources
// that feed them. A log pattern watched by several jails becomes one source read once, whose lines go
// to all of them in one matching pass.
import type { Fail2nftConfig, JailSettings } from '../config/index.js';
import type { FilterSpec } from '../core/filter-spec.js';
import type { CountingOptions } from '../counting/index.js';
import type { JailDecisionOptions } from '../decisions/index.js';
import { filterSpecOf } from './filter-spec-of.js';

export interface PlannedJail {
  readonly name: string;
  readonly settings: JailSettings;
  readonly filter: FilterSpec;
  readonly counting: CountingOptions;
  readonly decision: JailDecisionOptions;
  /** Which source feeds it: log files, the journal, or the service's own ban notices (recidive). */
  readonly feed: 'files' | 'journal' | 'notices';
}

export interface PlannedFileSource {
  readonly kind: 'file';
  /** Also the matching engine's source id. */
  readonly id: string;
  readonly pattern: string;
  readonly startAt: 'head' | 'tail';
  readonly jails: readonly string[];
}

export interface PlannedJournalSource {
  readonly kind: 'journal';
  readonly id: string;
  /** journalmatch terms with `+` between alternatives, as journalctl takes them. */
  readonly matches: readonly string[];
  /** The largest findtime of its jails, in seconds: a first start reads back that far. */
  readonly findtime: number;
  readonly jails: readonly string[];
}

/** The ban notices the service makes itself, fed to jails that read the service's own log. */
export interface PlannedNoticeSource {
  readonly kind: 'notices';
  readonly id: string;
  readonly jails: readonly string[];
}

export type PlannedSource = PlannedFileSource | PlannedJournalSource | PlannedNoticeSource;

export interface ServicePlan {
  readonly jails: readonly PlannedJail[];
  readonly sources: readonly PlannedSource[];
  /** Jails that are enabled but cannot run, with the reason (the rest still run). */
  readonly skipped: readonly { readonly jail: string; readonly reason: string }[];
}

export const NOTICE_SOURCE_ID = 'notices';

/** Backends that read files: fail2ban's auto, pyinotify, gamin and polling all mean "tail the files". */
const fileBackends = new Set(['auto', 'pyinotify', 'gamin', 'polling']);

function backendKind(backend: string): 'files' | 'journal' | undefined {
  const name = backend.split('[')[0]?.trim() ?? '';
  if (name === 'systemd') return 'journal';
  return fileBackends.has(name) ? 'files' : undefined;
}

/** `serviceLog`: the service's own log file; a jail watching it (recidive) gets the ban notices. */
export function planService(config: Fail2nftConfig, serviceLog?: string): ServicePlan {
  const jails: PlannedJail[] = [];
  const skipped: { jail: string; reason: string }[] = [];
  const files = new Map<string, { pattern: string; startAt: 'head' | 'tail'; jails: string[] }>();
  const journals = new Map<string, { matches: string[]; findtime: number; jails: string[] }>();
  const noticeJails: string[] = [];

  for (const settings of config.jails) {
    if (!settings.enabled) continue;
    const filter = settings.filter;
    if (filter === undefined) {
      skipped.push({ jail: settings.name, reason: 'no filter' });
      continue;
    }
    const kind = backendKind(settings.backend);
    if (kind === undefined) {
      skipped.push({ jail: settings.name, reason: `backend ${settings.backend} is not supported` });
      continue;
    }
    const readsServiceLog =
      kind === 'files' &&
      serviceLog !== undefined &&
      settings.logpath.some((spec) => spec.pattern === serviceLog);
    const feed = readsServiceLog ? 'notices' : kind;
    if (feed === 'files' && settings.logpath.length === 0) {
      skipped.push({ jail: settings.name, reason: 'no logpath' });
      continue;
    }
    jails.push({
      name: settings.name,
      settings,
      filter: filterSpecOf(filter, settings.name, settings.usedns),
      counting: {
        maxretry: settings.maxretry,
        findtime: settings.findtime,
        // Keeping lines per tracked address costs memory; only actions that print them need them.
        maxMatches: actionsUseMatches(settings) ? settings.maxmatches : 0,
      },
      decision: decisionOptionsOf(settings),
      feed,
    });
    if (feed === 'notices') noticeJails.push(settings.name);
    else if (feed === 'files') {
      for (const spec of settings.logpath) {
        const key = `${spec.start}\0${spec.pattern}`;
        const entry = files.get(key) ?? { pattern: spec.pattern, startAt: spec.start, jails: [] };
        entry.jails.push(settings.name);
        files.set(key, entry);
      }
    } else {
      const matches = filter.journalmatch.flatMap((terms, index) =>
        index === 0 ? [...terms] : ['+', ...terms],
      );
      const key = JSON.stringify(matches);
      const entry = journals.get(key) ?? { matches, findtime: 0, jails: [] };
      entry.jails.push(settings.name);
      entry.findtime = Math.max(entry.findtime, settings.findtime);
      journals.set(key, entry);
    }
  }

  const sources: PlannedSource[] = [];
  for (const entry of files.values()) {
    const tail = entry.startAt === 'tail' ? ' (tail)' : '';
    sources.push({ kind: 'file', id: `${entry.pattern}${tail}`, ...entry });
  }
  for (const entry of journals.values())
    sources.push({ kind: 'journal', id: `journal:${entry.jails.join(',')}`, ...entry });
  if (noticeJails.length > 0) sources.push({ kind: 'notices', id: NOTICE_SOURCE_ID, jails: noticeJails });
  return { jails, sources, skipped };
}

function actionsUseMatches(settings: JailSettings): boolean {
  return settings.actions.some((action) =>
    Object.values(action.options).some((value) => value.includes('matches>')),
  );
}

function decisionOptionsOf(settings: JailSettings): JailDecisionOptions {
  const increment = settings.bantimeIncrement;
  return {
    bantime: settings.bantime,
    maxretry: settings.maxretry,
    increment: {
      enabled: increment.enabled,
      factor: increment.factor,
      ...(increment.formula === undefined ? {} : { formula: increment.formula }),
      multipliers: increment.multipliers,
      ...(increment.maxtime === undefined ? {} : { maxtime: increment.maxtime }),
      ...(increment.rndtime === undefined ? {} : { rndtime: increment.rndtime }),
      overalljails: increment.overalljails,
    },
    ignoreip: settings.ignoreip,
    ignoreself: settings.ignoreself,
    ...(settings.ignorecommand === undefined ? {} : { ignorecommand: settings.ignorecommand }),
    ...(settings.ignorecache === undefined ? {} : { ignorecache: settings.ignorecache }),
  };
}
