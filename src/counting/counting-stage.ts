// The counting stage: FailureEvents in, BanCandidates out, one FailureCounter per jail. Counting
// follows event (log) times; the injected clock only drives the expiry sweep, which runs from
// count() at most every sweepIntervalMs and removes at most sweepBudget ids per run so a flood's
// expiry never stalls the pipeline (a run that ran out of budget continues on the next event).
import type { Clock } from '../core/clock.js';
import type { BanCandidate, FailureEvent } from '../core/records.js';
import { fillCountingOptions, type CountingOptions } from './counting-options.js';
import { FailureCounter } from './failure-counter.js';

export interface CountingStageOptions {
  readonly clock: Clock;
  /** Jail name → its counting options. */
  readonly jails: Readonly<Record<string, CountingOptions>>;
  /** Default 5 s (fail2ban cleans its failure list at most every 5 s too). */
  readonly sweepIntervalMs?: number;
  /** Most ids removed per sweep run; default 10,000. */
  readonly sweepBudget?: number;
}

export interface JailCountingStatus {
  /** Failure ids tracked now. */
  readonly current: number;
  /** Failures counted since start. */
  readonly total: number;
  /** Ids dropped because maxTracked was reached. */
  readonly evicted: number;
}

export interface CountingStage {
  /**
   * Counts one failure (weight > 1 counts it several times, see FailureCounter.record). Returns a
   * candidate when the failure id reached maxretry within findtime; undefined otherwise and for a
   * jail the stage does not know (an event still in flight across a reload).
   */
  count(event: FailureEvent, weight?: number): BanCandidate | undefined;
  /** Removes every expired id now, whatever the interval and budget. Returns how many. */
  sweep(): number;
  status(jail: string): JailCountingStatus | undefined;
  /** Forgets the failures of one id in one jail (manual ban or unban). */
  forget(jail: string, id: string): void;
  /**
   * Applies a new jail set (reload). A jail whose maxretry, findtime and limits are unchanged keeps
   * its counts; a changed jail starts from zero; a removed jail is dropped.
   */
  reconfigure(jails: Readonly<Record<string, CountingOptions>>): void;
}

function sameOptions(a: FailureCounter, b: FailureCounter): boolean {
  const x = a.options;
  const y = b.options;
  return (
    x.maxretry === y.maxretry &&
    x.findtimeMs === y.findtimeMs &&
    x.maxMatches === y.maxMatches &&
    x.maxTracked === y.maxTracked
  );
}

function buildCounters(jails: Readonly<Record<string, CountingOptions>>): Map<string, FailureCounter> {
  const counters = new Map<string, FailureCounter>();
  for (const [name, options] of Object.entries(jails))
    counters.set(name, new FailureCounter(fillCountingOptions(options)));
  return counters;
}

export function createCountingStage(options: CountingStageOptions): CountingStage {
  const { clock, sweepIntervalMs = 5000, sweepBudget = 10_000 } = options;
  let counters = buildCounters(options.jails);
  let nextSweepMs = clock.now() + sweepIntervalMs;

  const sweepSome = (nowMs: number): void => {
    let more = false;
    for (const counter of counters.values()) more = counter.sweep(nowMs, sweepBudget).more || more;
    nextSweepMs = more ? nowMs : nowMs + sweepIntervalMs;
  };

  return {
    count(event, weight = 1) {
      const nowMs = clock.now();
      if (nowMs >= nextSweepMs) sweepSome(nowMs);
      const counter = counters.get(event.jail);
      if (counter === undefined) return undefined;
      const copies = Math.min(Math.max(1, Math.floor(weight)), counter.options.maxretry);
      const reached = counter.record(event.id, event.timeMs, copies, event.matches);
      if (reached === undefined) return undefined;
      return {
        jail: event.jail,
        id: event.id,
        kind: event.kind,
        timeMs: reached.lastMs,
        firstMs: reached.firstMs,
        failures: reached.failures,
        ...(event.user === undefined ? {} : { user: event.user }),
        ...(reached.matches === undefined ? {} : { matches: reached.matches }),
      };
    },
    sweep() {
      const nowMs = clock.now();
      let removed = 0;
      for (const counter of counters.values()) removed += counter.sweep(nowMs).removed;
      nextSweepMs = nowMs + sweepIntervalMs;
      return removed;
    },
    status(jail) {
      const counter = counters.get(jail);
      if (counter === undefined) return undefined;
      return { current: counter.size, total: counter.totalFailures, evicted: counter.evicted };
    },
    forget(jail, id) {
      counters.get(jail)?.forget(id);
    },
    reconfigure(jails) {
      const next = buildCounters(jails);
      for (const [name, counter] of next) {
        const previous = counters.get(name);
        if (previous !== undefined && sameOptions(previous, counter)) next.set(name, previous);
      }
      counters = next;
    },
  };
}
