// Command-line options of the end-to-end service benchmark (bench/service/run.ts), parsed and checked
// once. Pure: argv in, frozen options out; every invalid option has its own message.
import { parseArgs } from 'node:util';

export interface ServiceBenchOptions {
  /** The corpus appended to the watched log. */
  readonly log: string;
  /** Only the first N lines of the corpus; undefined = all. */
  readonly lines: number | undefined;
  /** Match worker threads of fail2nft; undefined = the configuration's `auto`. */
  readonly workers: number | undefined;
  readonly skipFail2ban: boolean;
  /** Where to write the JSON results; undefined = no file. */
  readonly jsonFile: string | undefined;
  /** Directory for V8 CPU profiles of the fail2nft runner (node --cpu-prof); undefined = none. */
  readonly cpuProfileDir: string | undefined;
  /** fail2nft runs (the median is reported; fail2ban runs once, it takes about a minute). */
  readonly repeat: number;
  /** Each side must finish within this many seconds. */
  readonly timeoutSec: number;
  readonly help: boolean;
}

export const SERVICE_BENCH_USAGE = `usage: node dist/bench/service/run.js [options]
  --log FILE         corpus appended to the watched log (default bench/data/mail.log)
  --lines N          only the first N lines of the corpus (default: all)
  --workers N        fail2nft match worker threads (default: auto)
  --no-fail2ban      run fail2nft only
  --repeat N         run the fail2nft side N times and report the median run (default 1)
  --cpu-prof DIR     write a V8 CPU profile of the fail2nft runner into DIR
  --timeout S        seconds each side may take before the run fails (default 600)
  --json [FILE]      write the results as JSON (default file bench/results/service-<time>.json)
`;

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** `defaultJsonFile` is used for a bare `--json`. Throws RangeError with the reason on bad input. */
export function parseServiceBenchOptions(
  argv: readonly string[],
  defaults: { readonly log: string; readonly defaultJsonFile: string },
): ServiceBenchOptions {
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
      log: { type: 'string' },
      lines: { type: 'string' },
      workers: { type: 'string' },
      'no-fail2ban': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      timeout: { type: 'string' },
      repeat: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 0) throw new RangeError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const workers = values.workers === 'auto' ? undefined : positiveInteger('--workers', values.workers);
  if (workers !== undefined && workers > 64) {
    throw new RangeError(`--workers must be at most 64, got ${workers}`);
  }
  if (values.log?.trim() === '') throw new RangeError('--log must name a file');
  if (values['cpu-prof']?.trim() === '') throw new RangeError('--cpu-prof must name a directory');
  return Object.freeze({
    log: values.log ?? defaults.log,
    lines: positiveInteger('--lines', values.lines),
    workers,
    skipFail2ban: values['no-fail2ban'],
    jsonFile,
    cpuProfileDir: values['cpu-prof'],
    repeat: positiveInteger('--repeat', values.repeat) ?? 1,
    timeoutSec: positiveInteger('--timeout', values.timeout) ?? 600,
    help: values.help,
  });
}
