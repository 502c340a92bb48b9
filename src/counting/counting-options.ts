// Options of one jail's failure counter: what the composition root passes (the jail's maxretry,
// findtime and maxmatches, mirrored here because stages do not import the config stage) and the
// checked, filled result. Each invalid option has its own message.
import { Fail2nftError } from '../core/errors.js';

export interface CountingOptions {
  readonly maxretry: number;
  /** Seconds. */
  readonly findtime: number;
  /**
   * Log lines kept per tracked id for actions' <matches>. 0 (the default) keeps none, so tracking an
   * address costs only its timestamps; set it only when an action uses <matches>.
   */
  readonly maxMatches?: number;
  /** Most ids tracked at once; beyond it the id whose last failure is oldest is dropped. */
  readonly maxTracked?: number;
}

export interface FilledCountingOptions {
  readonly maxretry: number;
  readonly findtimeMs: number;
  readonly maxMatches: number;
  readonly maxTracked: number;
}

/** Each tracked id keeps up to maxretry timestamps (8 bytes each), so maxretry is capped. */
export const MAX_MAXRETRY = 1000;
export const DEFAULT_MAX_TRACKED = 1_000_000;

function invalid(option: string, message: string, value: unknown): Fail2nftError {
  return new Fail2nftError('F2N_ERR_CONFIG_BAD_VALUE', `${option}: ${message}`, { option, value });
}

export function fillCountingOptions(options: CountingOptions): FilledCountingOptions {
  const { maxretry, findtime, maxMatches = 0, maxTracked = DEFAULT_MAX_TRACKED } = options;
  if (!Number.isInteger(maxretry) || maxretry < 1)
    throw invalid('maxretry', `must be a whole number of at least 1, got ${maxretry}`, maxretry);
  if (maxretry > MAX_MAXRETRY)
    throw invalid(
      'maxretry',
      `at most ${MAX_MAXRETRY} is supported (every tracked address keeps maxretry timestamps), got ${maxretry}`,
      maxretry,
    );
  if (!Number.isFinite(findtime) || findtime <= 0)
    throw invalid('findtime', `must be a positive number of seconds, got ${findtime}`, findtime);
  if (!Number.isInteger(maxMatches) || maxMatches < 0)
    throw invalid('maxmatches', `must be a whole number of at least 0, got ${maxMatches}`, maxMatches);
  if (!Number.isInteger(maxTracked) || maxTracked < 1)
    throw invalid('maxTracked', `must be a whole number of at least 1, got ${maxTracked}`, maxTracked);
  return Object.freeze({ maxretry, findtimeMs: findtime * 1000, maxMatches, maxTracked });
}
