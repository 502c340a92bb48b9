// Runs a filter over sample logs in fail2ban's `# failJSON:` format and checks every annotation the way
// fail2ban's own sample tests do: time frozen at 2005-08-14 10:00:00 UTC, every option set of
// `# filterOptions:` tried, every annotated line matched by exactly one failregex with the annotated
// values, unannotated lines unmatched, and every failregex of every option set used at least once.
// The process must run with TZ=CET-01CEST-02,M3.5.0,M10.5.0 (see sampleTimeZone).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFilter } from '../../src/config/load-filter.js';
import { compileFilter } from '../../src/matching/compile-filter.js';
import { createDateDetector, type DateDetector } from '../../src/matching/dates/index.js';
import { LineFilter } from '../../src/matching/line-filter.js';
import { cutLineDate } from '../../src/matching/line-date.js';
import type { FoundFailure } from '../../src/matching/line-filter-types.js';
import { filterSpecOf } from '../../src/service/filter-spec-of.js';

// fail2ban's tests use the POSIX zone CET-01CEST-02,M3.5.0,M10.5.0, which Node's ICU does not read; the
// IANA zone CET has the same offsets and EU switch rules for the corpus's years.
export const sampleTimeZone = 'CET';
export const sampleNowMs = 1124013600 * 1000;
const sampleNowText = '2005-08-14 12:00:00';

type Options = Record<string, string>;

interface FilterUnderTest {
  readonly label: string;
  readonly options: Options;
  readonly filter: LineFilter;
  readonly dates: DateDetector;
  readonly failregexes: readonly string[];
  readonly used: Set<number>;
}

export interface SampleProblem {
  readonly file: string;
  readonly line: number;
  readonly options: string;
  readonly message: string;
}

export interface SampleReport {
  /** Annotation checks (line × option set) that passed and that were made. */
  readonly passed: number;
  readonly checked: number;
  readonly problems: SampleProblem[];
  /** Option sets tried, by label, with checks passed/made. */
  readonly perOptions: Map<string, { passed: number; checked: number }>;
}

interface Annotation {
  readonly match?: boolean;
  readonly host?: string;
  readonly time?: string;
  readonly constraint?: string;
  readonly [key: string]: unknown;
}

/**
 * The small Python subset sample conditions use: `name` or `opts.get('k')` compared with `==`, `!=`,
 * `is None`, `is not None`, `in (...)`, `not in (...)`, joined by `and` / `or`. Anything else throws.
 */
function evaluateCondition(expression: string, name: string, options: Options): boolean {
  const disjuncts = expression.split(/\s+or\s+/);
  return disjuncts.some((part) => part.split(/\s+and\s+/).every((term) => evaluateTerm(term, name, options)));
}

function evaluateTerm(term: string, name: string, options: Options): boolean {
  const match = /^\s*(name|opts\.get\('([\w.-]+)'\))\s*(==|!=|is not|is|not in|in)\s*(.+?)\s*$/.exec(term);
  if (match === null) throw new Error(`unsupported sample condition: ${term}`);
  const left = match[1] === 'name' ? name : options[match[2] ?? ''];
  const operator = match[3];
  const right = match[4] ?? '';
  const literal = (text: string): string | undefined => {
    if (text === 'None') return undefined;
    const quoted = /^'([^']*)'$/.exec(text.trim());
    if (quoted === null) throw new Error(`unsupported sample condition value: ${text}`);
    return quoted[1];
  };
  const list = (): (string | undefined)[] => {
    const inner = /^\((.*)\)$/.exec(right);
    if (inner === null) throw new Error(`unsupported sample condition list: ${right}`);
    return (inner[1] ?? '')
      .split(',')
      .filter((item) => item.trim() !== '')
      .map(literal);
  };
  switch (operator) {
    case '==':
    case 'is':
      return left === literal(right);
    case '!=':
    case 'is not':
      return left !== literal(right);
    case 'in':
      return list().includes(left);
    default:
      return !list().includes(left);
  }
}

function filterOptionsOf(options: Options): Map<string, string> {
  return new Map(Object.entries(options).filter(([key]) => !key.startsWith('test.')));
}

