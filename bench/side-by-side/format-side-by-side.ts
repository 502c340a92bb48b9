// The side-by-side report as Markdown: per scenario one row per run and service, the ratios fail2nft /
// fail2ban, the issue's targets, and the comparison of the kernel ban sets. Pure.
import type { JailBanComparison } from '../service/ban-comparison.js';
import { formatRate } from '../service/format-service-bench.js';
import type { HistogramBucket } from '../service/runner-protocol.js';
import {
  runLinesPerSecond,
  runSeconds,
  totalBans,
  type ScenarioReport,
  type SideBySideReport,
  type SideRun,
} from './side-results.js';

/** The issue's targets (07): end-to-end ratios, ban latency during the flood, memory. */
export const TARGETS = { mailRatio: 50, floodRatio: 100, floodP99Ms: 50, memoryMiB: 500 } as const;

function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
}

/** The bucket bound under which `fraction` of the observations fall ("≤ 25 ms"). */
export function histogramQuantile(buckets: readonly HistogramBucket[], fraction: number): string {
  const total = buckets[buckets.length - 1]?.count ?? 0;
  if (total === 0) return '-';
  const bucket = buckets.find((b) => b.count >= fraction * total);
  if (bucket === undefined || bucket.le === null) return '> 10 s';
  return `≤ ${ms(bucket.le * 1000)}`;
}

function ratio(a: number, b: number): string {
  if (!(b > 0) || !Number.isFinite(a)) return '-';
  const r = a / b;
  return r >= 10 ? `${r.toFixed(0)}x` : `${r.toFixed(2)}x`;
}

function row(run: SideRun): string {
  const paced =
    run.pacedLinesPerSec === undefined ? 'full speed' : `paced ${formatRate(run.pacedLinesPerSec)} lines/s`;
  const cpu = `${run.cpuSec.toFixed(1)} + ${run.childCpuSec.toFixed(1)}`;
  const own =
    run.serviceLatency === undefined
      ? ''
      : ` (own: p50 ${histogramQuantile(run.serviceLatency, 0.5)}, p99 ${histogramQuantile(run.serviceLatency, 0.99)})`;
  const check = `${run.kernelCheck.method} ${run.kernelCheck.checked}${run.kernelCheck.missing === 0 ? ' ok' : `, ${run.kernelCheck.missing} missing`}`;
  return (
    `| ${run.run} | ${run.tool} | ${paced} | ${run.lines} | ${runSeconds(run).toFixed(2)} | ${formatRate(runLinesPerSecond(run))} | ` +
    `${totalBans(run)} (${check}) | ${ms(run.latency.p50Ms)} / ${ms(run.latency.p99Ms)}${own} | ${cpu} | ${run.peakRssMiB.toFixed(0)}${run.liveHeapMiB === undefined ? '' : ` (heap ${run.liveHeapMiB.toFixed(0)})`} |`
  );
}

function pair(report: ScenarioReport, run: string): { ours?: SideRun; theirs?: SideRun } {
  const runs = report.runs.filter((r) => r.run === run);
  return { ours: runs.find((r) => r.tool === 'fail2nft'), theirs: runs.find((r) => r.tool === 'fail2ban') };
}

const MAX_LISTED = 20;

function listed(addresses: readonly string[]): string {
  const shown = addresses.slice(0, MAX_LISTED).join(', ');
  return addresses.length > MAX_LISTED ? `${shown}, ... (${addresses.length} in all)` : shown;
}

/** Per jail: the kernel ban sets (same or not, with the differences) and the failure counts. */
export function formatKernelComparison(comparisons: readonly JailBanComparison[]): string {
  return comparisons
    .map((c) => {
      const failures =
        c.oursFailures === c.theirsFailures
          ? `same failure count (${c.oursFailures ?? '-'})`
          : `failures fail2nft ${c.oursFailures ?? '-'} / fail2ban ${c.theirsFailures ?? '-'}`;
      if (c.onlyOurs.length === 0 && c.onlyTheirs.length === 0)
        return `- ${c.jail}: the same ${c.ours} addresses banned in both kernels; ${failures}`;
      const parts = [`- ${c.jail}: DIFFERENT bans (fail2nft ${c.ours} / fail2ban ${c.theirs}); ${failures}`];
      if (c.onlyOurs.length > 0) parts.push(`  - only fail2nft: ${listed(c.onlyOurs)}`);
      if (c.onlyTheirs.length > 0) parts.push(`  - only fail2ban: ${listed(c.onlyTheirs)}`);
      return parts.join('\n');
    })
    .join('\n');
}

