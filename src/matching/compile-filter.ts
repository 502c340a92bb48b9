// Compiles a FilterSpec's regexes for RE2 and adapts them to the line filter: each failregex, ignoreregex
// and the prefregex become SearchRegex objects reporting fail2ban-named groups. Errors name the filter,
// which regex (by role and position) and the construct.
import { Fail2nftError } from '../core/errors.js';
import type { FilterSpec } from '../core/filter-spec.js';
import {
  assertFailureId,
  compileFailregex,
  groupValues,
  matchSpan,
  type CompiledFailregex,
  type RegexRole,
} from './regex/compile-failregex.js';
import type { LineFilterRegexes } from './line-filter.js';
import type { RegexHit, SearchRegex } from './line-filter-types.js';

export interface CompiledFilter {
  readonly spec: FilterSpec;
  readonly prefregex?: CompiledFailregex;
  readonly failregex: readonly CompiledFailregex[];
  readonly ignoreregex: readonly CompiledFailregex[];
  readonly regexes: LineFilterRegexes;
}

const skipLinesGroup = /^skiplines(\d+)$/;

function toSearchRegex(compiled: CompiledFailregex): SearchRegex {
  const skipNames = [...compiled.groups.keys()]
    .filter((name) => skipLinesGroup.test(name))
    .sort((a, b) => Number(skipLinesGroup.exec(a)?.[1]) - Number(skipLinesGroup.exec(b)?.[1]));
  return {
    groupNames: new Set(compiled.groups.keys()),
    search(text: string): RegexHit | undefined {
      const match = compiled.exec(text);
      if (match === null) return undefined;
      const groups = groupValues(compiled, match);
      const span = matchSpan(compiled, match);
      const skipped = skipNames.map((name) => groups[name]).filter((v): v is string => v !== undefined);
      return { start: span.start, end: span.end, groups, skipped };
    },
  };
}

function compileOne(spec: FilterSpec, role: RegexRole, index: number, regex: string): CompiledFailregex {
  try {
    return compileFailregex(regex, { role, useDns: spec.usedns, multiline: spec.maxlines > 1 });
  } catch (error) {
    if (!(error instanceof Fail2nftError)) throw error;
    throw new Fail2nftError(
      error.code,
      `filter ${spec.name}, ${role}${role === 'prefregex' ? '' : ` #${index + 1}`}: ${error.message}`,
      { ...error.details, filter: spec.name, role, index },
      error,
    );
  }
}

export function compileFilter(spec: FilterSpec): CompiledFilter {
  const prefregex =
    spec.prefregex === undefined || spec.prefregex === ''
      ? undefined
      : compileOne(spec, 'prefregex', 0, spec.prefregex);
  const failregex = spec.failregex.map((regex, index) => {
    const compiled = compileOne(spec, 'failregex', index, regex);
    try {
      assertFailureId(compiled, prefregex);
    } catch (error) {
      if (!(error instanceof Fail2nftError)) throw error;
      throw new Fail2nftError(error.code, `filter ${spec.name}, failregex #${index + 1}: ${error.message}`, {
        ...error.details,
        filter: spec.name,
        index,
      });
    }
    return compiled;
  });
  const ignoreregex = spec.ignoreregex.map((regex, index) => compileOne(spec, 'ignoreregex', index, regex));
  return {
    spec,
    ...(prefregex === undefined ? {} : { prefregex }),
    failregex,
    ignoreregex,
    regexes: {
      ...(prefregex === undefined ? {} : { prefregex: toSearchRegex(prefregex) }),
      failregex: failregex.map(toSearchRegex),
      ignoreregex: ignoreregex.map(toSearchRegex),
    },
  };
}
