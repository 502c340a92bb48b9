// The BanStore contract: where bans, ban history and log positions outlive the process. Every method
// is async so that a store may live elsewhere (another process, a remote database); the SQLite store
// answers synchronously inside those promises.
//
// The service records each firewall batch with recordBans BEFORE committing it to the kernel, so no
// ban can be in the kernel without being in the store (a crash in between leaves a stored ban that
// the next start restores — one extra ban, never a lost one).
import type { PositionStore } from '../core/positions.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';

/** How often an address was banned in a jail: what BanHistory needs for bantime.increment. */
export interface BanHistoryRow {
  readonly jail: string;
  readonly address: string;
  /** Bans of the address in the jail since the row was created (the current one included). */
  readonly count: number;
  /** Start of the latest of them. */
  readonly lastStartMs: number;
  /** Ban time of the latest of them, seconds; -1 = permanent. */
  readonly durationSec: number;
}

export interface ActiveBansOptions {
  /**
   * Also return each ban's stored log lines (BanDecision.matches). Off by default: a restore does
   * not need them and decoding them costs about as much as the rest of the row.
   */
  readonly matches?: boolean;
}

/** What purge removed. */
export interface PurgeReport {
  /** Current-ban rows whose ban had ended before olderThanMs. */
  readonly bans: number;
  /** History rows past their purge time. */
  readonly history: number;
}

/** Rows held, for status, metrics and tests. */
export interface StoreCounts {
  /** Current-ban rows, ended ones not yet purged included. */
  readonly bans: number;
  readonly history: number;
  readonly positions: number;
}

export interface BanStore extends PositionStore {
  /**
   * Records one firewall batch in one transaction: each ban replaces the current ban of its (jail,
   * address) unless that one started later, and adds one to its history. Resolves once durable.
   */
  recordBans(bans: readonly BanDecision[]): Promise<void>;
  /**
   * Removes the current bans (and their history, as fail2ban's unbanip and DecisionStage.unban
   * forget it) of the listed (jail, address) pairs, leaving alone any ban or history that started
   * after `atMs` (a ban recorded after the unban was decided). Resolves to the current bans removed.
   */
  recordUnbans(unbans: readonly UnbanDecision[], atMs: number): Promise<number>;
  /** Removes every current ban and history row of `jail`, or of every jail. Resolves to the bans removed. */
  unbanAll(jail?: string): Promise<number>;
  /** Bans that end after `nowMs` or are permanent, in no particular order. */
  activeBans(nowMs: number, options?: ActiveBansOptions): Promise<BanDecision[]>;
  /** Every history row; BanHistory applies its own expiry when it reads them. */
  banHistory(): Promise<BanHistoryRow[]>;
  /**
   * Brings over bans and history from elsewhere (import-db) in one transaction. Unlike recordBans it
   * adds no history for `bans`; history rows merge by maximum (count and last start), so importing
   * the same data twice changes nothing.
   */
  importRecords(bans: readonly BanDecision[], history: readonly BanHistoryRow[]): Promise<void>;
  /**
   * fail2ban's dbpurgeage with `olderThanMs` = now − dbpurgeage: drops current-ban rows whose ban
   * ended before it, and history rows whose last ban started before it and whose start + 3 × ban time
   * is before it too (fail2ban's bips rule, which BanHistory applies in memory). Permanent bans stay.
   */
  purge(olderThanMs: number): Promise<PurgeReport>;
  /** Writes the positions saved since the last flush (a store may coalesce save() calls). */
  flushPositions(): Promise<void>;
  counts(): Promise<StoreCounts>;
  /** Flushes positions and releases the store; later calls reject with F2N_ERR_STORE_CLOSED. */
  close(): Promise<void>;
}
