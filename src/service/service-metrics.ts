// Feeds the observability stage from the running service. Hot-path events (every failure) are only
// counted in plain numbers here; the counters move into prom-client in a scrape hook, so a flood costs
// no label lookups per line. Everything that is a state (current bans, queue depth) is read at scrape.
import type { Fail2nftMetrics } from '../observability/index.js';
import type { PipelineOutcome } from './failure-pipeline.js';

export interface ServiceMetricsSources {
  /** Current bans per jail. */
  readonly activeBans: (jail: string) => number;
  readonly chunksInFlight: () => number;
  readonly matchRetries: () => number;
  /** Per source: lines skipped as too long, rotations, truncations (running totals). */
  readonly sourceCounters: () => ReadonlyMap<
    string,
    { skippedLong: number; rotations: number; truncations: number }
  >;
}

interface JailCounts {
  failures: number;
  banned: number;
  ignored: number;
  alreadyBanned: number;
}

export class ServiceMetrics {
  private readonly counts = new Map<string, JailCounts>();
  private readonly filters = new Map<string, string>();
  private readonly seen = new Map<string, { skippedLong: number; rotations: number; truncations: number }>();
  private seenRetries = 0;

  constructor(
    readonly metrics: Fail2nftMetrics,
    private readonly sources: ServiceMetricsSources,
  ) {
    metrics.addScrapeHook(() => {
      this.publish();
    });
  }

  declareJail(jail: string, filter: string): void {
    this.filters.set(jail, filter);
    this.metrics.declareJail(jail, filter);
  }

  outcome(jail: string, outcome: PipelineOutcome): void {
    let counts = this.counts.get(jail);
    if (counts === undefined) {
      counts = { failures: 0, banned: 0, ignored: 0, alreadyBanned: 0 };
      this.counts.set(jail, counts);
    }
    counts.failures++;
    if (outcome === 'ban') counts.banned++;
    else if (outcome === 'ignored') counts.ignored++;
    else if (outcome === 'already-banned') counts.alreadyBanned++;
  }

  /** Moves the counts gathered since the last scrape into the registry and reads the states. */
  publish(): void {
    const { metrics } = this;
    for (const [jail, counts] of this.counts) {
      const filter = this.filters.get(jail) ?? jail;
      if (counts.failures > 0) {
        metrics.failures.inc({ jail, filter }, counts.failures);
        metrics.linesMatched.inc({ jail, filter }, counts.failures);
      }
      if (counts.banned > 0) metrics.banCandidates.inc({ jail, result: 'banned' }, counts.banned);
      if (counts.ignored > 0) metrics.banCandidates.inc({ jail, result: 'ignored' }, counts.ignored);
      if (counts.alreadyBanned > 0)
        metrics.banCandidates.inc({ jail, result: 'already_banned' }, counts.alreadyBanned);
      counts.failures = counts.banned = counts.ignored = counts.alreadyBanned = 0;
    }
    for (const jail of this.filters.keys()) metrics.bansActive.set({ jail }, this.sources.activeBans(jail));
    metrics.matchQueueDepth.set(this.sources.chunksInFlight());
    const retries = this.sources.matchRetries();
    if (retries > this.seenRetries) metrics.matchRetries.inc(retries - this.seenRetries);
    this.seenRetries = retries;
    for (const [source, now] of this.sources.sourceCounters()) {
      const before = this.seen.get(source) ?? { skippedLong: 0, rotations: 0, truncations: 0 };
      if (now.skippedLong > before.skippedLong)
        metrics.recordLinesSkipped(source, 'too_long', now.skippedLong - before.skippedLong);
      for (let i = before.rotations; i < now.rotations; i++) metrics.recordRotation(source, 'rotated');
      for (let i = before.truncations; i < now.truncations; i++) metrics.recordRotation(source, 'truncated');
      this.seen.set(source, { ...now });
    }
  }
}
