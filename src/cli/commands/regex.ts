// `fail2nft regex [--config DIR] [--json] LOG FILTER`: tests a filter against a log, like fail2ban-regex.
// LOG is a file or one log line; FILTER a filter name with parameters (`postfix[mode=auth]`) from
// DIR/filter.d, a filter file, or a raw failregex. Like fail2ban-regex, every failregex is tried on every
// line (so hits per failregex add up) and times are not checked against findtime.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Fail2nftError } from '../../core/errors.js';
import { systemClock } from '../../core/clock.js';
import type { FilterSpec } from '../../core/filter-spec.js';
import { loadFilter, parseOptionReference, formatProblem } from '../../config/index.js';
import { compileFilter } from '../../matching/compile-filter.js';
import { createDateDetector } from '../../matching/dates/index.js';
import { LineFilter } from '../../matching/line-filter.js';
import { cutLineDate } from '../../matching/line-date.js';
import { defaultConfigDir } from '../default-config-dir.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { readLogLines } from '../read-log-lines.js';
import { formatRegexReport, type RegexReport } from '../regex-report.js';
import type { CliIo } from '../cli-io.js';
import { filterSpecOf } from '../../service/filter-spec-of.js';

interface ResolvedFilter {
  readonly spec: FilterSpec;
  readonly description: string;
}

function resolveFilter(filter: string, configDir: string): ResolvedFilter {
  let reference: { name: string; params: ReadonlyMap<string, string> } | undefined;
  try {
    reference = parseOptionReference(filter);
  } catch {
    reference = undefined;
  }
  const isNamed =
    reference !== undefined &&
    /^[\w.-]+$/.test(reference.name) &&
    existsSync(join(configDir, 'filter.d', `${reference.name}.conf`));
  const isFile =
    !isNamed && reference !== undefined && existsSync(reference.name) && statSync(reference.name).isFile();
  if ((isNamed || isFile) && reference !== undefined) {
    const result = loadFilter({ configDir, filter: reference.name, params: reference.params });
    if (result.filter === undefined) {
      throw new Fail2nftError(
        'F2N_ERR_CONFIG_SYNTAX',
        result.problems.map(formatProblem).join('\n') || `cannot load filter ${filter}`,
      );
    }
    const f = result.filter;
    return {
      spec: filterSpecOf(f, f.name, 'warn'),
      description: isNamed
        ? `filter file : ${f.name}, basedir: ${configDir}`
        : `filter file : ${reference.name}`,
    };
  }
  return {
    spec: { name: 'regex', failregex: [filter], ignoreregex: [], maxlines: 1, usedns: 'warn' },
    description: `failregex line : ${filter}`,
  };
}

/** Local time in ISO 8601 without offset, as the log wrote it (milliseconds only when present). */
function localIsoTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const base = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return d.getMilliseconds() === 0 ? base : `${base}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

export async function runRegex(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { config: { type: 'string', short: 'c' }, json: { type: 'boolean' } },
    { min: 2, max: 2 },
  );
  const [log = '', filterText = ''] = positionals;
  const configDir = values.config ?? defaultConfigDir();
  const { spec, description } = resolveFilter(filterText, configDir);
  const compiled = compileFilter(spec);
  const filter = new LineFilter(compiled.regexes, {
    maxlines: spec.maxlines,
    usedns: spec.usedns,
    checkFindTime: false,
    findtimeMs: 600_000,
    checkAllRegex: true,
    ignorePending: false,
  });
  const dates = createDateDetector(spec.datepattern === undefined ? {} : { datepattern: spec.datepattern });
  const isLogFile = existsSync(log) && statSync(log).isFile();
  const report: RegexReport = {
    filterDescription: description,
    logDescription: isLogFile ? `log file : ${log}` : `single line : ${log}`,
    failregex: spec.failregex.map((regex) => ({ regex, hits: 0 })),
    ignoreregex: spec.ignoreregex.map((regex) => ({ regex, hits: 0 })),
    lines: 0,
    matched: 0,
    ignored: 0,
    missed: 0,
    matches: [],
    dateTemplates: [],
    seconds: 0,
  };
  const started = process.hrtime.bigint();
  const now = systemClock.now();
  const lines = isLogFile ? readLogLines(log, { incompleteLastLine: 'skip' }) : [log];
  let lineNumber = 0;
  for (const line of lines) {
    lineNumber++;
    // Like fail2ban-regex: comment and blank lines (sample files) are not log lines.
    if (line.trim() === '' || line.startsWith('#')) continue;
    report.lines++;
    const ignoredBefore = filter.ignoredLines;
    const date = dates.find(line, now);
    const found = filter.processLine(line, cutLineDate(line, date), now);
    let failed = false;
    let nofail = false;
    for (const failure of found) {
      const stat = report.failregex[failure.failregex];
      if (stat !== undefined) stat.hits++;
      if (failure.nofail || failure.id === undefined) {
        nofail = true;
        continue;
      }
      failed = true;
      report.matches.push({
        line: lineNumber,
        host: failure.id,
        time: failure.timeMs === undefined ? null : localIsoTime(failure.timeMs),
        failregex: failure.failregex,
      });
    }
    if (failed) report.matched++;
    else if (nofail || filter.ignoredLines > ignoredBefore) report.ignored++;
    else report.missed++;
  }
  report.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  report.dateTemplates = dates.templateHits().filter((t) => t.hits > 0);
  if (values.json === true) {
    const { lines: total, matched, ignored, missed, matches } = report;
    io.stdout(JSON.stringify({ lines: total, matched, ignored, missed, matches }) + '\n');
  } else {
    io.stdout(formatRegexReport(report));
  }
  return Promise.resolve(0);
}
