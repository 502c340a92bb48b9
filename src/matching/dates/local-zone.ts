// The process's local time zone (the TZ environment variable, as Date sees it), with per-hour caches:
// converting a wall-clock reading to UTC costs a Date construction, and consecutive log lines almost
// always fall in the same hour. An hour whose offset changes inside it (a transition at a half hour,
// or a zone with odd rules) is never cached and is converted one reading at a time.
import { MS_PER_HOUR, MS_PER_MINUTE } from './civil-time.js';

const NO_HOUR = Number.NaN;

export class LocalZone {
  private naiveHour = NO_HOUR;
  private naiveHourUtc = 0;
  private utcHour = NO_HOUR;
  private utcHourOffset = 0;

  /**
   * UTC milliseconds of a local wall-clock reading, like C's mktime with tm_isdst = -1: a reading in a
   * spring-forward gap is read with the offset before the gap, a repeated autumn reading as the first one.
   */
  utcFromNaive(naive: number): number {
    const hour = Math.floor(naive / MS_PER_HOUR);
    if (hour === this.naiveHour) return this.naiveHourUtc + (naive - hour * MS_PER_HOUR);
    const start = hour * MS_PER_HOUR;
    const startUtc = convertNaive(start);
    const endUtc = convertNaive(start + MS_PER_HOUR - 1000);
    if (endUtc - startUtc === MS_PER_HOUR - 1000) {
      this.naiveHour = hour;
      this.naiveHourUtc = startUtc;
      return startUtc + (naive - start);
    }
    return convertNaive(naive);
  }

  /** The local wall-clock reading (naive milliseconds) at a UTC instant. */
  naiveFromUtc(utc: number): number {
    const hour = Math.floor(utc / MS_PER_HOUR);
    if (hour === this.utcHour) return utc + this.utcHourOffset;
    const start = hour * MS_PER_HOUR;
    const startOffset = offsetAt(start);
    if (offsetAt(start + MS_PER_HOUR - 1) === startOffset) {
      this.utcHour = hour;
      this.utcHourOffset = startOffset;
      return utc + startOffset;
    }
    return utc + offsetAt(utc);
  }
}

/** Local minus UTC in milliseconds at an instant. */
function offsetAt(utc: number): number {
  return -new Date(utc).getTimezoneOffset() * MS_PER_MINUTE;
}

function convertNaive(naive: number): number {
  const d = new Date(naive);
  const year = d.getUTCFullYear();
  const local = new Date(
    year,
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
  // The Date constructor reads years 0-99 as 1900-1999.
  if (year >= 0 && year < 100) local.setFullYear(year);
  return local.getTime();
}
