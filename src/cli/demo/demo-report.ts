// The demo's text: what it did, what the kernel holds, the status tree, a few metrics and the verdict.
// Pure functions of what was measured, so the layout is tested without a kernel.
import type { AttackPlan } from './attack-plan.js';
import type { BanComparison } from './ban-comparison.js';
import { compareAddresses, sortBans, type DemoBan } from './demo-ban.js';
import type { KernelTable } from './kernel-bans.js';
import { bucketsOf, histogramQuantile, type Sample } from './prometheus-text.js';

const width = 100;

/** Words joined by spaces into lines of at most `width` characters, each starting with `indent`. */
export function wrapWords(words: readonly string[], indent: string, max = width): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > max) {
      lines.push(indent + line);
      line = '';
    }
    line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** 597 → "9m57s", 3600 → "1h0m0s", 42 → "42s". */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${m}m${rest}s`;
  if (m > 0) return `${m}m${rest}s`;
  return `${rest}s`;
}

function formatMs(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '-';
  const ms = seconds * 1000;
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

function countByJail(bans: readonly DemoBan[]): string {
  const counts = new Map<string, number>();
  for (const ban of bans) counts.set(ban.jail, (counts.get(ban.jail) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([jail, n]) => `${jail} ${n}`)
    .join(', ');
}

export function formatPlan(plan: AttackPlan, durationMs: number): string {
  const v6 = plan.attackers.filter((a) => a.address.includes(':')).length;
  const failureLines = plan.events.filter((e) => e.failure !== undefined).length;
  return (
    `replaying ${(durationMs / 1000).toFixed(1)} s of mail log: ${plan.events.length} lines, ` +
    `${failureLines} of them authentication or relay failures\n` +
    `  ${plan.attackers.length} attackers (${plan.attackers.length - v6} IPv4, ${v6} IPv6) against ` +
    `${plan.clientAddresses} ordinary clients; one address in ignoreip\n`
  );
}

export function formatProgress(elapsedMs: number, lines: number, failures: number, bans: number): string {
  return `  ${(elapsedMs / 1000).toFixed(1).padStart(5)} s  ${String(lines).padStart(6)} lines  ${String(failures).padStart(5)} failures  ${String(bans).padStart(4)} bans logged\n`;
}

export function formatKernelTable(table: KernelTable, command: string): string {
  let out = `bans in the kernel (${command})\n`;
  for (const chain of table.chains) out += `  chain ${chain}, ${table.rules} rules\n`;
  const empty: string[] = [];
  const nameWidth = Math.max(0, ...table.sets.map((set) => set.name.length));
  for (const set of table.sets) {
    if (set.elements.length === 0) {
      empty.push(set.name);
      continue;
    }
    const expiries = set.elements.flatMap((e) => (e.expiresSec === undefined ? [] : [e.expiresSec]));
    const expiry =
      expiries.length === 0
        ? 'permanent'
        : `expiring in ${formatSeconds(Math.min(...expiries))} to ${formatSeconds(Math.max(...expiries))}`;
    out += `  ${set.name.padEnd(nameWidth)}  ${String(set.elements.length).padStart(3)} ${set.elements.length === 1 ? 'ban' : 'bans'}, ${expiry}\n`;
    const addresses = set.elements.map((e) => e.address).sort(compareAddresses);
    for (const line of wrapWords(addresses, '      ')) out += `${line}\n`;
  }
  if (empty.length > 0) {
    out += `  ${empty.length} sets empty:\n`;
    for (const line of wrapWords(empty, '      ')) out += `${line}\n`;
  }
  return out;
}

/** A status tree in fail2ban-client's shape, from the service log's Ban lines (no failure counts there). */
export function formatLoggedStatus(
  jails: readonly string[],
  bans: readonly DemoBan[],
  detailJail: string,
): string {
  const sorted = sortBans(bans);
  let out = `Status\n|- Number of jail:\t${jails.length}\n\`- Jail list:\t${[...jails].sort().join(', ')}\n`;
  for (const jail of [...jails].sort()) {
    const list = sorted.filter((ban) => ban.jail === jail).map((ban) => ban.address);
    out += `Status for the jail: ${jail}\n\`- Actions\n   |- Currently banned:\t${list.length}\n`;
    if (jail !== detailJail) {
      out += `   \`- Banned IP list:\t${list.length > 6 ? `${list.slice(0, 6).join(' ')} … (${list.length - 6} more)` : list.join(' ')}\n`;
      continue;
    }
    const [first = '', ...rest] = wrapWords(list, '                       ');
    out += `   \`- Banned IP list:\t${first.trimStart()}\n`;
    for (const line of rest) out += `${line}\n`;
  }
  return out;
}

