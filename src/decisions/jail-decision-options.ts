// What the decision stage needs of a jail, mirrored from the jail configuration (stages do not import
// the config stage), and the per-jail state built from it once: the ban-time policy, the ignore list
// and the ignore command. Every problem of every jail is collected and thrown together.
import type { Clock } from '../core/clock.js';
import { Fail2nftAggregateError, Fail2nftError } from '../core/errors.js';
import { createBanTimePolicy, type BanTimePolicy, type BantimeIncrementOptions } from './ban-time-policy.js';
import { IgnoreCommand, type CommandRunner } from './ignore/ignore-command.js';
import { IgnoreList } from './ignore/ignore-list.js';

export interface JailDecisionOptions {
  /** Seconds; -1 = permanent. */
  readonly bantime: number;
  /** For the extra weight of failures from addresses banned before (bantime.increment). */
  readonly maxretry: number;
  readonly increment?: BantimeIncrementOptions;
  /** Addresses, CIDR networks, host names and file:/path lists. */
  readonly ignoreip?: readonly string[];
  /** Default true, as in fail2ban. */
  readonly ignoreself?: boolean;
  readonly ignorecommand?: string;
  readonly ignorecache?: { readonly key: string; readonly maxCount: number; readonly maxTime: number };
  /** Default 60 s. */
  readonly ignoreCommandTimeoutSec?: number;
}

export interface JailDecisionState {
  readonly name: string;
  readonly maxretry: number;
  readonly policy: BanTimePolicy;
  readonly ignore: IgnoreList;
  readonly command: IgnoreCommand | undefined;
}

function inJail(jail: string, error: unknown): Fail2nftError {
  if (error instanceof Fail2nftError)
    return new Fail2nftError(error.code, `[${jail}] ${error.message}`, { ...error.details, jail }, error);
  return new Fail2nftError('F2N_ERR_INTERNAL', `[${jail}] ${String(error)}`, { jail }, error);
}

export function buildJailStates(
  jails: Readonly<Record<string, JailDecisionOptions>>,
  run: CommandRunner,
  clock: Clock,
): Map<string, JailDecisionState> {
  const states = new Map<string, JailDecisionState>();
  const problems: Fail2nftError[] = [];
  const attempt = <T>(jail: string, build: () => T): T | undefined => {
    try {
      return build();
    } catch (error) {
      problems.push(inJail(jail, error));
      return undefined;
    }
  };
  for (const [name, options] of Object.entries(jails)) {
    const maxretry = attempt(name, () => {
      if (!Number.isInteger(options.maxretry) || options.maxretry < 1)
        throw new Fail2nftError(
          'F2N_ERR_CONFIG_BAD_VALUE',
          `maxretry: must be a whole number of at least 1, got ${options.maxretry}`,
          {
            option: 'maxretry',
          },
        );
      return options.maxretry;
    });
    const policy = attempt(name, () =>
      createBanTimePolicy({
        bantime: options.bantime,
        ...(options.increment === undefined ? {} : { increment: options.increment }),
      }),
    );
    const ignore = attempt(name, () => new IgnoreList(options.ignoreip ?? [], options.ignoreself ?? true));
    const template = options.ignorecommand?.trim() ?? '';
    const command =
      template === ''
        ? undefined
        : attempt(
            name,
            () =>
              new IgnoreCommand({
                template,
                run,
                clock,
                ...(options.ignorecache === undefined ? {} : { cache: options.ignorecache }),
                ...(options.ignoreCommandTimeoutSec === undefined
                  ? {}
                  : { timeoutSec: options.ignoreCommandTimeoutSec }),
              }),
          );
    if (maxretry === undefined || policy === undefined || ignore === undefined) continue;
    if (template !== '' && command === undefined) continue;
    states.set(name, { name, maxretry, policy, ignore, command });
  }
  if (problems.length === 1 && problems[0] !== undefined) throw problems[0];
  if (problems.length > 1) throw new Fail2nftAggregateError(problems);
  return states;
}
