// The human report of `fail2nft regex`, laid out like fail2ban-regex's.

export interface RegexStat {
  readonly regex: string;
  hits: number;
}

export interface RegexReport {
  readonly filterDescription: string;
  readonly logDescription: string;
  readonly failregex: RegexStat[];
  readonly ignoreregex: RegexStat[];
  lines: number;
  matched: number;
  ignored: number;
  missed: number;
  readonly matches: { line: number; host: string; time: string | null; failregex: number }[];
  dateTemplates: { template: string; hits: number }[];
  seconds: number;
}

function regexSection(title: string, stats: readonly RegexStat[]): string {
  const total = stats.reduce((sum, s) => sum + s.hits, 0);
  let out = `${title}: ${total} total\n`;
  const hit = stats.map((s, i) => ({ ...s, index: i + 1 })).filter((s) => s.hits > 0);
  if (hit.length === 0) return out;
  out += '|-  #) [# of hits] regular expression\n';
  for (const s of hit) out += `|  ${String(s.index).padStart(2)}) [${s.hits}] ${s.regex}\n`;
  return out + '`-\n';
}

export function formatRegexReport(report: RegexReport): string {
  const rate = report.seconds > 0 ? Math.round(report.lines / report.seconds) : report.lines;
  let out = '\nRunning tests\n=============\n\n';
  out += `Use ${report.filterDescription}\n`;
  out += `Use ${report.logDescription}\n\n`;
  out += 'Results\n=======\n\n';
  out += regexSection('Failregex', report.failregex) + '\n';
  out += regexSection('Ignoreregex', report.ignoreregex) + '\n';
  out += 'Date template hits:\n';
  if (report.dateTemplates.length > 0) {
    out += '|- [# of hits] date format\n';
    for (const t of report.dateTemplates) out += `|  [${t.hits}] ${t.template}\n`;
    out += '`-\n';
  }
  out += `\nLines: ${report.lines} lines, ${report.ignored} ignored, ${report.matched} matched, ${report.missed} missed\n`;
  out += `[processed in ${report.seconds.toFixed(2)} sec, ${rate} lines/s]\n`;
  return out;
}
