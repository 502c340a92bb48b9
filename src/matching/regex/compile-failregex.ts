// A fail2ban failregex, ignoreregex or prefregex (configuration interpolation done) compiled for RE2:
// tags expanded, translated, compiled, with group name → RE2 index maps, the post-match checks, and the
// literals every match contains (for Buffer.indexOf prefilters).
//
// fail2ban compiles failregexes with re.MULTILINE when the filter's maxlines > 1, ignoreregexes and
// prefregexes without flags; it searches (not anchored at the start). Inputs here are a line without its
// newline, or for multi-line filters the buffered lines joined with "\n" without a final newline (the
// translation maps Python's `$` to end-of-input, which equals Python's only without that newline).
// Match on Buffers (UTF-8) where possible: node-re2's per-call cost is lower, offsets are bytes.
import type RE2 from 're2';
import { Fail2nftError } from '../../core/errors.js';
import { compileTranslation, type Re2Match } from './compile-translation.js';
import { expandRegexTags, type UseDns } from './expand-regex-tags.js';
import {
  compoundGroups,
  FAILURE_ID_PRESENT_GROUPS,
  hasFailureIdGroup,
  type CompoundGroups,
} from './failregex-group-names.js';
import type { RequiredLiterals } from './required-literals.js';
import type { MatchInput } from './run-post-match-checks.js';
import { translatePythonRegex, type Re2Translation } from './translate-python-regex.js';

export type RegexRole = 'failregex' | 'ignoreregex' | 'prefregex';

export type { Re2Match } from './compile-translation.js';

export interface CompileFailregexOptions {
  readonly role?: RegexRole;
  readonly useDns?: UseDns;
  /** The filter's maxlines > 1 (applies re.MULTILINE to failregexes only, as fail2ban does). */
  readonly multiline?: boolean;
  /** ASCII \d \w \s (see translate-python-regex.ts): faster group extraction, not Python's meaning. */
  readonly asciiClasses?: boolean;
}

export interface CompiledFailregex {
  /** The regex as configured. */
  readonly regex: string;
  /** After tag expansion: the Python pattern fail2ban would compile. */
  readonly expanded: string;
  readonly translation: Re2Translation;
  /** The compiled pattern (flag `d` when there are post-match checks, for group offsets). */
  readonly re2: RE2;
  /** Group name → RE2 indices; take the first that participated. */
  readonly groups: ReadonlyMap<string, readonly number[]>;
  readonly compound: CompoundGroups;
  readonly hasFailureId: boolean;
  readonly requiredLiterals: RequiredLiterals;
  /** The most selective clause of requiredLiterals as UTF-8: a match contains at least one. */
  readonly prefilter: readonly Buffer[];
  /** Searches, runs the post-match checks, retries from later starts when they fail. */
  readonly exec: (input: MatchInput) => Re2Match | null;
  /** The post-match checks alone, for a match made with `re2`. */
  readonly check: (match: Re2Match, input: MatchInput) => boolean;
}

export function compileFailregex(regex: string, options: CompileFailregexOptions = {}): CompiledFailregex {
  const role = options.role ?? 'failregex';
  const expanded = expandRegexTags(regex, options.useDns === undefined ? {} : { useDns: options.useDns });
  if (expanded.trim() === '') {
    throw new Fail2nftError('F2N_ERR_REGEX_SYNTAX', `empty ${role}`, { pattern: regex });
  }
  const translation = translatePythonRegex(expanded, {
    multiline: role === 'failregex' && options.multiline === true,
    asciiClasses: options.asciiClasses === true,
  });
  // Group offsets cost time on every match: only checks, and multi-line spans moved by a rewrite, need them.
  const movedSpan = translation.matchStartGroups.length + translation.matchEndGroups.length > 0;
  const compiled = compileTranslation(translation, {
    regex,
    withIndices: options.multiline === true && movedSpan,
  });
  const best = translation.requiredLiterals[0] ?? [];

  return {
    regex,
    expanded,
    translation,
    re2: compiled.re2,
    groups: translation.names,
    compound: compoundGroups(translation.names.keys()),
    hasFailureId: hasFailureIdGroup(translation.names.keys()),
    requiredLiterals: translation.requiredLiterals,
    prefilter: best.map((s) => Buffer.from(s, 'utf8')),
    exec: compiled.exec,
    check: compiled.check,
  };
}

/**
 * The failregex, or its prefregex, must capture a failure id (fail2ban refuses the filter otherwise).
 */
export function assertFailureId(failregex: CompiledFailregex, prefregex?: CompiledFailregex): void {
  if (failregex.hasFailureId || prefregex?.hasFailureId === true) return;
  throw new Fail2nftError(
    'F2N_ERR_REGEX_NO_FAILURE_ID',
    `no failure-id group (${FAILURE_ID_PRESENT_GROUPS.join(', ')}) in ${failregex.regex}`,
    { pattern: failregex.regex },
  );
}

/** The text of a named group: the first of its RE2 copies that participated. */
export function groupText(compiled: CompiledFailregex, match: Re2Match, name: string): string | undefined {
  for (const index of compiled.groups.get(name) ?? []) {
    const value = match[index];
    if (value !== undefined) return value.toString();
  }
  return undefined;
}

/**
 * Every named group's text, with fail2ban's `alt_` merging (an alternate fills its target when the
 * target is empty). `tuple_` parts are returned under their own names; combining them is left to the
 * caller (`compound.tuples` lists them).
 */
export function groupValues(
  compiled: CompiledFailregex,
  match: Re2Match,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of compiled.groups.keys()) out[name] = groupText(compiled, match, name);
  for (const { source, target } of compiled.compound.alternates) {
    const value = out[source];
    if (value !== undefined && value !== '' && (out[target] === undefined || out[target] === ''))
      out[target] = value;
  }
  return out;
}

/**
 * The logical start and end offsets of the match (rewrites may have moved RE2's span). Exact for
 * multi-line regexes and regexes with checks; otherwise RE2's span, which only multi-line matching uses.
 */
export function matchSpan(compiled: CompiledFailregex, match: Re2Match): { start: number; end: number } {
  const { matchStartGroups, matchEndGroups } = compiled.translation;
  const at = (groups: readonly number[]): number | undefined => {
    for (const g of groups) {
      const offset = match.indices?.[g]?.[0];
      if (offset !== undefined) return offset;
    }
    return undefined;
  };
  return {
    start: at(matchStartGroups) ?? match.index,
    end: at(matchEndGroups) ?? match.index + match[0].length,
  };
}
