// RE2 objects for a translation, and the search that honours its post-match checks: when a check
// rejects RE2's match, the search resumes one character after that match's start, as Python's search
// would move on to the next start position (within one start, see post-match-check.ts).
import RE2 from 're2';
import { Fail2nftError } from '../../core/errors.js';
import {
  compileChecks,
  runChecks,
  stepForward,
  type IndexedMatch,
  type MatchInput,
} from './run-post-match-checks.js';
import type { Re2Translation } from './translate-python-regex.js';

/** An RE2 match: Buffers for Buffer input, strings for string input. */
export type Re2Match = IndexedMatch & { readonly 0: Buffer | string };

export interface CompiledTranslation {
  readonly translation: Re2Translation;
  /** Compiled with flag `d` when group offsets are needed (checks, or `withIndices`). */
  readonly re2: RE2;
  /** Searches, runs the post-match checks, retries from later starts when they fail. */
  readonly exec: (input: MatchInput) => Re2Match | null;
  /** The post-match checks alone, for a match made with `re2`. */
  readonly check: (match: Re2Match, input: MatchInput) => boolean;
}

export interface CompileTranslationOptions {
  /** Report group offsets even without checks (costs time on every match). */
  readonly withIndices?: boolean;
  /** Names the regex in errors. */
  readonly regex?: string;
}

export function compileTranslation(
  translation: Re2Translation,
  options: CompileTranslationOptions = {},
): CompiledTranslation {
  const regex = options.regex ?? translation.pattern;
  const hasChecks = translation.checks.length > 0;
  const indices = hasChecks || options.withIndices === true;
  const re2 = compileRe2(translation.source, translation.flags + (indices ? 'd' : ''), regex);
  // A second instance with `g`, so that retries can start at an offset without touching `re2`.
  const searcher = hasChecks ? compileRe2(translation.source, `${translation.flags}dg`, regex) : undefined;
  const checks = compileChecks(translation.checks);

  const check = (match: Re2Match, input: MatchInput): boolean => runChecks(checks, match, input);
  const exec = (input: MatchInput): Re2Match | null => {
    if (searcher === undefined) return execOnce(re2, input);
    // Bounded by the input length: each round starts at least one character further.
    let from = 0;
    for (let round = 0; round <= input.length && from <= input.length; round++) {
      searcher.lastIndex = from;
      const match = execOnce(searcher, input);
      if (match === null) return null;
      if (check(match, input)) return match;
      from = stepForward(input, match.index);
    }
    return null;
  };
  return { translation, re2, exec, check };
}

function execOnce(re: RE2, input: MatchInput): Re2Match | null {
  if (typeof input === 'string') return re.exec(input);
  // node-re2's typings declare only group 0 for Buffer results; the array holds every group.
  return re.exec(input) as (Re2Match & { 0: Buffer }) | null;
}

function compileRe2(source: string, flags: string, regex: string): RE2 {
  try {
    return new RE2(source, flags);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Fail2nftError(
      'F2N_ERR_REGEX_UNSUPPORTED',
      `RE2 rejects the translated pattern (${reason})`,
      { pattern: regex, source },
      cause,
    );
  }
}
