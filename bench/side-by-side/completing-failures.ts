// Our matcher over the corpus (the bench's source-matcher driver, fail2ban-regex's mode), for the
// failures that tell which line completes each ban. Not timed; its failures agree with fail2ban-regex's
// on these corpora (bench/README.md, "Matching benchmark").
import { join } from 'node:path';
import { loadBenchFilter } from '../matching/load-bench-filter.js';
import { sourceMatcherDriver } from '../matching/drivers/source-matcher-driver.js';
import type { JailFailure } from './ban-latency.js';
import type { ScenarioJail } from './scenarios.js';
import type { Piece } from './write-times.js';

export async function corpusFailures(
  projectRoot: string,
  jails: readonly ScenarioJail[],
  pieces: readonly Piece[],
  nowMs: number,
): Promise<JailFailure[]> {
  const specs = jails.map((jail) => loadBenchFilter(join(projectRoot, 'config'), jail.filter));
  const session = await sourceMatcherDriver.open(specs, { collect: true, workers: 1, nowMs });
  try {
    const result = await session.process(pieces.map((piece) => piece.bytes));
    return (result.records ?? []).map((record) => ({
      jail: jails[record.jail]?.name ?? '?',
      line: record.line,
      id: record.id,
    }));
  } finally {
    await session.close();
  }
}