function scenarioText(report: ScenarioReport): string[] {
  const out = [
    `### ${report.scenario}: ${report.corpus}, jails ${report.jails.join(', ')}, maxretry ${report.maxretry}`,
    '',
    '| run | service | writing | lines | seconds | lines/s | bans in the kernel (check) | ban latency p50 / p99 | CPU s (+ nft children) | peak RSS MiB (live JS heap at the end) |',
    '|---|---|---|---:|---:|---:|---:|---|---:|---:|',
    ...report.runs.map(row),
    '',
  ];
  const names = [...new Set(report.runs.map((r) => r.run))];
  for (const name of names) {
    const { ours, theirs } = pair(report, name);
    if (ours === undefined || theirs === undefined) continue;
    const prefix = ours.lines === theirs.lines ? '' : ` (fail2ban on the first ${theirs.lines} lines)`;
    if (ours.pacedLinesPerSec !== undefined) {
      // Both are fed at the same rate: what differs is how late their bans reach the kernel.
      const behind = runSeconds(theirs) - theirs.lines / ours.pacedLinesPerSec;
      out.push(
        `- ${name}${prefix}: ban latency p50 / p99 fail2nft ${ms(ours.latency.p50Ms)} / ${ms(ours.latency.p99Ms)}, ` +
          `fail2ban ${ms(theirs.latency.p50Ms)} / ${ms(theirs.latency.p99Ms)} ` +
          `(${ratio(theirs.latency.p99Ms, ours.latency.p99Ms)} longer at p99); fail2ban's last ban came ` +
          `${behind.toFixed(1)} s after its last line.`,
      );
      continue;
    }
    out.push(
      `- ${name}${prefix}: fail2nft / fail2ban ${ratio(runLinesPerSecond(ours), runLinesPerSecond(theirs))} the lines/s, ` +
        `${ratio(totalBans(ours) / runSeconds(ours), totalBans(theirs) / runSeconds(theirs))} the bans/s, ` +
        `${ratio(ours.cpuSec + ours.childCpuSec, theirs.cpuSec + theirs.childCpuSec)} the CPU s, ` +
        `${ratio(ours.peakRssMiB, theirs.peakRssMiB)} the peak RSS.`,
    );
  }
  for (const run of report.runs)
    for (const note of run.notes) out.push(`- Note (${run.tool}, ${run.run}): ${note}`);
  if (report.comparison !== undefined) {
    out.push('', 'Kernel bans compared (markers taken out):', '', formatKernelComparison(report.comparison));
    const differs = report.comparison.some(
      (c) => c.onlyOurs.length > 0 || c.onlyTheirs.length > 0 || c.oursFailures !== c.theirsFailures,
    );
    if (differs && report.knownDifference !== undefined)
      out.push(`- Documented difference: ${report.knownDifference}`);
  }
  for (const reason of report.skipped) out.push(`- Skipped: ${reason}`);
  out.push('');
  return out;
}

function targetLines(report: SideBySideReport): string[] {
  const out: string[] = [];
  const mail = report.scenarios.find((s) => s.scenario === 'mail');
  const flood = report.scenarios.find((s) => s.scenario === 'flood');
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  if (mail !== undefined) {
    const { ours, theirs } = pair(mail, 'mail');
    if (ours !== undefined && theirs !== undefined) {
      const r = runLinesPerSecond(ours) / runLinesPerSecond(theirs);
      out.push(
        `- mail end to end ≥ ${TARGETS.mailRatio}x fail2ban: ${met(r >= TARGETS.mailRatio)} (${r.toFixed(0)}x)`,
      );
    }
  }
  if (flood !== undefined) {
    const { ours, theirs } = pair(flood, 'flood');
    if (ours !== undefined && theirs !== undefined) {
      const r = runLinesPerSecond(ours) / runLinesPerSecond(theirs);
      out.push(
        `- flood end to end ≥ ${TARGETS.floodRatio}x fail2ban: ${met(r >= TARGETS.floodRatio)} (${r.toFixed(0)}x)`,
      );
    }
    // At full speed the whole corpus is in the file at once: a line waits behind everything before it.
    for (const run of flood.runs.filter((r) => r.tool === 'fail2nft' && r.pacedLinesPerSec !== undefined)) {
      out.push(
        `- ${run.run}: ban latency p99 < ${TARGETS.floodP99Ms} ms: ${met(run.latency.p99Ms < TARGETS.floodP99Ms)} (${ms(run.latency.p99Ms)})`,
      );
    }
  }
  for (const scenario of report.scenarios) {
    for (const run of scenario.runs.filter(
      (r) => r.tool === 'fail2nft' && r.pacedLinesPerSec === undefined,
    )) {
      out.push(
        `- ${run.run}: peak RSS < ${TARGETS.memoryMiB} MiB: ${met(run.peakRssMiB < TARGETS.memoryMiB)} (${run.peakRssMiB.toFixed(0)} MiB, ${totalBans(run)} bans)`,
      );
    }
  }
  return out;
}

export function formatSideBySide(report: SideBySideReport): string {
  const m = report.machine;
  const out = [
    '## Side by side: fail2nft and fail2ban, bans in the kernel',
    '',
    `\`${report.command}\` (${report.startedAt})`,
    '',
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, kernel ${m.kernel}, load ${m.loadAverage.join(' ')}; ` +
      `node ${m.node}, re2 ${m.re2 ?? '?'}, fail2ban ${m.fail2ban ?? 'not installed'}, ${report.nft ?? 'nft ?'}`,
    '',
  ];
  for (const scenario of report.scenarios) out.push(...scenarioText(scenario));
  const targets = targetLines(report);
  if (targets.length > 0) out.push('Targets (issue 07):', '', ...targets, '');
  return `${out.join('\n')}\n`;
}
