// Bans per second into the kernel through the ban batcher: N distinct bans submitted at once into a
// fresh namespace, committed in transactions of `batch` elements; the clock stops when flush resolves.
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../src/core/clock.js';
import { createBanBatcher } from '../../src/firewall/ban-batcher.js';
import type { FirewallBackend } from '../../src/firewall/firewall-backend.js';
import { IpsetBackend } from '../../src/firewall/ipset-backend.js';
import { NftablesBackend } from '../../src/firewall/nftables-backend.js';
import type { ElementUpdateOption } from '../../src/firewall/render-nft-script.js';
import type { FirewallChange } from '../../src/firewall/ban-batcher.js';
import { benchJail, makeBans } from './ban-stream.js';
import type { FirewallBenchResult } from './bench-result.js';
import { createBenchNetns } from './bench-netns.js';
import { perSecond, percentile } from './bench-statistics.js';

/** nftables: elementUpdate 'auto' (a single add on kernels that replace timeouts); nftables-delete-add forces add + delete + add. */
export type BatcherMethod = 'nftables' | 'nftables-delete-add' | 'ipset';

function backendFor(method: BatcherMethod, netns: string): FirewallBackend {
  if (method === 'ipset') return new IpsetBackend({ netns });
  const elementUpdate: ElementUpdateOption = method === 'nftables-delete-add' ? 'delete-add' : 'auto';
  return new NftablesBackend({ netns, elementUpdate });
}

interface Timing {
  readonly totalMs: number;
  readonly durations: readonly number[];
}

function row(
  scenario: string,
  method: string,
  elements: number,
  batch: number,
  timing: Timing,
): FirewallBenchResult {
  return {
    scenario,
    method,
    elements,
    batch,
    transactions: timing.durations.length,
    totalMs: timing.totalMs,
    elementsPerSecond: perSecond(elements, timing.totalMs),
    p50Ms: percentile(timing.durations, 0.5),
    p99Ms: percentile(timing.durations, 0.99),
  };
}

/** Bans N distinct addresses, then (with unbans) unbans them all; one row per phase. */
export async function runBatcherScenario(
  method: BatcherMethod,
  elements: number,
  batch: number,
  unbans: boolean,
): Promise<FirewallBenchResult[]> {
  const netns = createBenchNetns();
  try {
    const backend = backendFor(method, netns.name);
    await backend.start([
      { jail: benchJail, rules: [{ ports: 'all', protocols: ['tcp'], blocktype: 'drop' }] },
    ]);
    let durations: number[] = [];
    let failed = 0;
    // Timed around the backend: the batcher's own clock is the wall clock ban times are measured in.
    const timed: Pick<FirewallBackend, 'apply'> = {
      apply: async (changes, nowMs) => {
        const before = performance.now();
        const result = await backend.apply(changes, nowMs);
        durations.push(performance.now() - before);
        return result;
      },
    };
    const batcher = createBanBatcher({
      backend: timed,
      clock: systemClock,
      maxBatch: batch,
      maxDelayMs: 5,
      onFailed: (failure) => {
        failed += failure.changes.length;
      },
    });
    const phase = async (changes: readonly FirewallChange[]): Promise<Timing> => {
      durations = [];
      const started = performance.now();
      for (const change of changes) batcher.submit(change);
      await batcher.flush();
      const totalMs = performance.now() - started;
      if (failed > 0) throw new Error(`${failed} changes failed`);
      return { totalMs, durations };
    };
    const bans = makeBans(elements, systemClock.now());
    const rows = [row('ban via batcher', method, elements, batch, await phase(bans))];
    if (unbans) {
      const timing = await phase(
        bans.map((ban) => ({ jail: ban.jail, address: ban.address, family: ban.family })),
      );
      rows.push(row('unban via batcher', method, elements, batch, timing));
    }
    return rows;
  } finally {
    netns.remove();
  }
}
