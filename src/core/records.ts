// Records passed between stages: matching emits FailureEvents, counting and decisions turn them into
// BanDecisions, which firewall and persistence consume. Plain data only (they cross worker boundaries).

export type FailureIdKind = 'address' | 'network' | 'dns' | 'raw';

/** One failure found in a log line for one jail. */
export interface FailureEvent {
  readonly jail: string;
  /** Canonical address or network text, a host name (kind 'dns'), or a custom id (kind 'raw'). */
  readonly id: string;
  readonly kind: FailureIdKind;
  /** Log time in ms (the matching stage already applied fail2ban's date fallbacks). */
  readonly timeMs: number;
  readonly user?: string;
  /** The log lines of the failure, for actions' <matches> (may be trimmed to maxmatches). */
  readonly matches?: readonly string[];
  /** Where the line came from (log path or journal), for metrics and messages. */
  readonly source?: string;
}

/** A decision to ban one address in one jail. */
export interface BanDecision {
  readonly jail: string;
  /** Canonical address or network text (validated: parseIpAddress / parseIpNetwork accepted it). */
  readonly address: string;
  readonly family: 4 | 6;
  readonly startMs: number;
  /** Seconds; -1 = permanent. */
  readonly durationSec: number;
  /** How many times this address has been banned in this jail (or all jails), this ban included. */
  readonly banCount: number;
  /** Failures that led to the ban (count within findtime). */
  readonly failures: number;
  readonly matches?: readonly string[];
}

export interface UnbanDecision {
  readonly jail: string;
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * Counting's output, decisions' input: one failure id reached maxretry failures within findtime in
 * one jail. Decisions still apply ignore lists, the ban index and the ban-time policy to it.
 */
export interface BanCandidate {
  readonly jail: string;
  readonly id: string;
  readonly kind: FailureIdKind;
  /** Time of the failure that reached the threshold (fail2ban starts the ban at this time). */
  readonly timeMs: number;
  /** Time of the oldest failure inside the window that reached the threshold. */
  readonly firstMs: number;
  /** Failures seen for this id since its entry started (fail2ban's <failures>). */
  readonly failures: number;
  /** User of the failure that reached the threshold, for <F-USER> in ignorecommand. */
  readonly user?: string;
  readonly matches?: readonly string[];
}
