// Compares two lists of (failure id, line text) as multisets: a log may hold the same line twice, and
// each occurrence is a failure of its own. Pure.

export interface IdAndLine {
  readonly id: string;
  readonly line: string;
}

export interface FailureDifference {
  readonly ours: number;
  readonly theirs: number;
  /** Failures only we found (counting multiplicity). */
  readonly onlyOurs: number;
  readonly onlyTheirs: number;
  /** A few examples of each, for the report. */
  readonly examples: readonly string[];
}

const exampleCount = 5;

function countKeys(list: readonly IdAndLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { id, line } of list) {
    const key = `${id}\t${line}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function compareFailures(ours: readonly IdAndLine[], theirs: readonly IdAndLine[]): FailureDifference {
  const a = countKeys(ours);
  const b = countKeys(theirs);
  let onlyOurs = 0;
  let onlyTheirs = 0;
  const examples: string[] = [];
  for (const [key, n] of a) {
    const extra = n - (b.get(key) ?? 0);
    if (extra <= 0) continue;
    onlyOurs += extra;
    if (examples.length < exampleCount) examples.push(`only fail2nft: ${key}`);
  }
  let theirExamples = 0;
  for (const [key, n] of b) {
    const extra = n - (a.get(key) ?? 0);
    if (extra <= 0) continue;
    onlyTheirs += extra;
    if (theirExamples++ < exampleCount) examples.push(`only fail2ban-regex: ${key}`);
  }
  return { ours: ours.length, theirs: theirs.length, onlyOurs, onlyTheirs, examples };
}
