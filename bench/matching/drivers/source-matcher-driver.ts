// The fast single-thread matcher (src/matching/source-matcher.ts): one SourceMatcher for the log with
// every jail, chunks of whole lines as Buffers, fail2ban-regex's mode (no findtime clamping).
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import { createSourceMatcher } from '../../../src/matching/source-matcher.js';
import type { FailureRecord, MatchDriver, MatchSession, SessionOptions } from './match-driver.js';

function openSession(specs: readonly FilterSpec[], options: SessionOptions): MatchSession {
  const jailIndex = new Map(specs.map((spec, index) => [spec.name, index]));
  const matcher = createSourceMatcher(
    { id: 'bench', jails: specs },
    { checkFindTime: false, clock: { now: () => options.nowMs } },
  );
  const { collect, nowMs } = options;
  return {
    process(chunks) {
      const failures = specs.map(() => 0);
      const records: FailureRecord[] | undefined = collect ? [] : undefined;
      let firstLine = 1;
      for (const chunk of chunks) {
        const result = matcher.processChunk(chunk, { nowMs });
        if (result.needsCarry) throw new Error('the matcher asked for a date carry within one session');
        for (const failure of result.failures) {
          const jail = jailIndex.get(failure.jail);
          if (jail === undefined) throw new Error(`failure for unknown jail ${failure.jail}`);
          failures[jail] = (failures[jail] ?? 0) + 1;
          records?.push({ jail, line: firstLine + failure.lineInChunk, id: failure.id });
        }
        firstLine += result.lines;
      }
      return Promise.resolve({ failures, records });
    },
    close: () => Promise.resolve(),
  };
}

export const sourceMatcherDriver: MatchDriver = {
  name: 'source-matcher',
  threaded: false,
  open: (jails, options) => Promise.resolve(openSession(jails, options)),
};
