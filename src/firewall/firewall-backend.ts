// The FirewallBackend contract: the kernel side of bans. The service starts it with the jails' specs,
// hands it batches of bans and unbans (through the ban batcher), makes it hold exactly the stored bans
// at start (reconcile) and reconfigures it on reload. Bans stay in the kernel when it stops: elements
// time out on their own, so a stopped service still unbans on time and a restart finds them in place.
import type { BanDecision } from '../core/records.js';
import type { ApplyResult, FirewallBatch } from './firewall-batch.js';
import type { FirewallJailSpec } from './firewall-jail-spec.js';

export type { ApplyResult, FirewallBatch, RejectedChange } from './firewall-batch.js';

export type FirewallBackendKind = 'nftables' | 'ipset' | 'dry-run';

export interface FirewallStartResult {
  /** Kernel sets deleted because their jail is no longer configured. */
  readonly removedSets: readonly string[];
}

export interface FirewallJailDescription {
  readonly jail: string;
  /** Set names by kind: v4, v6 (addresses), v4net, v6net (networks). */
  readonly sets: Readonly<Record<'v4' | 'v6' | 'v4net' | 'v6net', string>>;
  /** The rules as the backend renders them (nft statements or iptables rule lines). */
  readonly rules: readonly string[];
}

export interface FirewallDescription {
  readonly backend: FirewallBackendKind;
  readonly started: boolean;
  /** Where the rules live: `inet fail2nft` chain `input`, or the iptables chain. */
  readonly location: string;
  readonly netns?: string;
  readonly maxTimeoutSec: number;
  readonly jails: readonly FirewallJailDescription[];
}

export interface FirewallBackendStats {
  /** Transactions run (setup, batches, reconcile), successful or not. */
  readonly transactions: number;
  readonly failedTransactions: number;
  /** Elements written by successful transactions. */
  readonly elements: number;
  /** Changes refused at the boundary (invalid address, unknown jail). */
  readonly rejected: number;
}

export interface FirewallBackend {
  readonly kind: FirewallBackendKind;
  /** Longest element timeout the backend writes; longer bans need bansToRefresh. */
  readonly maxTimeoutSec: number;
  /**
   * Creates the table, chain and sets that are missing and replaces the rules; never removes a set
   * element. Deletes the sets of jails no longer configured. Rejects with a Fail2nftError
   * (F2N_ERR_FIREWALL_UNAVAILABLE, F2N_ERR_FIREWALL_COMMAND_FAILED, F2N_ERR_FIREWALL_BAD_OPTION).
   */
  start(jails: readonly FirewallJailSpec[]): Promise<FirewallStartResult>;
  /**
   * Applies bans (timeout = remaining ban time, at least 1 s, at most maxTimeoutSec; none when
   * permanent) and unbans in one transaction. Invalid addresses and unknown jails come back in
   * `rejected` and are never rendered; a failed transaction rejects (F2N_ERR_FIREWALL_COMMAND_FAILED)
   * and changed nothing.
   */
  apply(batch: FirewallBatch, nowMs: number): Promise<ApplyResult>;
  /** Makes every jail's sets hold exactly these bans, at once, without listing them first. */
  reconcile(activeBans: readonly BanDecision[], nowMs: number): Promise<ApplyResult>;
  /** start() for a changed jail list while running (reload): elements of remaining jails stay. */
  reconfigure(jails: readonly FirewallJailSpec[]): Promise<FirewallStartResult>;
  /** Forgets the jails; the kernel keeps rules and bans. */
  stop(): Promise<void>;
  describe(): FirewallDescription;
  stats(): FirewallBackendStats;
}
