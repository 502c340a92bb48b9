// Merges the failures of a chunk found by two groups of jails (the stateless and the stateful part of a
// source) into log order: by line, then by the jails' order in the source, as one matcher would list them.
import type { MatchedFailure } from './source-matcher-types.js';

/** Either list may be returned as it is (when the other is empty). */
export function mergeFailures(
  a: readonly MatchedFailure[],
  b: readonly MatchedFailure[],
  jailOrder: ReadonlyMap<string, number>,
): readonly MatchedFailure[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: MatchedFailure[] = [];
  let i = 0;
  let j = 0;
  const before = (x: MatchedFailure, y: MatchedFailure): boolean =>
    x.lineInChunk < y.lineInChunk ||
    (x.lineInChunk === y.lineInChunk && (jailOrder.get(x.jail) ?? 0) <= (jailOrder.get(y.jail) ?? 0));
  while (i < a.length && j < b.length) {
    const x = a[i] as MatchedFailure;
    const y = b[j] as MatchedFailure;
    if (before(x, y)) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  for (; i < a.length; i++) out.push(a[i] as MatchedFailure);
  for (; j < b.length; j++) out.push(b[j] as MatchedFailure);
  return out;
}
