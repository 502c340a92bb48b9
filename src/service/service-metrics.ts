// Feeds the observability stage from the running service. Hot-path events (every failure) are only
// counted in plain numbers here; the counters move into prom-client in a scrape hook, so a flood costs
// no label lookups per line. Everything that is a state (current bans, queue depth) is read at scrape.
import type { Fail2nftMetrics } from '../observability/index.js';
import type { PipelineOutcome } from './failure-pipeline.js';

export interface ServiceMetricsSources {
  /** Per jail: bans active now, and bans that ended by their time since start (a running total). */
  readonly bans: (jail: string) => { readonly active: number; readonly expired: number };
  readonly chunksInFlight: () => number;
  readonly matchRetries: () => number;
  /** Per source: lines skipped as too long, rotations, truncations (running totals). */
  readonly sourceCounters: () => ReadonlyMap<
    string,
    { skippedLong: number; rotations: number; truncations: number }
  >;
  /** Firewall transactions tried again (running total). */
  readonly firewallRetries: () => number;
  readonly backend: string;
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
  private seenFirewallRetries = 0;
  private readonly seenExpired = new Map<string, number>();
  private readonly irregular = new Map<string, { invalidUtf8: number; nul: number }>();

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

  /** Lines matched although not clean text (counted by matching per chunk). */
  irregularLines(source: string, invalidUtf8: number, nul: number): void {
    if (invalidUtf8 === 0 && nul === 0) return;
    const counts = this.irregular.get(source) ?? { invalidUtf8: 0, nul: 0 };
    counts.invalidUtf8 += invalidUtf8;
    counts.nul += nul;
    this.irregular.set(source, counts);
  }

  /**
   * The sources and the match engine are replaced (reload): their counters start again at zero, so
   * what they counted is published now and the remembered totals are forgotten.
   */
  readingReplaced(): void {
    this.publish();
    this.seen.clear();
    this.seenRetries = 0;
  }

  /** A jail left the configuration (reload). */
  forgetJail(jail: string): void {
    const filter = this.filters.get(jail);
    if (filter !== undefined) this.metrics.forgetJail(jail, filter);
    this.filters.delete(jail);
    this.counts.delete(jail);
    this.seenExpired.delete(jail);
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
    for (const jail of this.filters.keys()) {
      const { active, expired } = this.sources.bans(jail);
      metrics.bansActive.set({ jail }, active);
      const before = this.seenExpired.get(jail) ?? 0;
      if (expired > before) metrics.unbans.inc({ jail, reason: 'expired' }, expired - before);
      this.seenExpired.set(jail, Math.max(before, expired));
    }
    for (const [source, counts] of this.irregular) {
      if (counts.invalidUtf8 > 0) metrics.recordLinesIrregular(source, 'invalid_utf8', counts.invalidUtf8);
      if (counts.nul > 0) metrics.recordLinesIrregular(source, 'nul', counts.nul);
      counts.invalidUtf8 = counts.nul = 0;
    }
    const firewallRetries = this.sources.firewallRetries();
    if (firewallRetries > this.seenFirewallRetries)
      metrics.firewallRetries.inc(
        { backend: this.sources.backend },
        firewallRetries - this.seenFirewallRetries,
      );
    this.seenFirewallRetries = firewallRetries;
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
