// Options of the corpus generator: what the user passes, the defaults of each kind, and validation
// with one exact message per option. Parsing argv is pure (errors are thrown, nothing is printed).
import { Fail2nftError } from '../../src/core/errors.js';

export type CorpusKind = 'mail' | 'flood' | 'sshd';

export interface CorpusOptions {
  readonly kind: CorpusKind;
  readonly lines: number;
  readonly seed: number;
  /** Where the log goes; undefined only for in-memory generation (tests). */
  readonly out: string | undefined;
  /** Where the ground-truth JSON goes (default: `<out>.truth.json`). */
  readonly truthOut: string | undefined;
  readonly failureRatio: number;
  /** Attacking addresses (mail, sshd). */
  readonly attackers: number;
  /** Distinct flood addresses available (flood). */
  readonly addresses: number;
  /** Unix seconds of the first line. */
  readonly start: number;
  /** Lines per second on average. */
  readonly rate: number;
  /** Share of attacking addresses that are IPv6. */
  readonly ipv6Share: number;
  readonly maxretry: number;
  /** Seconds. */
  readonly findtime: number;
  /** Add per-address failure counts to the ground truth (large for floods). */
  readonly truthPerAddress: boolean;
}

export type CorpusInput = Partial<CorpusOptions> & { readonly kind: CorpusKind };

export const KIND_DEFAULTS: Readonly<
  Record<CorpusKind, Pick<CorpusOptions, 'failureRatio' | 'attackers' | 'addresses' | 'rate' | 'ipv6Share'>>
> = {
  mail: { failureRatio: 0.03, attackers: 1000, addresses: 0, rate: 50, ipv6Share: 0.12 },
  flood: { failureRatio: 0.5, attackers: 0, addresses: 1_000_000, rate: 200, ipv6Share: 0.3 },
  sshd: { failureRatio: 0.03, attackers: 1000, addresses: 0, rate: 10, ipv6Share: 0.1 },
};

export const DEFAULT_START = Date.UTC(2026, 10, 1) / 1000;

function usage(message: string): Fail2nftError {
  return new Fail2nftError('F2N_ERR_USAGE', message);
}

/** Fills defaults and checks every option; throws F2N_ERR_USAGE naming the first bad option. */
export function resolveCorpusOptions(input: CorpusInput): CorpusOptions {
  if (!['mail', 'flood', 'sshd'].includes(input.kind)) throw usage('--kind must be mail, flood or sshd');
  const defaults = KIND_DEFAULTS[input.kind];
  const options: CorpusOptions = {
    kind: input.kind,
    lines: input.lines ?? 1_000_000,
    seed: input.seed ?? 42,
    out: input.out,
    truthOut: input.truthOut ?? (input.out === undefined ? undefined : `${input.out}.truth.json`),
    failureRatio: input.failureRatio ?? defaults.failureRatio,
    attackers: input.attackers ?? defaults.attackers,
    addresses: input.addresses ?? defaults.addresses,
    start: input.start ?? DEFAULT_START,
    rate: input.rate ?? defaults.rate,
    ipv6Share: input.ipv6Share ?? defaults.ipv6Share,
    maxretry: input.maxretry ?? 5,
    findtime: input.findtime ?? 600,
    truthPerAddress: input.truthPerAddress ?? false,
  };
  if (!Number.isInteger(options.lines) || options.lines < 1 || options.lines > 1e9)
    throw usage('--lines must be an integer from 1 to 1000000000');
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw usage('--seed must be a non-negative integer');
  if (!(options.failureRatio >= 0 && options.failureRatio < 1))
    throw usage('--failure-ratio must be at least 0 and below 1');
  if (!Number.isInteger(options.attackers) || options.attackers < 0 || options.attackers > 1e7)
    throw usage('--attackers must be an integer from 0 to 10000000');
  if (!Number.isInteger(options.addresses) || options.addresses < 0 || options.addresses > 2e9)
    throw usage('--addresses must be an integer from 0 to 2000000000');
  if (options.kind === 'flood' ? options.addresses < 1 : options.attackers < 1) {
    if (options.failureRatio > 0)
      throw usage(
        options.kind === 'flood'
          ? '--addresses must be at least 1 when --failure-ratio is above 0'
          : '--attackers must be at least 1 when --failure-ratio is above 0',
      );
  }
  if (!Number.isFinite(options.start))
    throw usage('--start must be an ISO 8601 time such as 2026-11-01T00:00:00Z');
  if (!(options.rate > 0 && options.rate <= 1e6)) throw usage('--rate must be above 0 and at most 1000000');
  if (!(options.ipv6Share >= 0 && options.ipv6Share <= 1)) throw usage('--ipv6-share must be from 0 to 1');
  if (!Number.isInteger(options.maxretry) || options.maxretry < 1)
    throw usage('--maxretry must be a positive integer');
  if (!(options.findtime >= 0)) throw usage('--findtime must not be negative');
  return Object.freeze(options);
}

