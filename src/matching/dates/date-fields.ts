// The date fields a template reads from a line, before they become a time: a scratch record reused for
// every line (no allocation on the hot path). -1 means "not in the line"; fail2ban then assumes the
// current year, or today, the way its strptime variant does.

export class DateFields {
  /** Set by epoch and TAI64N templates: the time is absolute, zone and year rules do not apply. */
  absoluteMs = Number.NaN;
  year = -1;
  month = -1;
  day = -1;
  hour = 0;
  minute = 0;
  second = 0;
  /** Day of the year from %j. */
  yearDay = -1;
  /** Week number from %U / %W, and which of them. */
  week = -1;
  weekStartsSunday = false;
  /** Monday = 0 ... Sunday = 6. */
  weekday = -1;
  /** Minutes east of UTC written in the line (%z / %Z); NaN when the line has no zone. */
  zoneMinutes = Number.NaN;
  /** The line names a zone fail2ban cannot read, or a field fail2ban cannot combine: no usable time. */
  unusable = false;

  reset(): this {
    this.absoluteMs = Number.NaN;
    this.year = -1;
    this.month = -1;
    this.day = -1;
    this.hour = 0;
    this.minute = 0;
    this.second = 0;
    this.yearDay = -1;
    this.week = -1;
    this.weekStartsSunday = false;
    this.weekday = -1;
    this.zoneMinutes = Number.NaN;
    this.unusable = false;
    return this;
  }

  /** Every field equal to other's (NaN equal to NaN). */
  sameAs(other: DateFields): boolean {
    return (
      Object.is(this.absoluteMs, other.absoluteMs) &&
      this.year === other.year &&
      this.month === other.month &&
      this.day === other.day &&
      this.hour === other.hour &&
      this.minute === other.minute &&
      this.second === other.second &&
      this.yearDay === other.yearDay &&
      this.week === other.week &&
      this.weekStartsSunday === other.weekStartsSunday &&
      this.weekday === other.weekday &&
      Object.is(this.zoneMinutes, other.zoneMinutes) &&
      this.unusable === other.unusable
    );
  }

  copyFrom(other: DateFields): this {
    this.absoluteMs = other.absoluteMs;
    this.year = other.year;
    this.month = other.month;
    this.day = other.day;
    this.hour = other.hour;
    this.minute = other.minute;
    this.second = other.second;
    this.yearDay = other.yearDay;
    this.week = other.week;
    this.weekStartsSunday = other.weekStartsSunday;
    this.weekday = other.weekday;
    this.zoneMinutes = other.zoneMinutes;
    this.unusable = other.unusable;
    return this;
  }
}
