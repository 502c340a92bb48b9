// Turns the fields read from a line into epoch milliseconds the way fail2ban does:
// - no year: the current year, unless that puts the date more than one day after now, then the year before;
// - no month and day: today, unless that puts the time after now, then yesterday;
// - a zone in the line wins, else `logtimezone`, else the process's local time zone;
// - fractions of a second are dropped (fail2ban keeps whole seconds for parsed dates);
// - an impossible date (Feb 30, hour 24, second 60) gives no time.
// "Now" and the comparisons are local wall-clock readings, even when the line carries a zone, as in fail2ban.
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isLeapYear,
  MS_PER_DAY,
  MS_PER_MINUTE,
  naiveMs,
  yearDayFromWeek,
  type CivilDate,
} from './civil-time.js';
import { DateFields } from './date-fields.js';
import type { LocalZone } from './local-zone.js';

/**
 * Without a start time the window is at least the one of a service started in this year: replaying old
 * logs with an old "now" must not reject years a running fail2ban (which uses the wall clock) accepts.
 */
const EARLIEST_START_YEAR = 2026;

/** The last %ExY year fail2ban accepts when it started in `year`: the end of the decade of year + 3. */
export function maxYearFor(year: number): number {
  return Math.floor((year + 3) / 10) * 10 + 9;
}

export class TimeContext {
  /** Local wall-clock reading of now, in naive milliseconds. */
  nowNaive = 0;
  /** The last year %ExY accepts. */
  maxYear = 0;
  private readonly today: CivilDate = { year: 1970, month: 1, day: 1 };
  private nowMs = Number.NaN;
  private readonly fixedMaxYear: number | undefined;

  constructor(
    readonly zone: LocalZone,
    /** `logtimezone` in minutes east of UTC, NaN for the local zone. */
    readonly defaultZoneMinutes: number,
    /** When the service started; absent: the %ExY window follows "now" (but ends no earlier than 2029). */
    startedAtMs?: number,
  ) {
    if (startedAtMs !== undefined) {
      const started = civilFromDays(Math.floor(zone.naiveFromUtc(startedAtMs) / MS_PER_DAY), {
        year: 0,
        month: 0,
        day: 0,
      });
      this.fixedMaxYear = maxYearFor(started.year);
    }
  }

  /**
   * The last fields fieldsToTime turned into a time under this "now", and that time: lines of one
   * second (a syslog line has no finer time) carry the same fields, which then cost one comparison.
   */
  readonly lastFields = new DateFields();
  lastTime: number | undefined = undefined;
  lastValid = false;

  /** Moves "now"; cheap when called again with the same instant. */
  setNow(nowMs: number): void {
    if (nowMs === this.nowMs) return;
    this.nowMs = nowMs;
    this.lastValid = false;
    this.nowNaive = this.zone.naiveFromUtc(nowMs);
    civilFromDays(Math.floor(this.nowNaive / MS_PER_DAY), this.today);
    this.maxYear = this.fixedMaxYear ?? maxYearFor(Math.max(this.today.year, EARLIEST_START_YEAR));
  }

  get todayYear(): number {
    return this.today.year;
  }

  get todayMonth(): number {
    return this.today.month;
  }

  get todayDay(): number {
    return this.today.day;
  }
}

const scratchDate: CivilDate = { year: 0, month: 0, day: 0 };

/** Epoch milliseconds of the fields, or undefined when fail2ban would find no valid time. */
export function fieldsToTime(f: DateFields, context: TimeContext): number | undefined {
  if (context.lastValid && f.sameAs(context.lastFields)) return context.lastTime;
  const time = computeTime(f, context);
  context.lastFields.copyFrom(f);
  context.lastTime = time;
  context.lastValid = true;
  return time;
}

function computeTime(f: DateFields, context: TimeContext): number | undefined {
  if (!Number.isNaN(f.absoluteMs)) return f.absoluteMs;
  if (f.unusable) return undefined;
  let year = f.year;
  let month = f.month;
  let day = f.day;
  const assumeYear = year < 0;
  if (assumeYear) year = context.todayYear;
  if (month < 0 || day < 0) {
    let yearDay = f.yearDay;
    let haveYearDay = yearDay >= 0;
    if (!haveYearDay && f.week >= 0 && f.weekday >= 0) {
      yearDay = yearDayFromWeek(year, f.week, f.weekday, f.weekStartsSunday);
      haveYearDay = true;
    }
    if (haveYearDay) {
      civilFromDays(daysFromCivil(year, 1, 1) + yearDay - 1, scratchDate);
      year = scratchDate.year;
      month = scratchDate.month;
      day = scratchDate.day;
    }
  }
  const assumeToday = month < 0 && day < 0;
  if (assumeToday) {
    month = context.todayMonth;
    day = context.todayDay;
  }
  if (month < 0 || day < 0) return undefined;
  if (!isValidDate(year, month, day, f.hour, f.minute, f.second)) return undefined;
  let naive = naiveMs(year, month, day, f.hour, f.minute, f.second);
  let zoneMinutes = f.zoneMinutes;
  if (Number.isNaN(zoneMinutes)) zoneMinutes = context.defaultZoneMinutes;
  const zoned = !Number.isNaN(zoneMinutes);
  if (zoned) naive -= zoneMinutes * MS_PER_MINUTE;
  if (assumeToday && naive > context.nowNaive) naive -= MS_PER_DAY;
  if (assumeYear && naive > context.nowNaive + MS_PER_DAY) {
    // The year before, with the written month and day and the (zone-shifted) time of day.
    if (month === 2 && day === 29 && !isLeapYear(year - 1)) return undefined;
    const timeOfDay = naive - Math.floor(naive / MS_PER_DAY) * MS_PER_DAY;
    naive = daysFromCivil(year - 1, month, day) * MS_PER_DAY + timeOfDay;
  }
  return zoned ? naive : context.zone.utcFromNaive(naive);
}

function isValidDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): boolean {
  return (
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59
  );
}
