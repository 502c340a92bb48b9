// The benchmark's human report: machine, throughput table, fail2ban-regex comparison table, and the
// mail jail set against fail2ban-regex's cost for the same four filters. Markdown tables. Pure.
import type { BenchReport, ComparisonResult, ThroughputResult } from './bench-results.js';
import { formatRate } from './bench-statistics.js';

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function verdict(value: number, target: number | undefined): string {
  if (target === undefined) return '';
  return `${formatRate(target)} ${value >= target ? 'met' : 'not met'}`;
}

function failureCell(result: ThroughputResult): string {
  const found = result.failures.join(' + ');
  const flag = result.stable ? '' : ' (varied between runs!)';
  if (result.truthFailures === undefined) return found + flag;
  const expected = result.truthFailures.map((n) => (n === undefined ? '?' : String(n)));
  const same = result.failures.every((n, i) => result.truthFailures?.[i] === n);
  return `${found}${same ? ' = truth' : ` ≠ truth ${expected.join(' + ')}`}${flag}`;
}

export function formatThroughputTable(results: readonly ThroughputResult[]): string[] {
  if (results.length === 0) return [];
  return [
    '| scenario | filter files | driver | threads | lines | MiB | median s | lines/s | per core | target per core | failures |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.filterSource} | ${r.driver} | ${r.threads} | ${r.lines} | ${mib(r.bytes)} | ${r.seconds.toFixed(3)} | ` +
        `${formatRate(r.linesPerSecond)} | ${formatRate(r.linesPerSecondPerCore)} | ` +
        `${verdict(r.linesPerSecondPerCore, r.targetPerCore)} | ${failureCell(r)} |`,
    ),
  ];
}

export function formatComparisonTable(results: readonly ComparisonResult[]): string[] {
  if (results.length === 0) return [];
  const rows: string[] = [
    '| log | lines | filter | filter files | fail2ban-regex lines/s (wall s, start-up s) | driver | fail2nft lines/s | ratio | target | failures f2b / ours | only f2b / only ours |',
    '|---|---:|---|---|---:|---|---:|---:|---|---:|---:|',
  ];
  for (const c of results) {
    for (const o of c.ours) {
      rows.push(
        `| ${c.log} | ${c.lines} | ${c.filter} | ${c.filterSource} | ` +
          `${formatRate(c.fail2ban.linesPerSecond)} (${c.fail2ban.wallSeconds.toFixed(1)}, ${c.fail2ban.startupSeconds.toFixed(2)}) | ` +
          `${o.driver}${o.threads > 1 ? ` x${o.threads}` : ''} | ${formatRate(o.linesPerSecond)} | ${o.ratio.toFixed(1)}x | ` +
          `${c.targetRatio}x ${o.ratio >= c.targetRatio ? 'met' : 'not met'} | ${c.fail2ban.failures} / ${o.difference.ours} | ` +
          `${o.difference.onlyTheirs} / ${o.difference.onlyOurs} |`,
      );
    }
  }
  return rows;
}

/**
 * Each throughput result (whole file, repeated, so steadier than the short comparison runs) against
 * fail2ban-regex with the same filters on the same log. fail2ban runs each jail's filter over the log
 * separately, so its cost for a set of jails is the sum of the per-filter costs:
 * lines / Σ(seconds per line of each filter).
 */
export function fail2banRatios(report: BenchReport): string[] {
  const lines: string[] = [];
  for (const result of report.throughput) {
    const members = result.filters.map((filter) =>
      report.comparisons.find(
        (c) => c.log === result.log && c.filter === filter && c.filterSource === result.filterSource,
      ),
    );
    if (members.some((m) => m === undefined)) continue;
    const secondsPerLine = members.reduce((sum, m) => sum + 1 / (m?.fail2ban.linesPerSecond ?? 1), 0);
    const theirs = 1 / secondsPerLine;
    const driver = result.driver === 'engine' ? `engine x${result.threads}` : result.driver;
    const summed = result.filters.length > 1 ? `, summed over ${result.filters.length} filters` : '';
    lines.push(
      `| ${result.scenario} | ${driver} | ${formatRate(result.linesPerSecond)} | ${formatRate(theirs)}${summed} | ` +
        `${(result.linesPerSecond / theirs).toFixed(1)}x |`,
    );
  }
  if (lines.length === 0) return [];
  return [
    '| scenario (whole file) | driver | fail2nft lines/s | fail2ban-regex lines/s, same filters | ratio |',
    '|---|---|---:|---:|---:|',
    ...lines,
  ];
}

export function formatBenchReport(report: BenchReport): string {
  const m = report.machine;
  const out = [
    `# Matching benchmark, ${report.startedAt}`,
    '',
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, kernel ${m.kernel}, load ${m.loadAverage.join(' ')}; ` +
      `node ${m.node}, re2 ${m.re2 ?? '?'}, piscina ${m.piscina ?? '?'}, fail2ban ${m.fail2ban ?? 'not installed'}`,
    '',
    `Drivers: ${report.drivers
      .map((d) => (d.available ? d.name : `${d.name} (unavailable: ${d.reason ?? '?'})`))
      .join(', ')}`,
    '',
  ];
  const throughput = formatThroughputTable(report.throughput);
  if (throughput.length > 0) out.push('## Throughput', '', ...throughput, '');
  const comparison = formatComparisonTable(report.comparisons);
  if (comparison.length > 0) {
    out.push('## Against fail2ban-regex (same lines, same filter files, usedns = no)', '', ...comparison, '');
    const ratios = fail2banRatios(report);
    if (ratios.length > 0) out.push(...ratios, '');
    const examples = report.comparisons.flatMap((c) =>
      c.ours.flatMap((o) =>
        o.difference.examples.map((e) => `- ${c.log} ${c.filter} (${c.filterSource}, ${o.driver}): ${e}`),
      ),
    );
    if (examples.length > 0) out.push('Differences (examples):', '', ...examples, '');
  }
  if (report.skipped.length > 0) {
    out.push('Skipped:', '', ...report.skipped.map((s) => `- ${s.scenario}: ${s.reason}`), '');
  }
  return out.join('\n');
}
