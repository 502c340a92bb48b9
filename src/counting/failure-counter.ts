// One jail's failure counting: "maxretry failures within findtime" as an exact sliding window over
// event (log) times, per failure id. Pure: times come in with the failures and the sweeps.
//
// Window semantics (docs/counting.md has the worked comparison with fail2ban):
// - A failure id reaches the threshold when maxretry of its failures lie within findtime of the
//   newest one: newest - oldest <= findtime over its newest maxretry failure times (both ends
//   included). Only the newest maxretry times are kept, sorted, so memory per id is bounded.
// - On each failure, times older than newest - findtime are dropped. An id whose newest failure is
//   more than findtime before the failure being recorded starts over (lazy expiry); a sweep driven
//   by the clock drops ids whose newest failure is more than findtime before now.
// - Reaching the threshold removes the id, so the next failure starts a new count (as fail2ban's
//   FailManager does after handing a ticket to the ban stage).
// fail2ban instead keeps a retry counter and, once a failure comes more than findtime after the
// first one, rescales the counter by findtime / (now - first): a rate estimate that can ban fewer
// than maxretry failures within findtime, or miss maxretry failures within findtime.
import type { FilledCountingOptions } from './counting-options.js';
import { dropBefore, insertTime } from './failure-window.js';
import { FailureTable } from './failure-table.js';

export interface ThresholdReached {
  /** Oldest failure time inside the window. */
  readonly firstMs: number;
  /** Newest failure time (the one that reached the threshold). */
  readonly lastMs: number;
  /** Failures recorded for the id since its entry started. */
  readonly failures: number;
  readonly matches?: readonly string[];
}

export interface SweepResult {
  readonly removed: number;
  /** True when the budget ran out before every expired id was removed. */
  readonly more: boolean;
}

export class FailureCounter {
  readonly options: FilledCountingOptions;
  private readonly table: FailureTable;
  /** Only filled when maxMatches > 0: the one per-failure cost, paid only when an action needs it. */
  private readonly matches = new Map<string, string[]>();
  private failuresTotal = 0;
  private evictedTotal = 0;

  constructor(options: FilledCountingOptions) {
    this.options = options;
    this.table = new FailureTable(options.maxretry);
  }

  /** Ids currently tracked (fail2ban's "Currently failed"). */
  get size(): number {
    return this.table.size;
  }

  /** Failures recorded since start (fail2ban's "Total failed"). */
  get totalFailures(): number {
    return this.failuresTotal;
  }

  /** Ids dropped because maxTracked was reached. */
  get evicted(): number {
    return this.evictedTotal;
  }

  /**
   * Records one failure of `id` at `timeMs`. `weight` > 1 counts the failure several times (fail2ban
   * does so for addresses banned before, when bantime.increment is on). Returns the threshold record
   * when this failure reached maxretry within findtime; the id is then forgotten.
   */
  record(id: string, timeMs: number, weight = 1, lines?: readonly string[]): ThresholdReached | undefined {
    const { maxretry, findtimeMs, maxMatches, maxTracked } = this.options;
    const table = this.table;
    let slot = table.slotOf(id);
    if (slot !== undefined && table.newest(slot) + findtimeMs < timeMs) {
      table.close(id);
      this.matches.delete(id);
      slot = undefined;
    }
    if (slot === undefined) {
      if (table.size >= maxTracked) this.evictOldest();
      slot = table.open(id);
    }
    this.failuresTotal++;
    table.addToTotal(slot, 1);
    const times = table.timeArray;
    const base = table.base(slot);
    let count = insertTime(times, base, table.count(slot), maxretry, timeMs, weight);
    count = dropBefore(times, base, count, (times[base + count - 1] ?? timeMs) - findtimeMs);
    table.setCount(slot, count);
    if (maxMatches > 0 && lines !== undefined && lines.length > 0) this.keepMatches(id, lines);
    if (count < maxretry) {
      table.touch(id, slot);
      return undefined;
    }
    const kept = this.matches.get(id);
    const reached: ThresholdReached = {
      firstMs: times[base] ?? timeMs,
      lastMs: times[base + count - 1] ?? timeMs,
      failures: table.total(slot),
      ...(kept === undefined ? {} : { matches: kept }),
    };
    this.forget(id);
    return reached;
  }

  /** Failures of `id` inside its current window (0 when it is not tracked). */
  windowCount(id: string): number {
    const slot = this.table.slotOf(id);
    return slot === undefined ? 0 : this.table.count(slot);
  }

  forget(id: string): void {
    this.table.close(id);
    this.matches.delete(id);
  }

  /** Removes ids whose newest failure is more than findtime before `nowMs`, at most `budget`. */
  sweep(nowMs: number, budget = Infinity): SweepResult {
    const horizon = nowMs - this.options.findtimeMs;
    const table = this.table;
    const result = table.closeExpired(
      (slot) => table.newest(slot) < horizon,
      budget,
      this.matches.size === 0 ? undefined : (id) => this.matches.delete(id),
    );
    return { removed: result.closed, more: result.more };
  }

  clear(): void {
    this.table.clear();
    this.matches.clear();
  }

  private evictOldest(): void {
    const oldest = this.table.oldest();
    if (oldest === undefined) return;
    this.forget(oldest);
    this.evictedTotal++;
  }

  private keepMatches(id: string, lines: readonly string[]): void {
    const limit = this.options.maxMatches;
    const kept = this.matches.get(id);
    const merged = kept === undefined ? [...lines] : kept.concat(lines);
    this.matches.set(id, merged.length > limit ? merged.slice(merged.length - limit) : merged);
  }
}
