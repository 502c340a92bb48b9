// The store benchmark's measurements: writing N bans in firewall-sized batches, reopening the file,
// and loading them back (what a restart does), then purging them; and the latency of one commit.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteBanStore } from '../../src/persistence/sqlite-ban-store.js';
import type { Synchronous } from '../../src/persistence/store-options.js';
import { benchBans } from './bench-bans.js';

export interface SizeResult {
  readonly bans: number;
  readonly batch: number;
  readonly matchLines: number;
  readonly writeMs: number;
  readonly fileMiB: number;
  readonly openMs: number;
  /** Medians over the repetitions; CPU time (user + system) beside wall time, for noisy machines. */
  readonly activeBansMs: number;
  readonly activeBansCpuMs: number;
  readonly banHistoryMs: number;
  readonly banHistoryCpuMs: number;
  /** activeBans with the log lines; undefined above matchesUpTo bans. */
  readonly activeBansWithMatchesMs: number | undefined;
  readonly purgeMs: number;
}

export interface LatencyResult {
  readonly synchronous: Synchronous;
  readonly commits: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const startMs = Date.UTC(2026, 10, 21, 12);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

async function timed<T>(body: () => Promise<T> | T): Promise<[number, T, number]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await body();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [wall, value, (used.user + used.system) / 1000];
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

export interface SizeOptions {
  readonly dir: string;
  readonly bans: number;
  readonly batch: number;
  readonly matchLines: number;
  readonly repeat: number;
  readonly matchesUpTo: number;
}

export async function measureSize(options: SizeOptions): Promise<SizeResult> {
  const { dir, bans, batch, matchLines, repeat } = options;
  const path = join(dir, `bench-${bans}.sqlite3`);
  removeDatabase(path);
  try {
    const writer = new SqliteBanStore({ path });
    const [writeMs] = await timed(async () => {
      for (let from = 0; from < bans; from += batch) {
        await writer.recordBans(benchBans(from, Math.min(batch, bans - from), startMs, matchLines));
      }
    });
    await writer.close();
    const fileMiB = statSync(path).size / 2 ** 20;
    const [openMs, store] = await timed(() => new SqliteBanStore({ path }));
    try {
      const active: number[] = [];
      const activeCpu: number[] = [];
      const history: number[] = [];
      const historyCpu: number[] = [];
      const withMatches: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const [ms, loaded, cpuMs] = await timed(() => store.activeBans(startMs));
        if (loaded.length !== bans) throw new Error(`loaded ${loaded.length} of ${bans} bans`);
        active.push(ms);
        activeCpu.push(cpuMs);
        const [historyMs, , historyCpuMs] = await timed(() => store.banHistory());
        history.push(historyMs);
        historyCpu.push(historyCpuMs);
        if (bans <= options.matchesUpTo)
          withMatches.push((await timed(() => store.activeBans(startMs, { matches: true })))[0]);
      }
      const [purgeMs, purged] = await timed(() => store.purge(startMs + 400 * 86_400_000));
      if (purged.bans !== bans - Math.ceil(bans / 10)) throw new Error(`purge removed ${purged.bans} bans`);
      return {
        bans,
        batch,
        matchLines,
        writeMs,
        fileMiB,
        openMs,
        activeBansMs: median(active),
        activeBansCpuMs: median(activeCpu),
        banHistoryMs: median(history),
        banHistoryCpuMs: median(historyCpu),
        activeBansWithMatchesMs: withMatches.length === 0 ? undefined : median(withMatches),
        purgeMs,
      };
    } finally {
      await store.close();
    }
  } finally {
    removeDatabase(path);
  }
}

/** One ban per recordBans: the cost of a commit, fsync included with 'full'. */
export async function measureLatency(
  dir: string,
  synchronous: Synchronous,
  commits: number,
): Promise<LatencyResult> {
  const path = join(dir, `latency-${synchronous}.sqlite3`);
  removeDatabase(path);
  const store = new SqliteBanStore({ path, synchronous });
  try {
    const samples: number[] = [];
    for (let i = 0; i < commits; i++) {
      const bans = benchBans(i, 1, startMs, 5);
      samples.push((await timed(() => store.recordBans(bans)))[0]);
    }
    return { synchronous, commits, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
  } finally {
    await store.close();
    removeDatabase(path);
  }
}
