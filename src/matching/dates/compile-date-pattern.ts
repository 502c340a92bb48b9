// One datepattern as a stateless matcher: the leftmost date in a line, read into a time. The detector
// (createDateDetector) adds fail2ban's per-file template memory and the keyword sets on top.
import { toDateMatch, type DateMatch } from './date-detector.js';
import { MatchRecord } from './date-template.js';
import { TimeContext } from './fields-to-time.js';
import { LocalZone } from './local-zone.js';
import { compileDateTemplate } from './template-set.js';
import { parseLogTimeZone } from './zone-offset.js';

export interface DatePatternOptions {
  readonly logtimezone?: string;
  readonly startedAtMs?: number;
}

export interface DatePatternMatcher {
  readonly name: string;
  find(line: string, nowMs: number): DateMatch | undefined;
}

/** Compiles one datepattern line; throws F2N_ERR_DATE_PATTERN naming what is wrong with it. */
export function compileDatePattern(pattern: string, options: DatePatternOptions = {}): DatePatternMatcher {
  const template = compileDateTemplate(pattern);
  const zoneMinutes = options.logtimezone === undefined ? Number.NaN : parseLogTimeZone(options.logtimezone);
  const context = new TimeContext(new LocalZone(), zoneMinutes, options.startedAtMs);
  const record = new MatchRecord();
  return {
    name: template.name,
    find(line, nowMs) {
      context.setNow(nowMs);
      if (!template.search(line, 0, line.length, context.maxYear, record)) return undefined;
      return toDateMatch(record, template, context);
    },
  };
}
