// The reference driver: the sequential LineFilter (fail2ban's semantics, one JS string per line) with the
// date detector, as `fail2nft regex` drives it. The fast matchers are measured against it.
import type { FilterSpec } from '../../../src/core/filter-spec.js';
import { compileFilter } from '../../../src/matching/compile-filter.js';
import { createDateDetector, type DateDetector } from '../../../src/matching/dates/index.js';
import { LineFilter, type LineDate } from '../../../src/matching/line-filter.js';
import type { FailureRecord, MatchDriver, MatchSession, SessionOptions } from './match-driver.js';

interface Jail {
  readonly filter: LineFilter;
  /** Index into the session's date detectors (jails with the same datepattern share one). */
  readonly dates: number;
}

function openSession(specs: readonly FilterSpec[], options: SessionOptions): MatchSession {
  const detectors: DateDetector[] = [];
  const detectorFor = new Map<string, number>();
  const jails: Jail[] = specs.map((spec) => {
    const compiled = compileFilter(spec);
    const key = spec.datepattern ?? '';
    let dates = detectorFor.get(key);
    if (dates === undefined) {
      dates = detectors.length;
      detectors.push(
        createDateDetector(spec.datepattern === undefined ? {} : { datepattern: spec.datepattern }),
      );
      detectorFor.set(key, dates);
    }
    const filter = new LineFilter(compiled.regexes, {
      maxlines: spec.maxlines,
      usedns: spec.usedns,
      checkFindTime: false,
      findtimeMs: 600_000,
    });
    return { filter, dates };
  });
  const { nowMs, collect } = options;
  return {
    process(chunks) {
      const failures = specs.map(() => 0);
      const records: FailureRecord[] | undefined = collect ? [] : undefined;
      const found: (LineDate | undefined)[] = detectors.map(() => undefined);
      let lineNumber = 0;
      for (const chunk of chunks) {
        const lines = chunk.toString('utf8').split('\n');
        lines.pop(); // chunks end with a newline
        for (const raw of lines) {
          lineNumber++;
          const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
          for (let d = 0; d < detectors.length; d++) {
            const date = detectors[d]?.find(line, nowMs);
            found[d] =
              date === undefined
                ? undefined
                : {
                    tuple: {
                      head: line.slice(0, date.start),
                      date: line.slice(date.start, date.end),
                      tail: line.slice(date.end),
                    },
                    timeMs: date.timeMs,
                  };
          }
          for (let j = 0; j < jails.length; j++) {
            const jail = jails[j];
            if (jail === undefined) continue;
            for (const failure of jail.filter.processLine(line, found[jail.dates], nowMs)) {
              if (failure.nofail || failure.id === undefined) continue;
              failures[j] = (failures[j] ?? 0) + 1;
              records?.push({ jail: j, line: lineNumber, id: failure.id });
            }
          }
        }
      }
      return Promise.resolve({ failures, records });
    },
    close: () => Promise.resolve(),
  };
}

export const lineFilterDriver: MatchDriver = {
  name: 'line-filter',
  threaded: false,
  open: (jails, options) => Promise.resolve(openSession(jails, options)),
};
