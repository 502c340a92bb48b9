// The demo's options: what the command line gives (all optional) and the filled, checked result.
import { Fail2nftError } from '../../core/errors.js';

export interface DemoOptions {
  readonly keep?: boolean;
  readonly dryRun?: boolean;
  readonly attackers?: string;
  readonly seconds?: string;
}

export interface FilledDemoOptions {
  /** Keep the temporary directory (configuration, mail log, service log) for a look afterwards. */
  readonly keep: boolean;
  readonly dryRun: boolean;
  readonly attackers: number;
  readonly durationMs: number;
}

export const demoLimits = {
  attackers: { min: 1, max: 500, default: 50 },
  seconds: { min: 0.2, max: 60, default: 5 },
} as const;

function parseCount(text: string): number {
  if (!/^\d+$/.test(text.trim()))
    throw new Fail2nftError('F2N_ERR_USAGE', `--attackers must be a whole number, got '${text}'`);
  const value = Number(text);
  const { min, max } = demoLimits.attackers;
  if (value < min || value > max)
    throw new Fail2nftError('F2N_ERR_USAGE', `--attackers must be between ${min} and ${max}, got ${value}`);
  return value;
}

function parseSeconds(text: string): number {
  if (!/^\d+(?:\.\d+)?$/.test(text.trim()))
    throw new Fail2nftError('F2N_ERR_USAGE', `--seconds must be a number of seconds, got '${text}'`);
  const value = Number(text);
  const { min, max } = demoLimits.seconds;
  if (value < min || value > max)
    throw new Fail2nftError('F2N_ERR_USAGE', `--seconds must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function fillDemoOptions(options: DemoOptions): FilledDemoOptions {
  return Object.freeze({
    keep: options.keep === true,
    dryRun: options.dryRun === true,
    attackers: options.attackers === undefined ? demoLimits.attackers.default : parseCount(options.attackers),
    durationMs: Math.round(
      (options.seconds === undefined ? demoLimits.seconds.default : parseSeconds(options.seconds)) * 1000,
    ),
  });
}