export function formatMetrics(samples: readonly Sample[], where: string): string {
  let out = `metrics (${where})\n`;
  const lines = samples.filter((s) => s.name === 'fail2nft_lines_read_total');
  if (lines.length > 0)
    out += `  fail2nft_lines_read_total: ${lines.map((s) => `${s.labels.source ?? '?'} ${s.value}`).join(', ')}\n`;
  const jails = [
    ...new Set(samples.filter((s) => s.name === 'fail2nft_bans_active').map((s) => s.labels.jail ?? '')),
  ].sort();
  if (jails.length === 0) return `${out}  (no fail2nft_bans_active series: is this fail2nft's endpoint?)\n`;
  const value = (name: string, labels: Readonly<Record<string, string>>): number | undefined =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      ?.value;
  out += `  ${'jail'.padEnd(13)} ${'bans_total'.padStart(10)} ${'bans_active'.padStart(11)}   ban latency: ${'count'.padStart(5)} ${'mean'.padStart(9)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}\n`;
  for (const jail of jails) {
    const bans = value('fail2nft_bans_total', { jail, reason: 'failures' }) ?? 0;
    const active = value('fail2nft_bans_active', { jail }) ?? 0;
    const count = value('fail2nft_ban_latency_seconds_count', { jail }) ?? 0;
    const sum = value('fail2nft_ban_latency_seconds_sum', { jail }) ?? 0;
    const buckets = bucketsOf(samples, 'fail2nft_ban_latency_seconds', { jail });
    const mean = count > 0 ? sum / count : undefined;
    out +=
      `  ${jail.padEnd(13)} ${String(bans).padStart(10)} ${String(active).padStart(11)}                ` +
      `${String(count).padStart(5)} ${formatMs(mean).padStart(9)} ${formatMs(histogramQuantile(0.5, buckets)).padStart(9)} ${formatMs(histogramQuantile(0.99, buckets)).padStart(9)}\n`;
  }
  out += '  (bans_total: reason="failures"; quantiles interpolated from the histogram buckets)\n';
  return out;
}

export interface SummaryFacts {
  readonly where: string;
  readonly plan: AttackPlan;
  readonly ignoredAddress: string;
  readonly maxretry: number;
}

export function formatSummary(comparison: BanComparison, facts: SummaryFacts): string {
  const expected = comparison.matched.length + comparison.missing.length;
  const actual = comparison.matched.length + comparison.unexpected.length;
  let out = `summary: ${expected} bans expected, ${actual} ${facts.where}: `;
  out += comparison.equal ? 'exactly the expected set\n' : 'THEY DIFFER\n';
  out += `  by jail: ${countByJail(comparison.matched) || 'none'}\n`;
  const below = facts.plan.attackers.filter((a) => a.role === 'below-maxretry');
  const ignoredFailures = facts.plan.events.filter((e) => e.failure?.address === facts.ignoredAddress).length;
  out +=
    `  not banned, as intended: ${facts.ignoredAddress} (ignoreip, ${ignoredFailures} failures), ` +
    `${below.length} attackers below maxretry ${facts.maxretry} (at most ${facts.maxretry - 1} failures each), ` +
    `${facts.plan.clientAddresses} ordinary clients\n`;
  const list = (bans: readonly DemoBan[]): string[] =>
    wrapWords(
      bans.map((b) => `${b.jail}:${b.address}`),
      '      ',
    );
  if (comparison.missing.length > 0)
    out += `  missing (${comparison.missing.length}):\n${list(comparison.missing).join('\n')}\n`;
  if (comparison.unexpected.length > 0)
    out += `  unexpected (${comparison.unexpected.length}):\n${list(comparison.unexpected).join('\n')}\n`;
  return out;
}
