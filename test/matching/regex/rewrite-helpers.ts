// Shared by the rewrite-pass tests: parse a Python pattern, run one pass, print the RE2 result.
import { parsePythonRegex } from '../../../src/matching/regex/parse-python-regex.js';
import { printRe2Regex } from '../../../src/matching/regex/print-re2-regex.js';
import type { RegexNode, RewriteResult } from '../../../src/matching/regex/python-regex-ast.js';

export function afterPass(
  pass: (root: RegexNode, groupCount: number) => RewriteResult,
  pattern: string,
): { source: string | undefined; rewritten: number } {
  const parsed = parsePythonRegex(pattern);
  const result = pass(parsed.root, parsed.groupCount);
  return { source: printable(result.root), rewritten: result.rewritten };
}

/** The RE2 source, or undefined while constructs RE2 lacks remain. */
function printable(root: RegexNode): string | undefined {
  try {
    return printRe2Regex(root).source;
  } catch {
    return undefined;
  }
}

/** The pass leaves something RE2 cannot print: the construct survived. */
export function survives(
  pass: (root: RegexNode, groupCount: number) => RewriteResult,
  pattern: string,
): boolean {
  return afterPass(pass, pattern).source === undefined;
}
