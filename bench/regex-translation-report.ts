// How fail2ban's filters translate for RE2: every filter of Debian's /etc/fail2ban/filter.d and of our
// bundled config/filter.d, in every mode it offers, each distinct regex counted by translation method,
// with every rewritten one, every checked one and every error listed. Exit status 1 when any regex or
// filter failed (so it can gate a build).
//
//   node dist/bench/regex-translation-report.js [--config DIR]... [--usedns warn|no|yes|raw] [--json]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { UseDns } from '../src/matching/regex/expand-regex-tags.js';
import { formatSurveyReport, type SurveyReport } from './matching/format-translation-report.js';
import { loadFilterVariants } from './matching/load-filter-variants.js';
import { surveyTranslations } from './matching/survey-translations.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const debianConfig = '/etc/fail2ban';
const useDnsValues: readonly UseDns[] = ['yes', 'warn', 'no', 'raw'];

function isUseDns(value: string): value is UseDns {
  return (useDnsValues as readonly string[]).includes(value);
}

/** Surveys one configuration directory's filter.d. */
export function surveyConfigDir(configDir: string, useDns: UseDns, title?: string): SurveyReport {
  const loaded = loadFilterVariants(configDir);
  return {
    title: title ?? join(configDir, 'filter.d'),
    survey: surveyTranslations(loaded.variants, useDns),
    loadFailures: loaded.failures,
    includeOnly: loaded.includeOnly,
  };
}

function main(): number {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', multiple: true },
      usedns: { type: 'string', default: 'warn' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: regex-translation-report [--config DIR]... [--usedns warn|no|yes|raw] [--json]\n' +
        `default: ${debianConfig} (when present) and the bundled config/\n`,
    );
    return 0;
  }
  if (!isUseDns(values.usedns)) {
    process.stderr.write(`--usedns must be one of ${useDnsValues.join(', ')}\n`);
    return 2;
  }
  const useDns = values.usedns;
  const dirs = values.config ?? [
    ...(existsSync(join(debianConfig, 'filter.d')) ? [debianConfig] : []),
    join(projectRoot, 'config'),
  ];
  const reports = dirs.map((dir) =>
    surveyConfigDir(
      dir,
      useDns,
      dir === debianConfig
        ? `Debian ${debianConfig}/filter.d`
        : dir === join(projectRoot, 'config')
          ? 'Bundled config/filter.d'
          : undefined,
    ),
  );
  if (values.json) {
    process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
  } else {
    process.stdout.write(
      ['# Translation of fail2ban regexes for RE2', '', ...reports.map(formatSurveyReport)].join('\n') + '\n',
    );
  }
  const failed = reports.some((r) => r.survey.summary.errors > 0 || r.loadFailures.length > 0);
  return failed ? 1 : 0;
}

process.exitCode = main();
