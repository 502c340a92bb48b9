// The action contract every jail action implements (fail2ban's start/stop/ban/unban, plus flush),
// and the records it takes and returns. Outcomes are values: a failed command is an outcome with an
// error, never a rejected promise, so one broken action cannot stop a jail's bans.
import type { BanDecision, UnbanDecision } from '../core/records.js';
import type { Fail2nftError } from '../core/errors.js';

/** What a ban action needs beyond the decision: fail2ban's extra ban-time tags. */
export interface BanInfo extends BanDecision {
  /** True when the ban was restored from the database at start; actions with norestored skip it. */
  readonly restored?: boolean;
  /** The failure id as found in the log (<fid>); the address when absent. */
  readonly id?: string;
  /** <F-USER>. */
  readonly user?: string;
  /** Other <F-NAME> captures of the filter, keyed by the lower-case NAME (`user`, `port`, ...). */
  readonly captures?: Readonly<Record<string, string>>;
  /** <ipmatches>/<ipfailures>: this address in every jail; the decision's matches/failures when absent. */
  readonly ipMatches?: readonly string[];
  readonly ipFailures?: number;
  /** <ipjailmatches>/<ipjailfailures>: this address in this jail (the database's view). */
  readonly ipJailMatches?: readonly string[];
  readonly ipJailFailures?: number;
}

/** An unban carries what is known of the ban; missing ban-time tags render as empty text or 0. */
export type UnbanInfo = UnbanDecision & Partial<Omit<BanInfo, keyof UnbanDecision>>;

export type ActionOperation = 'start' | 'stop' | 'check' | 'ban' | 'unban' | 'flush';

/** Why an operation ran nothing: no command for it, a restored ban on a norestored action, buffered mail. */
export type SkipReason = 'empty' | 'restored' | 'buffered';

export type ActionOutcome =
  | {
      readonly ok: true;
      readonly operation: ActionOperation;
      readonly skipped?: SkipReason;
      /** Captured standard output of the command, bounded; empty when none ran. */
      readonly output?: string;
    }
  | {
      readonly ok: false;
      readonly operation: ActionOperation;
      /** F2N_ERR_ACTION_*; details hold the exit status, signal and bounded standard error. */
      readonly error: Fail2nftError;
    };

export interface ActionStats {
  /** Operations that ran a command or sent a mail (skipped ones not included). */
  readonly runs: number;
  readonly failures: number;
  /** Failures that were timeouts (also counted in failures). */
  readonly timeouts: number;
  readonly skipped: number;
  /** Operations queued or running now. */
  readonly backlog: number;
}

export type ActionKind = 'command' | 'mail';

export interface ActionHandler {
  /** The jail's name of the action (fail2ban's actname), unique in its jail. */
  readonly name: string;
  readonly jail: string;
  /** The action.d file it came from. */
  readonly file: string;
  readonly kind: ActionKind;
  /** True when the action has an actionflush (or, for buffered mail, pending bans to send). */
  readonly canFlush: boolean;
  start(): Promise<ActionOutcome>;
  ban(info: BanInfo): Promise<ActionOutcome>;
  unban(info: UnbanInfo): Promise<ActionOutcome>;
  /** Removes every ban at once where the action supports it; a skipped outcome when it does not. */
  flush(): Promise<ActionOutcome>;
  stop(): Promise<ActionOutcome>;
  /**
   * Resolves when the action's queue has room for another operation. Callers that do not await each
   * outcome await this before submitting, so a ban storm slows the caller instead of growing memory.
   */
  ready(): Promise<void>;
  /** Resolves when every queued operation has finished. */
  idle(): Promise<void>;
  stats(): ActionStats;
}
