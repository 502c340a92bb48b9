// Counts translation outcomes over many regexes (for reports such as the filter.d survey): how many
// translated directly, needed an exact rewrite, needed post-match checks (and how many of those checks
// are not exact), or failed, with the constructs that made them fail.
import { Fail2nftError } from '../../core/errors.js';
import type { Re2Translation } from './translate-python-regex.js';

export interface TranslationSummary {
  readonly total: number;
  readonly direct: number;
  readonly rewritten: number;
  readonly checked: number;
  readonly errors: number;
  readonly inexactChecks: number;
  /** Error code → construct → count. */
  readonly errorConstructs: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Check kind → count. */
  readonly checkKinds: Readonly<Record<string, number>>;
}

export function summarizeTranslations(results: readonly (Re2Translation | Error)[]): TranslationSummary {
  const counts = { direct: 0, rewritten: 0, checked: 0, errors: 0, inexactChecks: 0 };
  const errorConstructs: Record<string, Record<string, number>> = {};
  const checkKinds: Record<string, number> = {};
  for (const result of results) {
    if (result instanceof Error) {
      counts.errors++;
      const code = result instanceof Fail2nftError ? result.code : 'other';
      const named = result instanceof Fail2nftError ? result.details.construct : undefined;
      const construct = typeof named === 'string' ? named : result.message;
      const byConstruct = (errorConstructs[code] ??= {});
      byConstruct[construct] = (byConstruct[construct] ?? 0) + 1;
      continue;
    }
    counts[result.method]++;
    for (const check of result.checks) {
      checkKinds[check.kind] = (checkKinds[check.kind] ?? 0) + 1;
      if (!check.exact) counts.inexactChecks++;
    }
  }
  return { total: results.length, ...counts, errorConstructs, checkKinds };
}