/** An annotation's local time (Python strptime accepts one-digit fields) in the process's zone. */
function localIsoToMs(text: string): number {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  return new Date(year, month - 1, day, hour, minute, second, ms).getTime();
}

function sameValues(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (Array.isArray(expected)) {
    const got: unknown[] = Array.isArray(actual)
      ? (actual as unknown[])
      : actual === undefined
        ? []
        : [actual];
    const want: unknown[] = expected as unknown[];
    return JSON.stringify(got.map(String).sort()) === JSON.stringify(want.map(String).sort());
  }
  return actual === expected;
}

export interface RunSamplesOptions {
  /** Directory holding filter.d/ with the filter under test. */
  readonly configDir: string;
  /** The filter (and main sample file) name. */
  readonly name: string;
  /** Sample files are looked up here (addFILE names too). */
  readonly sampleDirs: readonly string[];
  /** The sample files to run, in order, sharing filter state and regex coverage; default `name`. */
  readonly sampleFiles?: readonly string[];
}

export function runSamples(run: RunSamplesOptions): SampleReport {
  const problems: SampleProblem[] = [];
  const perOptions = new Map<string, { passed: number; checked: number }>();
  const cache = new Map<string, FilterUnderTest>();
  let passed = 0;
  let checked = 0;

  const open = (options: Options): FilterUnderTest => {
    const filterOptions = filterOptionsOf(options);
    const label =
      options['test.filter-name'] ??
      (filterOptions.size === 0 ? '{}' : JSON.stringify(Object.fromEntries(filterOptions)));
    const cached = cache.get(label);
    if (cached !== undefined) return cached;
    const loaded = loadFilter({ configDir: run.configDir, filter: run.name, params: filterOptions });
    if (loaded.filter === undefined) {
      throw new Error(
        `cannot load filter ${run.name} ${label}: ${loaded.problems.map((p) => p.message).join('; ')}`,
      );
    }
    const settings = loaded.filter;
    const compiled = compileFilter(filterSpecOf(settings, run.name, 'warn'));
    const entry: FilterUnderTest = {
      label,
      options,
      filter: new LineFilter(compiled.regexes, {
        maxlines: settings.maxlines,
        usedns: 'warn',
        checkFindTime: false,
        findtimeMs: 600_000,
        checkAllRegex: true,
        returnRawHost: true,
      }),
      dates: createDateDetector(
        settings.datepattern === undefined ? {} : { datepattern: settings.datepattern },
      ),
      failregexes: settings.failregex,
      used: new Set(),
    };
    cache.set(label, entry);
    return entry;
  };

  const find = (file: string): string => {
    for (const dir of run.sampleDirs) {
      const path = join(dir, file);
      if (existsSync(path)) return path;
    }
    throw new Error(`sample file ${file} not found in ${run.sampleDirs.join(', ')}`);
  };

  const files = [...(run.sampleFiles ?? [find(run.name)])];
  let fileOptions: Options = {};
  let tests: FilterUnderTest[] = [];
  for (let f = 0; f < files.length; f++) {
    const path = files[f] ?? '';
    if (run.sampleFiles?.includes(path) === true) {
      fileOptions = {};
      tests = [];
    }
    const lines = readFileSync(path, 'utf8').split('\n');
    let ignoreBlock = false;
    let pending: Annotation | undefined;
    for (let index = 0; index < lines.length; index++) {
      const raw = (lines[index] ?? '').replace(/\r$/, '');
      const directive = /^#+ ?(failJSON|fileOptions|filterOptions|addFILE):(.+)$/.exec(raw);
      if (directive !== null) {
        const value = JSON.parse(directive[2] ?? 'null') as unknown;
        if (directive[1] === 'fileOptions') {
          fileOptions = value as Options;
          continue;
        }
        if (directive[1] === 'filterOptions') {
          tests = [];
          ignoreBlock = false;
          for (const item of Array.isArray(value) ? (value as Options[]) : [value as Options]) {
            const options = { ...fileOptions, ...item };
            if (options['test.condition'] !== undefined)
              ignoreBlock = !evaluateCondition(options['test.condition'], run.name, options);
            if (!ignoreBlock) tests.push(open(options));
          }
          continue;
        }
        if (directive[1] === 'addFILE') {
          files.push(find(value as string));
          continue;
        }
        pending = value as Annotation;
        continue;
      }
      if (pending === undefined && (ignoreBlock || raw.startsWith('#') || raw.trim() === '')) continue;
      const annotation: Annotation = pending ?? {};
      pending = undefined;
      if (ignoreBlock) continue;
      if (tests.length === 0) tests = [open({ ...fileOptions })];
      for (const test of tests) {
        if (
          annotation.constraint !== undefined &&
          !evaluateCondition(annotation.constraint, run.name, test.options)
        )
          continue;
        const where = { file: path, line: index + 1, options: test.label };
        let found: FoundFailure[];
        let line = raw;
        if (test.options.logtype === 'journal') {
          line = (test.options['test.prefix-line'] ?? '') + raw;
          found = test.filter.processLine(
            line,
            { tuple: { head: '', date: sampleNowText, tail: line }, timeMs: sampleNowMs },
            sampleNowMs,
          );
        } else {
          const date = test.dates.find(line, sampleNowMs);
          found = test.filter.processLine(line, cutLineDate(line, date), sampleNowMs);
        }
        const real: FoundFailure[] = [];
        for (const failure of found) {
          if (failure.id === undefined || failure.nofail) test.used.add(failure.failregex);
          else real.push(failure);
        }
        checked++;
        const stats = perOptions.get(test.label) ?? { passed: 0, checked: 0 };
        stats.checked++;
        perOptions.set(test.label, stats);
        const fail = (message: string): void => {
          problems.push({ ...where, message: `${message}\n    line: ${raw}` });
        };
        if (real.length === 0) {
          if (annotation.match === true) fail('not matched but should be');
          else {
            passed++;
            stats.passed++;
          }
          continue;
        }
        if (annotation.match !== true) {
          fail(
            `matched (failregex ${real.map((r) => r.failregex).join(',')}, host ${real[0]?.id}) but should not be`,
          );
          continue;
        }
        if (real.length !== 1) {
          fail(`several failregexes matched: ${real.map((r) => r.failregex).join(',')}`);
          continue;
        }
        const hit = real[0] as FoundFailure;
        const wrong: string[] = [];
        for (const [key, expected] of Object.entries(annotation)) {
          if (['time', 'match', 'desc', 'constraint'].includes(key)) continue;
          let actual: unknown = key === 'users' ? hit.users : hit.groups[key];
          if (key === 'user' && actual === undefined) actual = hit.user;
          if (actual === undefined && key === 'host') actual = hit.id;
          if (actual === undefined && key === 'attempts') actual = hit.matches.length;
          if (!sameValues(actual, expected))
            wrong.push(`${key}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
        }
        if (annotation.time !== undefined) {
          const expected = localIsoToMs(annotation.time);
          if (hit.timeMs !== expected) {
            wrong.push(
              `time: expected ${annotation.time} (${expected}), got ${hit.timeMs === undefined ? 'none' : new Date(hit.timeMs).toISOString()}`,
            );
          }
        }
        test.used.add(hit.failregex);
        if (wrong.length > 0) fail(wrong.join('; '));
        else {
          passed++;
          stats.passed++;
        }
      }
    }
  }
  // As fail2ban's sample test: a failregex counts as used when it, or the same regex text in another
  // option set, matched a sample.
  const usedTexts = new Set<string>();
  for (const test of cache.values()) for (const i of test.used) usedTexts.add(test.failregexes[i] ?? '');
  for (const test of cache.values()) {
    for (let i = 0; i < test.failregexes.length; i++) {
      if (!test.used.has(i) && !usedTexts.has(test.failregexes[i] ?? ''))
        problems.push({
          file: files[0] ?? '',
          line: 0,
          options: test.label,
          message: `failregex #${i} has no sample`,
        });
    }
  }
  return { passed, checked, problems, perOptions };
}
