// A date detector for one log file: finds and reads the date in each line as fail2ban does, remembering
// which template the file uses. Create one per file (the memory is per file) and feed it lines in order.
import type { DateTemplate, MatchRecord } from './date-template.js';
import { fieldsToTime, TimeContext } from './fields-to-time.js';
import { LocalZone } from './local-zone.js';
import { TemplateChooser } from './template-chooser.js';
import { templatesForDatePattern } from './template-set.js';
import { parseLogTimeZone } from './zone-offset.js';

export interface DateMatch {
  /**
   * Epoch milliseconds of the date, or undefined when the text matched a template but is no valid date
   * (Feb 30, hour 24, an unknown zone), or when the template matched no text at all (`{NONE}`, start ===
   * end). fail2ban cuts the text anyway and then uses the previous line's time if it is less than a
   * minute old, else the current time.
   */
  readonly timeMs: number | undefined;
  /** The span to cut out of the line: the rest, line[0, start) + line[end, length), is what failregex sees. */
  readonly start: number;
  readonly end: number;
  /** Name of the template that found the date. */
  readonly template: string;
}

/** The public result for a template's record. */
export function toDateMatch(record: MatchRecord, template: DateTemplate, context: TimeContext): DateMatch {
  const empty = record.dateStart === record.dateEnd;
  return {
    timeMs: empty ? undefined : fieldsToTime(record.fields, context),
    start: record.dateStart,
    end: record.dateEnd,
    template: template.name,
  };
}

export interface DateDetectorOptions {
  /** The filter's or jail's `datepattern` (after %% → % interpolation); absent: fail2ban's defaults. */
  readonly datepattern?: string;
  /** The jail's `logtimezone`: the zone of dates that carry none (else the process's local zone). */
  readonly logtimezone?: string;
  /**
   * When the service started (epoch ms). fail2ban accepts %ExY years from 2000 to the end of the decade
   * three years after its start. Absent: the year of each call's `nowMs`, but never a window ending
   * before 2029 (so replays with an old frozen "now" accept what fail2ban run today accepts).
   */
  readonly startedAtMs?: number;
}

export interface DateDetector {
  /** Finds the date in a line; `nowMs` decides the year of dates written without one. */
  find(line: string, nowMs: number): DateMatch | undefined;
  /** The same for line bytes buf[start, end) (read as latin1, so offsets are byte offsets from start). */
  findInBuffer(buf: Buffer, start: number, end: number, nowMs: number): DateMatch | undefined;
  /** The templates in their current order with how many lines each found. */
  templateHits(): Array<{ template: string; hits: number }>;
}

export function createDateDetector(options: DateDetectorOptions = {}): DateDetector {
  const templates: readonly DateTemplate[] = templatesForDatePattern(options.datepattern);
  const zoneMinutes = options.logtimezone === undefined ? Number.NaN : parseLogTimeZone(options.logtimezone);
  const zone = new LocalZone();
  const context = new TimeContext(zone, zoneMinutes, options.startedAtMs);
  const chooser = new TemplateChooser(templates);

  const find = (line: string, nowMs: number): DateMatch | undefined => {
    context.setNow(nowMs);
    const chosen = chooser.choose(line, nowMs / 1000, context.maxYear);
    return chosen === undefined ? undefined : toDateMatch(chosen.record, chosen.template, context);
  };

  return {
    find,
    findInBuffer: (buf, start, end, nowMs) => find(buf.toString('latin1', start, end), nowMs),
    templateHits: () => chooser.hits(),
  };
}
