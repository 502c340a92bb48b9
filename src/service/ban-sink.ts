// Where decided bans go: the kernel backends (through the firewall batcher and the ban store) or, with
// --dry-run, only the log. The failure pipeline hands bans over without waiting; flush() is the point
// where everything handed over so far is stored and enforced, which is when the position gate may
// save the log positions of the lines that caused them.
import type { Logger } from '../core/logger.js';
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

/** --dry-run: bans are decided, counted and logged; nothing reaches the kernel. */
export function createDryRunSink(logger: Logger): BanSink {
  let bans = 0;
  let unbans = 0;
  return {
    ban(decision) {
      bans++;
      logger.debug({ jail: decision.jail, address: decision.address }, 'dry run: ban not enforced');
    },
    unban(decision) {
      unbans++;
      logger.debug({ jail: decision.jail, address: decision.address }, 'dry run: unban not enforced');
    },
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
    stats: () => ({ bans, unbans }),
  };
}
