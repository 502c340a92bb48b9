// Conformance: every `# failJSON` time annotation of fail2ban's sample logs (../shared/fail2ban-samples),
// checked against our detector fed the file line by line as fail2ban's own sample test does: "now" frozen
// at 2005-08-14 10:00:00 UTC, Central European time, one detector per filter option set, the filter's
// datepattern read from the installed fail2ban configuration, and fail2ban's rule for lines whose date
// is empty or unreadable (the previous date if under a minute old, else now).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// fail2ban's tests use the POSIX rule CET-01CEST-02,M3.5.0,M10.5.0, which Node's ICU does not read (it
// silently falls back to UTC). The tz database zone CET has the same rules for these years, except the
// hour before the autumn change (00:00-01:00 UTC on the last Sunday of October); no sample falls there.
process.env.TZ = 'CET';

const { createDateDetector } = await import('../../../src/matching/dates/date-detector.js');
const { filterDatePattern } = await import('./filter-datepattern.js');

const NOW = Date.UTC(2005, 7, 14, 10, 0, 0);
const CONFIG = '/etc/fail2ban';

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return dir;
}

const SAMPLES = join(projectRoot(), '..', 'shared', 'fail2ban-samples');

type Options = Record<string, string>;
interface FilterRun {
  readonly detector: ReturnType<typeof createDateDetector>;
  readonly installed: boolean;
  lastTime: number | undefined;
}
interface Outcome {
  readonly where: string;
  readonly expected: number;
  readonly got: number | undefined;
  readonly installed: boolean;
}

/** The few Python expressions the samples use in test.condition / constraint. */
function holds(expression: string, name: string, options: Options): boolean {
  const byName = /^name\s*==\s*'([^']*)'$/.exec(expression);
  if (byName) return name === byName[1];
  const byOption = /^opts\.get\('(\w+)'\)\s*(==|!=)\s*'([^']*)'$/.exec(expression);
  if (byOption) return (options[byOption[1] ?? ''] === byOption[3]) === (byOption[2] === '==');
  throw new Error(`unknown sample condition ${expression}`);
}

/** An annotation's local time (YYYY-MM-DDTHH:MM:SS[.ffffff]) in epoch ms. */
function localTime(text: string): number {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`bad annotation time ${text}`);
  const [, y, mo, d, h, mi, s, frac = ''] = m.map((v) => v ?? '');
  const ms = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime();
  return ms + (frac === '' ? 0 : Number(`0.${frac}`) * 1000);
}

/** fail2ban's processLine: the line's time, the previous one if its date is empty or unreadable. */
function lineTime(run: FilterRun, line: string): number | undefined {
  const found = run.detector.find(line, NOW);
  const recent = run.lastTime !== undefined && run.lastTime > NOW - 60_000 ? run.lastTime : undefined;
  if (found !== undefined && found.start === found.end) return recent ?? NOW;
  if (found?.timeMs !== undefined) {
    run.lastTime = found.timeMs;
    return found.timeMs;
  }
  return recent;
}

function runSample(name: string, outcomes: Outcome[]): void {
  const runs = new Map<string, FilterRun>();
  const runFor = (options: Options): FilterRun => {
    const key = JSON.stringify(Object.entries(options).sort());
    let run = runs.get(key);
    if (run === undefined) {
      const datepattern = filterDatePattern(CONFIG, name, options);
      run = {
        detector: createDateDetector({ datepattern: datepattern ?? undefined, startedAtMs: Date.now() }),
        installed: datepattern !== null,
        lastTime: undefined,
      };
      runs.set(key, run);
    }
    return run;
  };
  const files = [name];
  let sets: Array<{ options: Options; run: FilterRun }> | undefined;
  let common: Options = {};
  let ignoreBlock = false;
  for (let f = 0; f < files.length && f < 10; f++) {
    const file = files[f] ?? '';
    // Python reads the samples with universal newlines: CRLF files give the same lines.
    const lines = readFileSync(join(SAMPLES, file), 'utf8').split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i] ?? '';
      let annotation: Record<string, unknown> = {};
      const marker = /^#+ ?(failJSON|(?:file|filter)Options|addFILE):(.+)$/.exec(line);
      if (marker) {
        const data: unknown = JSON.parse(marker[2] ?? 'null');
        if (marker[1] === 'fileOptions') {
          common = data as Options;
          continue;
        }
        if (marker[1] === 'filterOptions') {
          sets = [];
          ignoreBlock = false;
          for (const option of Array.isArray(data) ? (data as Options[]) : [data as Options]) {
            const merged: Options = { ...common, ...option };
            const condition = merged['test.condition'];
            if (condition !== undefined) ignoreBlock = !holds(condition, name, merged);
            if (ignoreBlock) continue;
            const filterOptions = Object.fromEntries(
              Object.entries(merged).filter(([k]) => !k.startsWith('test.')),
            );
            sets.push({ options: filterOptions, run: runFor(filterOptions) });
          }
          continue;
        }
        if (marker[1] === 'addFILE') {
          files.push(data as string);
          continue;
        }
        annotation = data as Record<string, unknown>;
        i++;
        if (i >= lines.length) break;
        line = lines[i] ?? '';
      } else if (ignoreBlock || line.startsWith('#') || line.trim() === '') {
        continue;
      }
      if (ignoreBlock) continue;
      sets ??= [{ options: {}, run: runFor({}) }];
      line = line.replace(/[\r\n]+$/, '');
      for (const { options, run } of sets) {
        const constraint = annotation.constraint;
        if (typeof constraint === 'string' && !holds(constraint, name, options)) continue;
        // Journal lines carry their time beside the text: fail2ban does not look for a date in them.
        if (options.logtype === 'journal') continue;
        const got = lineTime(run, line);
        if (typeof annotation.time === 'string' && annotation.match === true) {
          outcomes.push({
            where: `${file}:${i + 1}`,
            expected: localTime(annotation.time),
            got,
            installed: run.installed,
          });
        }
      }
    }
  }
}

const available = existsSync(SAMPLES) && existsSync(join(CONFIG, 'filter.d'));

test(
  'every annotated time in the fail2ban sample logs is read as fail2ban reads it',
  { skip: available ? false : `needs ${SAMPLES} and ${CONFIG}/filter.d` },
  (t) => {
    const outcomes: Outcome[] = [];
    const names = readdirSync(SAMPLES)
      .filter((n) => n !== 'README.md' && statSync(join(SAMPLES, n)).isFile())
      .sort();
    for (const name of names) runSample(name, outcomes);
    const wrong = outcomes.filter((o) => o.got === undefined || Math.abs(o.got - o.expected) > 0.001);
    const describe = (o: Outcome): string =>
      `${o.where} expected ${new Date(o.expected).toISOString()} got ${o.got === undefined ? 'none' : new Date(o.got).toISOString()}`;
    const lines = new Set(outcomes.map((o) => o.where)).size;
    t.diagnostic(
      `${outcomes.length - wrong.length} of ${outcomes.length} checks match (${lines} annotated lines, some checked once per filter option set)`,
    );
    // Filters missing from the installed configuration (newer than it) run with the default templates;
    // their own datepattern may differ, so their lines are reported, not failed.
    for (const o of wrong.filter((w) => !w.installed)) t.diagnostic(`no filter installed: ${describe(o)}`);
    assert.deepEqual(wrong.filter((w) => w.installed).map(describe), []);
    assert.ok(outcomes.length > 1000);
  },
);
