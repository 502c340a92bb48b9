// The records a FirewallBackend takes and gives back (kept apart from the contract so the planning and
// rendering code can use them without the contract).
import type { Fail2nftError } from '../core/errors.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';

export interface FirewallBatch {
  readonly bans: readonly BanDecision[];
  readonly unbans: readonly UnbanDecision[];
}

/** A change the backend refused before rendering anything (invalid address, unknown jail). */
export type RejectedChange =
  | { readonly kind: 'ban'; readonly change: BanDecision; readonly error: Fail2nftError }
  | { readonly kind: 'unban'; readonly change: UnbanDecision; readonly error: Fail2nftError };

export interface ApplyResult {
  /** Elements written in the transaction (bans plus unbans after removing duplicates). */
  readonly applied: number;
  readonly rejected: readonly RejectedChange[];
}

export const emptyBatch: FirewallBatch = { bans: [], unbans: [] };
