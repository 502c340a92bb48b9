// Start-up cost: reconcile N stored bans into the kernel (one nft transaction, or ipset fill-and-swap),
// then the latency of single-ban transactions against sets of that size.
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../src/core/clock.js';
import type { FirewallBackend } from '../../src/firewall/firewall-backend.js';
import { IpsetBackend } from '../../src/firewall/ipset-backend.js';
import { NftablesBackend } from '../../src/firewall/nftables-backend.js';
import { benchJail, makeBans } from './ban-stream.js';
import type { FirewallBenchResult } from './bench-result.js';
import { createBenchNetns } from './bench-netns.js';
import { perSecond, percentile } from './bench-statistics.js';

export type ReconcileMethod = 'nftables' | 'ipset';

export async function runReconcileScenario(
  method: ReconcileMethod,
  elements: number,
  singleBans: number,
): Promise<FirewallBenchResult[]> {
  const netns = createBenchNetns();
  try {
    const backend: FirewallBackend =
      method === 'ipset'
        ? new IpsetBackend({ netns: netns.name })
        : new NftablesBackend({ netns: netns.name });
    await backend.start([
      { jail: benchJail, rules: [{ ports: 'all', protocols: ['tcp'], blocktype: 'drop' }] },
    ]);
    const bans = makeBans(elements, systemClock.now());
    const started = performance.now();
    await backend.reconcile(bans, systemClock.now());
    const totalMs = performance.now() - started;
    const reconcile: FirewallBenchResult = {
      scenario: 'reconcile',
      method,
      elements,
      batch: elements,
      transactions: 1,
      totalMs,
      elementsPerSecond: perSecond(elements, totalMs),
      p50Ms: totalMs,
      p99Ms: totalMs,
    };
    const durations: number[] = [];
    const extra = makeBans(singleBans, systemClock.now(), elements);
    for (const ban of extra) {
      const before = performance.now();
      await backend.apply({ bans: [ban], unbans: [] }, systemClock.now());
      durations.push(performance.now() - before);
    }
    const latencyMs = durations.reduce((sum, d) => sum + d, 0);
    const latency: FirewallBenchResult = {
      scenario: 'single-ban latency',
      method: `${method}, set of ${elements}`,
      elements: singleBans,
      batch: 1,
      transactions: singleBans,
      totalMs: latencyMs,
      elementsPerSecond: perSecond(singleBans, latencyMs),
      p50Ms: percentile(durations, 0.5),
      p99Ms: percentile(durations, 0.99),
    };
    return [reconcile, latency];
  } finally {
    netns.remove();
  }
}
