// Python `re` pattern → RE2 pattern. Parses, applies the exact rewrites (EXACT_REWRITES below, then
// look-arounds at the pattern's edges), turns what remains into post-match checks, and prints. Throws F2N_ERR_REGEX_SYNTAX for what Python rejects and F2N_ERR_REGEX_UNSUPPORTED
// for what has no RE2 form, naming the construct and its offset; nothing is dropped silently.
//
// Semantics kept deliberately:
// - `\d`, `\w`, `\s` (and negations) get Python's Unicode meaning for str patterns (RE2's are ASCII).
//   Measured with node-re2 on Buffers: no cost for RE2.test (DFA), but group extraction (RE2.exec) is
//   slower because the larger programs push RE2 from its bit-state engine to its NFA: median over the
//   109 filter.d regexes with matching sample lines 0.066 M lines/s, against 0.114 with ASCII classes.
//   Kept, since a match must not depend on the engine; `asciiClasses` is there for the matcher to choose.
// - `$` without MULTILINE prints as RE2 `$` (end of input). Python's also matches before a final
//   newline; inputs to the matcher never end with one (lines, or multi-line buffers joined with "\n").
// - `\b`/`\B` stay ASCII (RE2 has no Unicode word boundary): they differ from Python only next to
//   non-ASCII letters or digits; a note says so.
import { Fail2nftError } from '../../core/errors.js';
import { dropImpliedLookaheads } from './drop-implied-lookaheads.js';
import { insertPostMatchChecks, type PendingCheck } from './insert-post-match-checks.js';
import { mergeLookaroundClasses } from './merge-lookaround-classes.js';
import { parsePythonRegex } from './parse-python-regex.js';
import type { PostMatchCheck } from './post-match-check.js';
import { printRe2Regex, type PrintedRegex } from './print-re2-regex.js';
import {
  someNode,
  spanText,
  type ParsedPattern,
  type RegexNode,
  type RewriteResult,
} from './python-regex-ast.js';
import { pushNegativeLookaheads } from './push-negative-lookahead.js';
import { requiredLiterals, type RequiredLiterals } from './required-literals.js';
import { resolveConditionals } from './resolve-conditionals.js';
import { resolveFiniteBackreferences } from './resolve-finite-backreferences.js';
import { rewriteEdgeLookarounds } from './rewrite-edge-lookarounds.js';
import { rewriteTemperedTokens } from './rewrite-tempered-tokens.js';
import { unrollBoundedRepeats } from './unroll-bounded-repeats.js';

export type TranslationMethod = 'direct' | 'rewritten' | 'checked';

export interface Re2Translation {
  /** The Python pattern translated. */
  readonly pattern: string;
  /** RE2 source (node-re2 syntax). */
  readonly source: string;
  /** RE2 flags the source needs: '' or 'i'. */
  readonly flags: string;
  readonly method: TranslationMethod;
  readonly checks: readonly PostMatchCheck[];
  readonly notes: readonly string[];
  /** Capture groups in the RE2 source, markers included. */
  readonly groupCount: number;
  /** Python group number → RE2 group indices (a group duplicated by a rewrite has several). */
  readonly groups: ReadonlyMap<number, readonly number[]>;
  /** Group name → RE2 group indices. */
  readonly names: ReadonlyMap<string, readonly number[]>;
  /** RE2 groups whose offset is the logical start / end of the match when a rewrite moved them. */
  readonly matchStartGroups: readonly number[];
  readonly matchEndGroups: readonly number[];
  /** Fixed strings every match contains (see required-literals.ts). */
  readonly requiredLiterals: RequiredLiterals;
}

export interface TranslateOptions {
  /** re.MULTILINE, which fail2ban sets on failregexes when maxlines > 1. */
  readonly multiline?: boolean;
  /** ASCII \d \w \s instead of Python's Unicode ones (faster group extraction, see the header). */
  readonly asciiClasses?: boolean;
}

/** RE2's repetition limit (Python allows up to 2^32 - 2). */
const RE2_MAX_REPEAT = 1000;

interface ExactRewrite {
  readonly run: (root: RegexNode, parsed: ParsedPattern) => RewriteResult;
  readonly note: (count: number) => string;
}

/** In order: later passes rely on earlier ones (e.g. pushing look-aheads after unrolling). */
const EXACT_REWRITES: readonly ExactRewrite[] = [
  {
    run: (root, parsed) => resolveConditionals(root, parsed.groupCount),
    note: (n) => `${n} conditional(s) rewritten by distributing the pattern over the group's alternatives`,
  },
  {
    run: resolveFiniteBackreferences,
    note: (n) =>
      `${n} back-reference(s) to a group of a few fixed strings rewritten by distributing over them`,
  },
  { run: mergeLookaroundClasses, note: (n) => `${n} one-character look-around(s) merged into a class` },
  {
    run: dropImpliedLookaheads,
    note: (n) => `${n} look-ahead(s) dropped: what follows always decides them the same way`,
  },
  {
    run: rewriteTemperedTokens,
    note: (n) => `${n} tempered token(s) (?:(?!word).)* rewritten as a word-avoiding expression`,
  },
  { run: unrollBoundedRepeats, note: (n) => `${n} short repetition(s) holding a look-around written out` },
  {
    run: pushAllNegativeLookaheads,
    note: (n) => `${n} negative look-ahead(s) of fixed words folded into the items that follow`,
  },
];

