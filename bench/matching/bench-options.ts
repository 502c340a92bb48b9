// Command-line options of the matching benchmark (bench/matching/run.ts), parsed and checked once.
// Pure: argv in, frozen options out; every invalid option has its own message.
import { parseArgs } from 'node:util';

export const DRIVER_NAMES = ['line-filter', 'source-matcher', 'engine'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

export interface BenchOptions {
  /** Drivers to run; undefined = every driver whose module exists. */
  readonly drivers: readonly DriverName[] | undefined;
  /** Lines of each log given to fail2ban-regex (and to ours for the comparison); undefined = all. */
  readonly fail2banLines: number | undefined;
  /** Lines of each log for our throughput scenarios; undefined = all. */
  readonly ourLines: number | undefined;
  /** Timed repetitions of each of our measurements (the median is reported). */
  readonly repeat: number;
  /** Scenario names to run (substring match); empty = all. */
  readonly only: readonly string[];
  readonly skipFail2ban: boolean;
  /** Whose filter files the throughput scenarios read: config/filter.d or /etc/fail2ban/filter.d. */
  readonly filterSource: 'bundled' | 'debian';
  readonly dataDir: string;
  /** Where to write the JSON results; undefined = no file. */
  readonly jsonFile: string | undefined;
  readonly help: boolean;
}

export const BENCH_USAGE = `usage: node dist/bench/matching/run.js [options]
  --driver NAME[,NAME]  line-filter | source-matcher | engine (default: every one available)
  --lines N             prefix of each log for fail2ban-regex and the comparison with it (default: all)
  --our-lines N         prefix of each log for our throughput scenarios (default: all)
  --repeat N            timed repetitions per measurement, median reported (default 3)
  --only NAME[,NAME]    run the scenarios whose name contains one of these
  --no-fail2ban         skip the fail2ban-regex scenarios
  --filters SOURCE      bundled (config/filter.d, default) or debian (/etc/fail2ban) for throughput
  --data DIR            where mail.log, flood.log, sshd.log are (default bench/data)
  --json [FILE]         write the results as JSON (default file bench/results/matching-<time>.json)
`;

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function isDriverName(name: string): name is DriverName {
  return (DRIVER_NAMES as readonly string[]).includes(name);
}

/** `defaultJsonFile` is used for a bare `--json`. Throws RangeError with the reason on bad input. */
export function parseBenchOptions(
  argv: readonly string[],
  defaults: { readonly dataDir: string; readonly defaultJsonFile: string },
): BenchOptions {
  // --json takes an optional file: a following argument that is not an option is its value.
  const args = [...argv];
  const jsonAt = args.indexOf('--json');
  let jsonFile: string | undefined;
  if (jsonAt >= 0) {
    const next = args[jsonAt + 1];
    const hasValue = next !== undefined && !next.startsWith('--');
    jsonFile = hasValue ? next : defaults.defaultJsonFile;
    args.splice(jsonAt, hasValue ? 2 : 1);
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      driver: { type: 'string' },
      lines: { type: 'string' },
      'our-lines': { type: 'string' },
      repeat: { type: 'string' },
      only: { type: 'string' },
      'no-fail2ban': { type: 'boolean', default: false },
      filters: { type: 'string', default: 'bundled' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 0) throw new RangeError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const driverNames = list(values.driver);
  for (const name of driverNames) {
    if (!isDriverName(name))
      throw new RangeError(`--driver must be one of ${DRIVER_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  }
  const filterSource = values.filters;
  if (filterSource !== 'bundled' && filterSource !== 'debian') {
    throw new RangeError(`--filters must be bundled or debian, got ${JSON.stringify(filterSource)}`);
  }
  return Object.freeze({
    drivers: driverNames.length === 0 ? undefined : driverNames.filter(isDriverName),
    fail2banLines: positiveInteger('--lines', values.lines),
    ourLines: positiveInteger('--our-lines', values['our-lines']),
    repeat: positiveInteger('--repeat', values.repeat) ?? 3,
    only: list(values.only),
    skipFail2ban: values['no-fail2ban'],
    filterSource,
    dataDir: values.data ?? defaults.dataDir,
    jsonFile,
    help: values.help,
  });
}