const HELP = `Usage: node dist/bench/generate-corpus.js --kind mail|flood|sshd --out FILE [options]

  --kind K            mail (mail.log), flood (mail.log, half failures), sshd (auth.log)
  --out FILE          log to write; the ground truth goes to FILE.truth.json
  --lines N           lines to write (default 1000000)
  --seed N            same seed, same bytes (default 42)
  --failure-ratio R   share of failure lines (default 0.03; flood 0.5)
  --attackers N       attacking addresses, mail and sshd (default 1000)
  --addresses N       distinct flood addresses available, flood (default 1000000)
  --start ISO         time of the first line (default 2026-11-01T00:00:00Z); logs are year-less
  --rate R            lines per second (default 50; flood 200; sshd 10)
  --ipv6-share R      share of IPv6 attackers (default 0.12; flood 0.3; sshd 0.1)
  --maxretry N        ground truth: failures that ban (default 5)
  --findtime S        ground truth: window in seconds (default 600)
  --truth FILE        where to write the ground truth instead
  --truth-per-address add each address's failure count to the ground truth
`;

export interface ParsedCommandLine {
  readonly help: boolean;
  readonly options: CorpusOptions | undefined;
}

function numberArg(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || Number.isNaN(n)) throw usage(`${name} must be a number, got "${value}"`);
  return n;
}

/** Parses `--name value` pairs (also `--name=value`); --help wins over everything else. */
export function parseCorpusArgs(argv: readonly string[]): ParsedCommandLine {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true, options: undefined };
  const input: { -readonly [K in keyof CorpusOptions]?: CorpusOptions[K] } = {};
  let kind: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    }
    if (name === '--truth-per-address') {
      input.truthPerAddress = true;
      continue;
    }
    if (value === undefined) {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw usage(`${name} needs a value`);
    switch (name) {
      case '--kind':
        kind = value;
        break;
      case '--out':
        input.out = value;
        break;
      case '--truth':
        input.truthOut = value;
        break;
      case '--lines':
        input.lines = numberArg(name, value);
        break;
      case '--seed':
        input.seed = numberArg(name, value);
        break;
      case '--failure-ratio':
        input.failureRatio = numberArg(name, value);
        break;
      case '--attackers':
        input.attackers = numberArg(name, value);
        break;
      case '--addresses':
        input.addresses = numberArg(name, value);
        break;
      case '--start':
        input.start = Date.parse(value) / 1000;
        if (!/^\d{4}-\d{2}-\d{2}/.test(value)) input.start = NaN;
        break;
      case '--rate':
        input.rate = numberArg(name, value);
        break;
      case '--ipv6-share':
        input.ipv6Share = numberArg(name, value);
        break;
      case '--maxretry':
        input.maxretry = numberArg(name, value);
        break;
      case '--findtime':
        input.findtime = numberArg(name, value);
        break;
      default:
        throw usage(`unknown option ${name} (see --help)`);
    }
  }
  if (kind === undefined) throw usage('--kind is required (mail, flood or sshd)');
  if (input.out === undefined) throw usage('--out is required');
  if (kind !== 'mail' && kind !== 'flood' && kind !== 'sshd')
    throw usage('--kind must be mail, flood or sshd');
  if (kind === 'flood' && input.attackers !== undefined)
    throw usage('--attackers is for mail and sshd; a flood takes --addresses');
  if (kind !== 'flood' && input.addresses !== undefined)
    throw usage('--addresses is for flood; mail and sshd take --attackers');
  return { help: false, options: resolveCorpusOptions({ ...input, kind }) };
}

export const CORPUS_HELP = HELP;
