// Renders translation surveys as markdown: per configuration directory, the count of distinct regexes
// by method, then every rewritten one, every checked one and every error, each with the filters and
// modes that use it. Pure.
import type { FilterLoadFailure } from './load-filter-variants.js';
import type { RegexUse, SurveyedRegex, TranslationSurvey } from './survey-translations.js';

export interface SurveyReport {
  /** What was surveyed, e.g. "Debian /etc/fail2ban/filter.d". */
  readonly title: string;
  readonly survey: TranslationSurvey;
  readonly loadFailures: readonly FilterLoadFailure[];
  readonly includeOnly: readonly FilterLoadFailure[];
}

const excerptLength = 70;

/** Table cell text: a `|` would end the cell (GFM unescapes `\|`, also inside code spans). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A code span that survives backticks in the text (a longer fence, padded when needed). */
function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function excerpt(regex: string): string {
  const flat = regex.replace(/\s*\n\s*/g, ' ');
  return flat.length <= excerptLength ? flat : `${flat.slice(0, excerptLength - 1)}…`;
}

/** `postfix[auth, extra] #2`: the filters, their modes and the regex's position, grouped by filter. */
export function describeUses(uses: readonly RegexUse[]): string {
  const byFilter = new Map<string, { modes: string[]; indices: Set<number> }>();
  for (const use of uses) {
    const entry = byFilter.get(use.filter) ?? { modes: [], indices: new Set<number>() };
    if (use.mode !== undefined && !entry.modes.includes(use.mode)) entry.modes.push(use.mode);
    entry.indices.add(use.index + 1);
    byFilter.set(use.filter, entry);
  }
  return [...byFilter]
    .map(([filter, { modes, indices }]) => {
      const modeText = modes.length === 0 ? '' : `[${modes.join(', ')}]`;
      return `${filter}${modeText} #${[...indices].join(',')}`;
    })
    .join('; ');
}

function methodTable(survey: TranslationSurvey): string[] {
  const s = survey.summary;
  const checks = Object.entries(s.checkKinds)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return [
    '| method | distinct regexes |',
    '|---|---:|',
    `| direct | ${s.direct} |`,
    `| rewritten (exact) | ${s.rewritten} |`,
    `| checked after the match | ${s.checked}${checks === '' ? '' : ` (checks: ${checks}; ${s.inexactChecks} not exact)`} |`,
    `| error | ${s.errors} |`,
    `| **total** | **${s.total}** |`,
  ];
}

function regexRows(
  regexes: readonly SurveyedRegex[],
  header: string,
  detail: (r: SurveyedRegex) => string,
): string[] {
  if (regexes.length === 0) return [];
  return [
    `| used by | role | regex | ${header} |`,
    '|---|---|---|---|',
    ...regexes.map(
      (r) =>
        `| ${cell(describeUses(r.uses))} | ${r.role}${r.multiline ? ' (multi-line)' : ''} | ${cell(code(excerpt(r.regex)))} | ${cell(detail(r))} |`,
    ),
  ];
}

function notesOf(r: SurveyedRegex): string {
  return 'method' in r.outcome ? r.outcome.notes.join('; ') : '';
}

/** Each distinct check once, with its count (an unrolled repetition repeats its look-around). */
function checksOf(r: SurveyedRegex): string {
  if (!('method' in r.outcome)) return '';
  const counts = new Map<string, number>();
  for (const c of r.outcome.checks) {
    const text = `${c.kind} ${code(c.construct)}${c.exact ? '' : ' (not exact)'}`;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, n]) => (n === 1 ? text : `${n} × ${text}`)).join('; ');
}

function errorOf(r: SurveyedRegex): string {
  if (!('error' in r.outcome)) return '';
  const { code: errorCode, message, construct } = r.outcome.error;
  return `${errorCode}: ${message}${construct === undefined ? '' : ` (construct ${code(construct)})`}`;
}

export function formatSurveyReport(report: SurveyReport): string {
  const { survey } = report;
  const variants = survey.filters.reduce((n, f) => n + Math.max(1, f.modes.length), 0);
  const withModes = survey.filters.filter((f) => f.modes.length > 0);
  const rewritten = survey.regexes.filter((r) => 'method' in r.outcome && r.outcome.method === 'rewritten');
  const checked = survey.regexes.filter((r) => 'method' in r.outcome && r.outcome.method === 'checked');
  const errors = survey.regexes.filter((r) => 'error' in r.outcome);
  const lines = [
    `## ${report.title}`,
    '',
    `Filters with regexes: ${survey.filters.length}; filter/mode combinations: ${variants} ` +
      `(usedns = ${survey.useDns}).` +
      (withModes.length === 0
        ? ''
        : ` Modes: ${withModes.map((f) => `${f.filter} (${f.modes.join(', ')})`).join(', ')}.`),
    survey.withoutRegexes.length === 0
      ? ''
      : `Without failregex (include files): ${survey.withoutRegexes.join(', ')}.`,
    '',
    ...methodTable(survey),
    '',
  ];
  if (report.loadFailures.length > 0) {
    lines.push(`### Filters that failed to load (${report.loadFailures.length})`, '');
    for (const failure of report.loadFailures) {
      const name = failure.mode === undefined ? failure.filter : `${failure.filter}[mode=${failure.mode}]`;
      lines.push(`- ${name}: ${failure.problems.join('; ')}`);
    }
    lines.push('');
  }
  if (report.includeOnly.length > 0) {
    const names = report.includeOnly.map((f) => f.filter).join(', ');
    lines.push(
      `Include files that do not load on their own (they use options of the filter including them): ${names}.`,
      '',
    );
  }
  for (const [title, list, header, detail] of [
    ['Errors', errors, 'error', errorOf],
    ['Checked after the match', checked, 'checks', checksOf],
    ['Rewritten', rewritten, 'rewrites', notesOf],
  ] as const) {
    if (list.length === 0) continue;
    lines.push(`### ${title} (${list.length})`, '', ...regexRows(list, header, detail), '');
  }
  return lines.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}
