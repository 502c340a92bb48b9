// Translates every distinct failregex, ignoreregex and prefregex of a set of loaded filters for RE2 and
// records how (directly, by an exact rewrite, or with post-match checks) or why not. A regex is the
// same when its text, role and multi-line flag are (those decide its translation); each keeps the list
// of filters and modes that use it. Errors are results: every one is listed, none is dropped.
import { Fail2nftError } from '../../src/core/errors.js';
import { compileFailregex, type RegexRole } from '../../src/matching/regex/compile-failregex.js';
import type { UseDns } from '../../src/matching/regex/expand-regex-tags.js';
import {
  summarizeTranslations,
  type TranslationSummary,
} from '../../src/matching/regex/summarize-translations.js';
import type { Re2Translation, TranslationMethod } from '../../src/matching/regex/translate-python-regex.js';
import type { FilterVariant } from './load-filter-variants.js';

export interface RegexUse {
  readonly filter: string;
  readonly mode: string | undefined;
  /** 0-based position among the filter's regexes of this role (0 for the prefregex). */
  readonly index: number;
}

export interface CheckSummary {
  readonly kind: string;
  readonly construct: string;
  readonly exact: boolean;
}

export type RegexOutcome =
  | {
      readonly method: TranslationMethod;
      readonly notes: readonly string[];
      readonly checks: readonly CheckSummary[];
    }
  | { readonly error: { readonly code: string; readonly message: string; readonly construct?: string } };

export interface SurveyedRegex {
  readonly role: RegexRole;
  readonly multiline: boolean;
  readonly regex: string;
  readonly uses: readonly RegexUse[];
  readonly outcome: RegexOutcome;
}

export interface TranslationSurvey {
  readonly useDns: UseDns;
  /** Filters (with their modes) that have at least one regex. */
  readonly filters: readonly { readonly filter: string; readonly modes: readonly string[] }[];
  /** Filters without any failregex in any mode (include files such as common.conf). */
  readonly withoutRegexes: readonly string[];
  readonly regexes: readonly SurveyedRegex[];
  readonly summary: TranslationSummary;
}

interface Pending {
  readonly role: RegexRole;
  readonly multiline: boolean;
  readonly regex: string;
  readonly uses: RegexUse[];
}

function collectDistinct(variants: readonly FilterVariant[]): Pending[] {
  const byKey = new Map<string, Pending>();
  const add = (role: RegexRole, multiline: boolean, regex: string, use: RegexUse): void => {
    // fail2ban applies MULTILINE to failregexes only, so the flag cannot change the others.
    const flag = role === 'failregex' && multiline;
    const key = `${role}\u0000${flag ? 'm' : ''}\u0000${regex}`;
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = { role, multiline: flag, regex, uses: [] };
      byKey.set(key, entry);
    }
    entry.uses.push(use);
  };
  for (const { filter, mode, settings } of variants) {
    const multiline = settings.maxlines > 1;
    if (settings.prefregex !== undefined && settings.prefregex !== '')
      add('prefregex', multiline, settings.prefregex, { filter, mode, index: 0 });
    settings.failregex.forEach((regex, index) => {
      add('failregex', multiline, regex, { filter, mode, index });
    });
    settings.ignoreregex.forEach((regex, index) => {
      add('ignoreregex', multiline, regex, { filter, mode, index });
    });
  }
  return [...byKey.values()];
}

function translate(entry: Pending, useDns: UseDns): Re2Translation | Error {
  try {
    return compileFailregex(entry.regex, { role: entry.role, useDns, multiline: entry.multiline })
      .translation;
  } catch (error) {
    if (error instanceof Error) return error;
    return new Error(String(error));
  }
}

function outcomeOf(result: Re2Translation | Error): RegexOutcome {
  if (result instanceof Error) {
    const code = result instanceof Fail2nftError ? result.code : result.name;
    const construct = result instanceof Fail2nftError ? result.details.construct : undefined;
    return {
      error: {
        code,
        message: result.message,
        ...(typeof construct === 'string' ? { construct } : {}),
      },
    };
  }
  return {
    method: result.method,
    notes: result.notes,
    checks: result.checks.map((c) => ({ kind: c.kind, construct: c.construct, exact: c.exact })),
  };
}

export function surveyTranslations(variants: readonly FilterVariant[], useDns: UseDns): TranslationSurvey {
  const pending = collectDistinct(variants);
  const results = pending.map((entry) => translate(entry, useDns));
  const modes = new Map<string, string[]>();
  const withRegexes = new Set<string>();
  for (const { filter, mode, settings } of variants) {
    const list = modes.get(filter) ?? [];
    if (mode !== undefined) list.push(mode);
    modes.set(filter, list);
    if (settings.failregex.length > 0) withRegexes.add(filter);
  }
  return {
    useDns,
    filters: [...modes]
      .filter(([filter]) => withRegexes.has(filter))
      .map(([filter, list]) => ({ filter, modes: list })),
    withoutRegexes: [...modes.keys()].filter((filter) => !withRegexes.has(filter)),
    regexes: pending.map((entry, i) => ({
      ...entry,
      outcome: outcomeOf(results[i] ?? new Error('missing result')),
    })),
    summary: summarizeTranslations(results),
  };
}