/** Each round handles the first negative look-ahead of every sequence; a few rounds cover the rest. */
function pushAllNegativeLookaheads(root: RegexNode): RewriteResult {
  let current = root;
  let rewritten = 0;
  for (let round = 0; round < 4; round++) {
    const pass = pushNegativeLookaheads(current);
    current = pass.root;
    rewritten += pass.rewritten;
    if (pass.rewritten === 0) break;
  }
  return { root: current, rewritten };
}

export function translatePythonRegex(pattern: string, options: TranslateOptions = {}): Re2Translation {
  const parsed = parsePythonRegex(pattern, options);
  const notes = [...parsed.notes];
  let root = parsed.root;
  let rewritten = 0;
  for (const pass of EXACT_REWRITES) {
    const result = pass.run(root, parsed);
    root = result.root;
    rewritten += result.rewritten;
    if (result.rewritten > 0) notes.push(pass.note(result.rewritten));
  }
  const edges = rewriteEdgeLookarounds(root, 0);
  root = edges.root;
  rewritten += edges.rewritten;
  if (edges.rewritten > 0) {
    notes.push(
      `${edges.rewritten} look-around(s) at the pattern's start or end rewritten to consume (the match span moves; groups do not)`,
    );
  }
  const inserted = insertPostMatchChecks(root, parsed, edges.nextMarkerId);
  root = inserted.root;
  assertRepeatLimits(root, parsed);
  const asciiBoundary = someNode(
    root,
    (n) =>
      n.kind === 'assertion' &&
      !n.ascii &&
      (n.assertion === 'word-boundary' || n.assertion === 'not-word-boundary'),
  );
  if (asciiBoundary) {
    notes.push(
      '\\b and \\B use ASCII word characters in RE2 (Python: Unicode); they differ only next to non-ASCII letters or digits',
    );
  }

  const printed = printRe2Regex(root, { ignoreCase: parsed.globalFlags.ignoreCase });
  const checks = inserted.checks.map((c) => resolveCheck(c, printed, parsed));
  for (const c of checks) {
    if (!c.exact) {
      notes.push(
        `post-match check of ${c.construct} at position ${c.offset} is not exact: a match Python finds by backtracking past it may be missed`,
      );
    }
  }
  return {
    pattern,
    source: printed.source,
    flags: printed.flags,
    method: checks.length > 0 ? 'checked' : rewritten > 0 ? 'rewritten' : 'direct',
    checks,
    notes,
    groupCount: printed.groupCount,
    groups: printed.groups,
    names: printed.names,
    matchStartGroups: edges.startMarkers.map((id) => markerIndex(printed, id)),
    matchEndGroups: edges.endMarkers.map((id) => markerIndex(printed, id)),
    requiredLiterals: requiredLiterals(root),
  };
}

function assertRepeatLimits(root: RegexNode, parsed: ParsedPattern): void {
  someNode(root, (n) => {
    if (n.kind === 'repeat' && Math.max(n.min, n.max ?? 0) > RE2_MAX_REPEAT) {
      const construct = spanText(parsed.codePoints, n);
      throw new Fail2nftError(
        'F2N_ERR_REGEX_UNSUPPORTED',
        `repetition count above RE2's limit of ${RE2_MAX_REPEAT}: ${construct} at position ${n.start}`,
        { construct, offset: n.start, pattern: parsed.codePoints.join('') },
      );
    }
    return false;
  });
}

function markerIndex(printed: PrintedRegex, id: number): number {
  const index = printed.markers.get(id);
  if (index === undefined) throw new Fail2nftError('F2N_ERR_INTERNAL', `marker ${id} was not printed`);
  return index;
}

function resolveCheck(check: PendingCheck, printed: PrintedRegex, parsed: ParsedPattern): PostMatchCheck {
  const construct = spanText(parsed.codePoints, check);
  const base = { construct, offset: check.start };
  switch (check.kind) {
    case 'lookahead':
    case 'lookbehind': {
      const sub = printRe2Regex(check.content);
      return {
        ...base,
        kind: check.kind,
        negated: check.negated,
        marker: markerIndex(printed, check.marker),
        source: sub.source,
        flags: sub.flags,
        width: check.width,
        exact: check.exact,
      };
    }
    case 'backreference':
      return {
        ...base,
        kind: 'backreference',
        marker: markerIndex(printed, check.marker),
        groups: printed.groups.get(check.group) ?? [],
        ignoreCase: check.ignoreCase,
        exact: check.exact,
      };
    case 'conditional':
      return {
        ...base,
        kind: 'conditional',
        yesMarker: markerIndex(printed, check.yesMarker),
        noMarker: markerIndex(printed, check.noMarker),
        groups: printed.groups.get(check.group) ?? [],
        exact: false,
      };
    case 'absent-in-span': {
      const sub = printRe2Regex(check.content);
      return {
        ...base,
        kind: 'absent-in-span',
        startMarker: markerIndex(printed, check.startMarker),
        endMarker: markerIndex(printed, check.endMarker),
        source: sub.source,
        flags: sub.flags,
        exact: check.exact,
      };
    }
  }
}
