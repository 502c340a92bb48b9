// Where decided bans go: the ban store, then the kernel (the enforcement sink; with --dry-run its
// backend is the dry-run one). The failure pipeline hands bans over without waiting; flush() is the point
// where everything handed over so far is stored and enforced, which is when the position gate may
// save the log positions of the lines that caused them.
import type { BanDecision, UnbanDecision } from '../core/records.js';

export interface BanSinkStats {
  readonly bans: number;
  readonly unbans: number;
}

export interface BanSink {
  /** `readAtMs`: when the line that completed the ban was read (for ban latency). */
  ban(decision: BanDecision, readAtMs: number): void;
  unban(decision: UnbanDecision): void;
  /** Resolves once every ban and unban handed over so far is committed. */
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): BanSinkStats;
}
