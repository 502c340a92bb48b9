// Proleptic Gregorian calendar arithmetic without Date objects. A "naive" time is a wall-clock reading
// (no zone) counted in milliseconds as if it were UTC; fail2ban compares and shifts such naive readings
// before it decides which zone they are in, so the detector does the same on plain numbers.

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a calendar date (month 1-12); valid for any year. */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Count from a March-based year so the leap day is the last day of the counted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date of a day count since 1970-01-01 (inverse of daysFromCivil). */
export function civilFromDays(days: number, out: CivilDate): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  out.day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  out.month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  out.year = yearOfEra + era * 400 + (out.month <= 2 ? 1 : 0);
  return out;
}

export function naiveMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000
  );
}

/** Weekday with Monday = 0 ... Sunday = 6 (Python's datetime.weekday()). */
export function weekdayOf(year: number, month: number, day: number): number {
  // 1970-01-01 was a Thursday (3).
  const d = daysFromCivil(year, month, day);
  return (((d + 3) % 7) + 7) % 7;
}

/**
 * Day of the year from a week number and weekday, as C's strptime does for %U (weeks start on Sunday)
 * and %W (weeks start on Monday). Weekday is Monday = 0. The result may fall outside 1..366; the caller
 * turns it into a date relative to January 1st.
 */
export function yearDayFromWeek(
  year: number,
  weekOfYear: number,
  weekday: number,
  weekStartsSunday: boolean,
): number {
  const firstWeekday = weekdayOf(year, 1, 1);
  let day = weekday;
  let first = firstWeekday;
  if (weekStartsSunday) {
    first = (first + 1) % 7;
    day = (day + 1) % 7;
  }
  const weekZeroLength = (7 - first) % 7;
  if (weekOfYear === 0) return 1 + day - first;
  return 1 + weekZeroLength + 7 * (weekOfYear - 1) + day;
}
