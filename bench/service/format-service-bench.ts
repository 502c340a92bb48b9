// The service benchmark's report as Markdown: one table row per service, the ratios, the target, and the
// comparison of their decisions. Pure.
import { identical, type JailBanComparison } from './ban-comparison.js';
import {
  linesPerSecond,
  seconds,
  type ServiceBenchReport,
  type SideResult,
} from './service-bench-results.js';

/** The end-to-end target of the service (issue 03). */
export const TARGET_LINES_PER_SECOND = 1_000_000;
const MAX_LISTED = 20;

export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(0);
}

function perJail(values: Readonly<Record<string, number>>, jails: readonly string[]): string {
  return jails.map((jail) => String(values[jail] ?? '-')).join(' / ');
}

function row(
  side: SideResult,
  jails: readonly string[],
  truth: Readonly<Record<string, number>> | undefined,
): string {
  const banCounts = Object.fromEntries(jails.map((jail) => [jail, side.bans[jail]?.length ?? 0]));
  const truthNote =
    truth === undefined
      ? ''
      : jails.every((jail) => side.failures[jail] === truth[jail])
        ? ' (= truth)'
        : ' (≠ truth)';
  const cpu =
    side.childCpuSec > 0
      ? `${side.cpuSec.toFixed(1)} + ${side.childCpuSec.toFixed(1)}`
      : side.cpuSec.toFixed(2);
  return (
    `| ${side.tool} | ${side.lines} | ${seconds(side).toFixed(2)} | ${formatRate(linesPerSecond(side))} | ` +
    `${((side.writerDoneMs - side.t0Ms) / 1000).toFixed(2)} | ${perJail(side.failures, jails)}${truthNote} | ` +
    `${perJail(banCounts, jails)} | ${cpu} | ${side.peakRssMiB.toFixed(0)} |`
  );
}

function ratio(a: number, b: number): string {
  if (b === 0) return '-';
  const r = a / b;
  return r >= 10 ? `${r.toFixed(0)}x` : `${r.toFixed(2)}x`;
}

function listed(addresses: readonly string[]): string {
  const shown = addresses.slice(0, MAX_LISTED).join(', ');
  return addresses.length > MAX_LISTED ? `${shown}, ... (${addresses.length} in all)` : shown;
}

export function formatBanComparison(comparisons: readonly JailBanComparison[]): string {
  const lines = comparisons.map((c) => {
    if (identical(c)) return `- ${c.jail}: identical (${c.ours} bans, ${c.oursFailures ?? '-'} failures)`;
    const parts = [
      `- ${c.jail}: DIFFERENT (bans fail2nft ${c.ours} / fail2ban ${c.theirs}, failures ${c.oursFailures ?? '-'} / ${c.theirsFailures ?? '-'})`,
    ];
    if (c.onlyOurs.length > 0) parts.push(`  - banned only by fail2nft: ${listed(c.onlyOurs)}`);
    if (c.onlyTheirs.length > 0) parts.push(`  - banned only by fail2ban: ${listed(c.onlyTheirs)}`);
    return parts.join('\n');
  });
  return lines.join('\n');
}

export function formatServiceBench(report: ServiceBenchReport, jails: readonly string[]): string {
  const m = report.machine;
  const out: string[] = [];
  out.push(
    `### Service end to end: ${report.corpus.lines} lines (${(report.corpus.bytes / 2 ** 20).toFixed(0)} MiB) of ${report.corpus.path}`,
    '',
    `\`${report.command}\` (${report.startedAt})`,
    '',
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, kernel ${m.kernel}, load ${m.loadAverage.join(' ')}; ` +
      `node ${m.node}, re2 ${m.re2 ?? '?'}, piscina ${m.piscina ?? '?'}, fail2ban ${m.fail2ban ?? 'not installed'}`,
    '',
  );
  for (const side of report.sides) {
    const runs = side.runSeconds;
    const times =
      runs === undefined
        ? ''
        : `; ${runs.length} runs, ${runs.map((s) => s.toFixed(2)).join(', ')} s, the median run shown`;
    out.push(`- ${side.tool}: ${side.setup}${times}`);
  }
  out.push(
    '',
    `| service | lines | seconds | lines/s | writer done s | failures ${jails.join(' / ')} | bans ${jails.join(' / ')} | CPU s | peak RSS MiB |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.sides.map((side) => row(side, jails, report.truthFailures)),
    '',
  );
  const ours = report.sides.find((side) => side.tool === 'fail2nft');
  const theirs = report.sides.find((side) => side.tool === 'fail2ban');
  if (ours !== undefined && theirs !== undefined) {
    out.push(
      `fail2nft / fail2ban: ${ratio(linesPerSecond(ours), linesPerSecond(theirs))} the lines/s, ` +
        `${ratio(ours.cpuSec + ours.childCpuSec, theirs.cpuSec + theirs.childCpuSec)} the CPU seconds, ` +
        `${ratio(ours.peakRssMiB, theirs.peakRssMiB)} the peak RSS.`,
      '',
    );
  }
  if (ours !== undefined) {
    const met = linesPerSecond(ours) >= TARGET_LINES_PER_SECOND ? 'met' : 'not met';
    out.push(
      `Target ${formatRate(TARGET_LINES_PER_SECOND)} lines/s end to end: ${met} (${formatRate(linesPerSecond(ours))}).`,
      '',
    );
  }
  if (report.banComparison !== undefined) {
    out.push('Decisions (marker addresses taken out):', '', formatBanComparison(report.banComparison), '');
  }
  for (const reason of report.skipped) out.push(`Skipped: ${reason}`);
  return `${out.join('\n')}\n`;
}
