// The sequential reference the fast matchers are checked against: every line decoded to a string, dated
// by one date detector per (datepattern, logtimezone) and handed to every jail's LineFilter (compiled
// with compileFilter, matched on strings), as `fail2nft regex` does. Also loads jails from our filters
// and the option sets their sample files name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFilter } from '../../../src/config/load-filter.js';
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import { compileFilter } from '../../../src/matching/compile-filter.js';
import { createDateDetector, type DateDetector } from '../../../src/matching/dates/index.js';
import { LineFilter } from '../../../src/matching/line-filter.js';
import { cutLineDate } from '../../../src/matching/line-date.js';
import { bundledConfigDir } from '../../support/project-paths.js';
import { filterSpecOf } from '../../../src/service/filter-spec-of.js';

export interface ReferenceOptions {
  readonly nowMs: number;
  readonly checkFindTime: boolean;
  readonly inOperation?: boolean;
  readonly findtimeMs?: number;
  readonly maxLineLength?: number;
}

/** A failure as a comparable line of text: line number (1-based), jail, id, kind, time, failregex, user. */
export type FailureKey = string;

export function failureKey(
  line: number,
  f: { jail: string; id: string; kind: string; timeMs: number; failregex: number; user?: string },
): FailureKey {
  return `${line} ${f.jail} ${f.id} ${f.kind} ${f.timeMs} #${f.failregex} ${f.user ?? '-'}`;
}

export function referenceFailures(
  jails: readonly FilterSpec[],
  text: Buffer,
  options: ReferenceOptions,
): { keys: FailureKey[]; matches: string[][] } {
  const detectors = new Map<string, { detector: DateDetector }>();
  const filters = jails.map((spec) => {
    const key = `${spec.datepattern ?? ''}\u0000${spec.logtimezone ?? ''}`;
    let group = detectors.get(key);
    if (group === undefined) {
      group = {
        detector: createDateDetector({
          ...(spec.datepattern === undefined ? {} : { datepattern: spec.datepattern }),
          ...(spec.logtimezone === undefined ? {} : { logtimezone: spec.logtimezone }),
        }),
      };
      detectors.set(key, group);
    }
    const filter = new LineFilter(compileFilter(spec).regexes, {
      maxlines: spec.maxlines,
      usedns: spec.usedns,
      checkFindTime: options.checkFindTime,
      findtimeMs: options.findtimeMs ?? 600_000,
    });
    filter.inOperation = options.inOperation ?? true;
    return { spec, filter, group };
  });
  const keys: FailureKey[] = [];
  const matches: string[][] = [];
  const maxLength = options.maxLineLength ?? 65_536;
  let start = 0;
  let lineNumber = 0;
  while (start < text.length) {
    const newline = text.indexOf(10, start);
    const end = newline < 0 ? text.length : newline;
    lineNumber++;
    const raw = text.subarray(start, end);
    start = end + 1;
    if (raw.length > maxLength) continue;
    let cut = raw.length;
    while (cut > 0 && raw[cut - 1] === 13) cut--;
    const line = raw.toString('utf8', 0, cut);
    const dates = new Map<DateDetector, ReturnType<DateDetector['find']>>();
    for (const { spec, filter, group } of filters) {
      if (!dates.has(group.detector)) dates.set(group.detector, group.detector.find(line, options.nowMs));
      const date = dates.get(group.detector);
      const found = filter.processLine(line, cutLineDate(line, date), options.nowMs);
      for (const f of found) {
        if (f.id === undefined || f.kind === undefined || f.nofail) continue;
        keys.push(
          failureKey(lineNumber, {
            jail: spec.name,
            id: f.id,
            kind: f.kind,
            timeMs: f.timeMs ?? options.nowMs,
            failregex: f.failregex,
            ...(f.user === undefined ? {} : { user: f.user }),
          }),
        );
        matches.push([...f.matches]);
      }
    }
  }
  return { keys, matches };
}

/** A jail reading one of our filters (config/filter.d) with parameters; named after both. */
export function ourJail(filter: string, params: Readonly<Record<string, string>> = {}): FilterSpec {
  const loaded = loadFilter({ configDir: bundledConfigDir, filter, params: new Map(Object.entries(params)) });
  const settings = loaded.filter;
  if (settings === undefined) throw new Error(`cannot load ${filter}: ${JSON.stringify(loaded.problems)}`);
  const suffix = Object.keys(params).length === 0 ? '' : JSON.stringify(params);
  return filterSpecOf(settings, `${filter}${suffix}`, 'warn');
}

/** The filter option sets a sample file names (journal ones and test-only keys left out). */
export function sampleOptionSets(path: string): Record<string, string>[] {
  const sets = new Map<string, Record<string, string>>([['{}', {}]]);
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const directive = /^#+ ?filterOptions:(.+)$/.exec(line);
    if (directive === null) continue;
    const value = JSON.parse(directive[1] ?? '[]') as Record<string, string> | Record<string, string>[];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item.logtype === 'journal') continue;
      const params = Object.fromEntries(Object.entries(item).filter(([k]) => !k.startsWith('test.')));
      sets.set(JSON.stringify(params), params);
    }
  }
  return [...sets.values()];
}

export function sampleFile(projectRoot: string, filter: string): string {
  return join(projectRoot, 'test', 'samples', filter);
}
