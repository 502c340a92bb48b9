// How long a ban lasts: the jail's bantime, or with bantime.increment a longer time for addresses
// banned before, as fail2ban computes it:
// - only when bantime > 0 (a permanent ban stays permanent) and the address was banned before
//   (priorBans > 0); a first ban always gets bantime, without maxtime or rndtime;
// - with bantime.multipliers: bantime × factor × multipliers[min(priorBans, length - 1)];
// - else the formula (default: bantime × 2^min(priorBans, 20) × factor), never below bantime;
// - then capped by bantime.maxtime, then plus random() × bantime.rndtime.
// Incremented times are rounded to whole seconds (kernel set timeouts are whole seconds).
import { formulaError } from './formula/formula-error.js';
import { compileBanFormula, evaluateConstantFormula, type BanFormula } from './formula/compile-formula.js';
import type { FormulaScope } from './formula/evaluate-formula.js';
import { Fail2nftError } from '../core/errors.js';

export interface BantimeIncrementOptions {
  readonly enabled: boolean;
  /** A number, or fail2ban's expression text ("2.0 / 2.885385"); default 1. */
  readonly factor?: number | string;
  readonly formula?: string;
  readonly multipliers?: readonly number[];
  /** Seconds. */
  readonly maxtime?: number;
  /** Seconds. */
  readonly rndtime?: number;
  readonly overalljails?: boolean;
}

export interface BanTimeOptions {
  /** Seconds; -1 = permanent. */
  readonly bantime: number;
  readonly increment?: BantimeIncrementOptions;
}

export interface BanDuration {
  /** Seconds; -1 = permanent. */
  readonly durationSec: number;
  /** Set when the formula failed for this ban; the duration is then bantime (as fail2ban does). */
  readonly error?: string;
}

export interface BanTimePolicy {
  readonly bantime: number;
  readonly incrementEnabled: boolean;
  readonly overalljails: boolean;
  /** `priorBans`: bans of the address before this one; `random` returns a number in [0, 1). */
  duration(priorBans: number, random: () => number): BanDuration;
}

/** Ban counts tried at configuration time, so a formula that fails on them fails at load. */
const TRIAL_COUNTS = 21;

function defaultGrowth(scope: FormulaScope): number {
  return scope['ban.Time'] * 2 ** Math.min(scope['ban.Count'], 20) * scope.banFactor;
}

function readFactor(factor: number | string | undefined): number {
  if (factor === undefined) return 1;
  const value = typeof factor === 'number' ? factor : evaluateConstantFormula(factor, 'bantime.factor');
  if (!Number.isFinite(value)) throw formulaError('bantime.factor', `must be a finite number, got ${value}`);
  return value;
}

function checkSeconds(option: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isFinite(value) || value < 0))
    throw new Fail2nftError(
      'F2N_ERR_CONFIG_BAD_VALUE',
      `${option}: must be a number of seconds of at least 0, got ${value}`,
      {
        option,
      },
    );
}

export function createBanTimePolicy(options: BanTimeOptions): BanTimePolicy {
  const { bantime, increment } = options;
  if (!Number.isFinite(bantime) || (bantime < 0 && bantime !== -1))
    throw new Fail2nftError(
      'F2N_ERR_CONFIG_BAD_VALUE',
      `bantime: must be seconds of at least 0 or -1 (permanent), got ${bantime}`,
      {
        option: 'bantime',
      },
    );
  const overalljails = increment?.overalljails === true;
  if (increment?.enabled !== true) {
    return { bantime, incrementEnabled: false, overalljails, duration: () => ({ durationSec: bantime }) };
  }
  const factor = readFactor(increment.factor);
  const multipliers = increment.multipliers ?? [];
  for (const m of multipliers)
    if (!Number.isFinite(m)) throw formulaError('bantime.multipliers', `'${m}' is not a number`);
  const { maxtime, rndtime } = increment;
  checkSeconds('bantime.maxtime', maxtime);
  checkSeconds('bantime.rndtime', rndtime);
  const formula: BanFormula | undefined =
    multipliers.length === 0 && increment.formula !== undefined && increment.formula.trim() !== ''
      ? compileBanFormula(increment.formula)
      : undefined;

  const grow = (priorBans: number): number => {
    if (multipliers.length > 0)
      return bantime * factor * (multipliers[Math.min(priorBans, multipliers.length - 1)] ?? 1);
    const scope: FormulaScope = { 'ban.Time': bantime, 'ban.Count': priorBans, banFactor: factor };
    return Math.max(bantime, formula === undefined ? defaultGrowth(scope) : formula(scope));
  };

  if (bantime > 0) {
    // A formula that cannot be evaluated for this jail's bantime is a configuration error.
    for (let count = 1; count <= TRIAL_COUNTS; count++) grow(count);
  }

  return {
    bantime,
    incrementEnabled: true,
    overalljails,
    duration(priorBans, random) {
      if (bantime <= 0 || priorBans <= 0) return { durationSec: bantime };
      let seconds: number;
      try {
        seconds = grow(priorBans);
      } catch (error) {
        return { durationSec: bantime, error: error instanceof Error ? error.message : String(error) };
      }
      if (maxtime !== undefined) seconds = Math.min(seconds, maxtime);
      if (rndtime !== undefined) seconds += random() * rndtime;
      return { durationSec: Math.max(0, Math.round(seconds)) };
    },
  };
}
