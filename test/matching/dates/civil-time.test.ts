import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isLeapYear,
  naiveMs,
  weekdayOf,
  yearDayFromWeek,
} from '../../../src/matching/dates/civil-time.js';

test('day counts agree with Date.UTC across centuries, both ways', () => {
  for (const [y, m, d] of [
    [1970, 1, 1],
    [1969, 12, 31],
    [2000, 2, 29],
    [2005, 8, 14],
    [2100, 3, 1],
    [1600, 1, 1],
    [9999, 12, 31],
  ] as const) {
    const days = daysFromCivil(y, m, d);
    assert.equal(days * 86_400_000, Date.UTC(y, m - 1, d), `${y}-${m}-${d}`);
    assert.deepEqual(civilFromDays(days, { year: 0, month: 0, day: 0 }), { year: y, month: m, day: d });
  }
});

test('leap years and month lengths follow the Gregorian rules', () => {
  assert.deepEqual(
    [isLeapYear(2000), isLeapYear(1900), isLeapYear(2024), isLeapYear(2023)],
    [true, false, true, false],
  );
  assert.deepEqual(
    [daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(2024, 4), daysInMonth(2024, 12)],
    [29, 28, 30, 31],
  );
});

test('naive milliseconds and weekdays (Monday = 0)', () => {
  assert.equal(naiveMs(2005, 8, 14, 10, 0, 0), Date.UTC(2005, 7, 14, 10, 0, 0));
  assert.equal(weekdayOf(2005, 8, 14), 6);
  assert.equal(weekdayOf(2024, 3, 9), 5);
});

test('week numbers with a weekday give the day of the year as strptime computes it', () => {
  // 2024-01-01 is a Monday: week 1 of %W starts there; week 0 of %U ends on Saturday Jan 6.
  assert.equal(yearDayFromWeek(2024, 9, 5, false), 62);
  assert.equal(yearDayFromWeek(2024, 9, 5, true), 69);
  assert.equal(yearDayFromWeek(2024, 0, 0, true), 1);
  assert.equal(yearDayFromWeek(2024, 0, 6, false), 7);
});
