// Command-line options of the side-by-side benchmark (bench/side-by-side/run.ts), parsed and checked
// once. Pure: argv in, frozen options out; every invalid option has its own message.
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios.js';

export interface SideBySideOptions {
  readonly scenarios: readonly ScenarioName[];
  /** Corpus lines appended per full-speed scenario; undefined = the whole corpus. */
  readonly lines: number | undefined;
  /** fail2ban appends only this prefix of the flood (one process per ban makes the whole flood take hours). */
  readonly fail2banFloodLines: number;
  /** Paced flood runs, in failure lines per second; empty = none. */
  readonly pacedRates: readonly number[];
  /** Seconds each paced run appends. */
  readonly pacedSeconds: number;
  /** fail2ban runs the paced flood at the first rate only, for this many seconds. */
  readonly fail2banPacedSeconds: number;
  readonly floodMaxretry: number;
  readonly skipFail2ban: boolean;
  readonly workers: number | undefined;
  readonly dataDir: string;
  readonly timeoutSec: number;
  readonly jsonFile: string | undefined;
  /** V8 CPU profiles of the fail2nft runner (node --cpu-prof) into this directory; undefined = none. */
  readonly cpuProfileDir: string | undefined;
  readonly help: boolean;
}

export const SIDE_BY_SIDE_USAGE = `usage: node dist/bench/side-by-side/run.js [options]   (as root)
  --scenarios LIST       mail,flood,sshd (default: all three)
  --lines N              append only the first N lines of each corpus (default: all, 1M)
  --fail2ban-lines N     fail2ban appends only the first N lines of the flood (default 20000)
  --paced RATES          paced flood runs, failure lines/s (default 1000,10000; 0 = none)
  --paced-seconds S      seconds each paced run appends (default 30)
  --fail2ban-paced-seconds S  fail2ban's paced run, at the first rate only (default 5)
  --flood-maxretry N     maxretry of the flood's jails (default 1: a flood address fails 1-3 times)
  --workers N            fail2nft match workers (default: auto)
  --no-fail2ban          run fail2nft only
  --data DIR             where the corpora are (generated when missing; default bench/data)
  --timeout S            seconds each run may take (default 1800)
  --cpu-prof DIR         write V8 CPU profiles of the fail2nft runner into DIR
  --json [FILE]          also write the results as JSON (default bench/results/side-by-side-<time>.json)
`;

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function scenarioList(text: string | undefined): ScenarioName[] {
  if (text === undefined) return [...SCENARIO_NAMES];
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(SCENARIO_NAMES as readonly string[]).includes(name))
      throw new RangeError(`--scenarios: unknown scenario ${JSON.stringify(name)} (mail, flood, sshd)`);
  }
  return SCENARIO_NAMES.filter((name) => names.includes(name));
}

function rateList(text: string | undefined): number[] {
  if (text === undefined) return [1000, 10_000];
  if (text.trim() === '0') return [];
  return text.split(',').map((rate) => positiveInteger('--paced', rate.trim()) ?? 0);
}

export function parseSideBySideOptions(
  argv: readonly string[],
  defaults: { readonly dataDir: string; readonly defaultJsonFile: string },
): SideBySideOptions {
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
      scenarios: { type: 'string' },
      lines: { type: 'string' },
      'fail2ban-lines': { type: 'string' },
      paced: { type: 'string' },
      'paced-seconds': { type: 'string' },
      'fail2ban-paced-seconds': { type: 'string' },
      'flood-maxretry': { type: 'string' },
      workers: { type: 'string' },
      'no-fail2ban': { type: 'boolean', default: false },
      data: { type: 'string' },
      timeout: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 0) throw new RangeError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.data?.trim() === '') throw new RangeError('--data must name a directory');
  if (values['cpu-prof']?.trim() === '') throw new RangeError('--cpu-prof must name a directory');
  return Object.freeze({
    scenarios: scenarioList(values.scenarios),
    lines: positiveInteger('--lines', values.lines),
    fail2banFloodLines: positiveInteger('--fail2ban-lines', values['fail2ban-lines']) ?? 20_000,
    pacedRates: rateList(values.paced),
    pacedSeconds: positiveInteger('--paced-seconds', values['paced-seconds']) ?? 30,
    fail2banPacedSeconds: positiveInteger('--fail2ban-paced-seconds', values['fail2ban-paced-seconds']) ?? 5,
    floodMaxretry: positiveInteger('--flood-maxretry', values['flood-maxretry']) ?? 1,
    skipFail2ban: values['no-fail2ban'],
    workers: values.workers === 'auto' ? undefined : positiveInteger('--workers', values.workers),
    dataDir: values.data ?? defaults.dataDir,
    timeoutSec: positiveInteger('--timeout', values.timeout) ?? 1800,
    jsonFile,
    cpuProfileDir: values['cpu-prof'],
    help: values.help,
  });
}
