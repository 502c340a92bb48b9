// The store benchmark's report as markdown tables.
import type { LatencyResult, SizeResult } from './store-scenarios.js';

const ms = (value: number | undefined): string =>
  value === undefined ? '–' : value < 100 ? value.toFixed(1) : value.toFixed(0);

export function formatStoreResults(
  sizes: readonly SizeResult[],
  latencies: readonly LatencyResult[],
): string {
  const lines = [
    '| bans | write (batches of N) | bans/s | file MiB | open | activeBans (CPU) | banHistory (CPU) | activeBans + lines | purge all |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of sizes) {
    lines.push(
      `| ${r.bans.toLocaleString('en')} | ${ms(r.writeMs)} ms (${r.batch}) | ${Math.round(r.bans / (r.writeMs / 1000)).toLocaleString('en')} | ${r.fileMiB.toFixed(1)} | ${ms(r.openMs)} ms | ${ms(r.activeBansMs)} ms (${ms(r.activeBansCpuMs)}) | ${ms(r.banHistoryMs)} ms (${ms(r.banHistoryCpuMs)}) | ${r.activeBansWithMatchesMs === undefined ? '–' : `${ms(r.activeBansWithMatchesMs)} ms`} | ${ms(r.purgeMs)} ms |`,
    );
  }
  lines.push('', '| one ban per commit | commits | p50 | p99 |', '|---|---:|---:|---:|');
  for (const l of latencies)
    lines.push(`| synchronous ${l.synchronous} | ${l.commits} | ${ms(l.p50Ms)} ms | ${ms(l.p99Ms)} ms |`);
  return lines.join('\n');
}
