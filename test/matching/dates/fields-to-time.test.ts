import { test } from 'node:test';
import assert from 'node:assert/strict';

process.env.TZ = 'Europe/Paris';

const { DateFields } = await import('../../../src/matching/dates/date-fields.js');
const { fieldsToTime, maxYearFor, TimeContext } =
  await import('../../../src/matching/dates/fields-to-time.js');
const { LocalZone } = await import('../../../src/matching/dates/local-zone.js');

const NOW = Date.UTC(2005, 7, 14, 10, 0, 0); // 12:00 in Paris

function timeOf(
  set: Partial<InstanceType<typeof DateFields>>,
  zone = Number.NaN,
  now = NOW,
): string | undefined {
  const context = new TimeContext(new LocalZone(), zone);
  context.setNow(now);
  const fields = Object.assign(new DateFields(), set);
  const ms = fieldsToTime(fields, context);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

test('a full date in local time', () => {
  assert.equal(
    timeOf({ year: 2024, month: 3, day: 9, hour: 7, minute: 5, second: 3 }),
    '2024-03-09T06:05:03.000Z',
  );
});

test('no year: this year, unless more than a day ahead of now (then last year)', () => {
  assert.equal(timeOf({ month: 8, day: 15, hour: 11 }), '2005-08-15T09:00:00.000Z');
  assert.equal(timeOf({ month: 8, day: 15, hour: 13 }), '2004-08-15T11:00:00.000Z');
  assert.equal(
    timeOf({ month: 1, day: 1 }, Number.NaN, Date.UTC(2005, 0, 1, 0, 30)),
    '2004-12-31T23:00:00.000Z',
  );
});

test('no date at all: today, or yesterday when the time is still ahead', () => {
  assert.equal(timeOf({ hour: 11 }), '2005-08-14T09:00:00.000Z');
  assert.equal(timeOf({ hour: 13 }), '2005-08-13T11:00:00.000Z');
});

test('a zone from the line wins over logtimezone, which wins over the local zone', () => {
  const f = { year: 2024, month: 3, day: 9, hour: 7, minute: 5, second: 3 };
  assert.equal(timeOf({ ...f, zoneMinutes: 60 }, -300), '2024-03-09T06:05:03.000Z');
  assert.equal(timeOf(f, -300), '2024-03-09T12:05:03.000Z');
  assert.equal(timeOf(f, 0), '2024-03-09T07:05:03.000Z');
});

test('a zone-shifted year-less date moved to last year keeps its written month and day (as fail2ban)', () => {
  // Dec 31 23:30 -0200 is Jan 1 01:30 naive UTC; more than a day ahead of Aug 14, so the year before,
  // with month and day put back to Dec 31 and the shifted time of day kept.
  assert.equal(
    timeOf({ month: 12, day: 31, hour: 23, minute: 30, zoneMinutes: -120 }),
    '2004-12-31T01:30:00.000Z',
  );
});

test('day of the year and week numbers stand in for month and day', () => {
  assert.equal(timeOf({ year: 2024, yearDay: 69 }), '2024-03-08T23:00:00.000Z');
  assert.equal(
    timeOf({ year: 2024, week: 9, weekday: 5, weekStartsSunday: true }),
    '2024-03-08T23:00:00.000Z',
  );
});

test('impossible dates, a month without a day and unreadable zones give no time; absolute times pass through', () => {
  assert.equal(timeOf({ year: 2024, month: 2, day: 30 }), undefined);
  assert.equal(timeOf({ year: 2024, month: 3, day: 9, hour: 24 }), undefined);
  assert.equal(timeOf({ year: 2024, month: 3, day: 9, second: 60 }), undefined);
  assert.equal(timeOf({ year: 2024, month: 3 }), undefined);
  assert.equal(timeOf({ year: 2024, month: 3, day: 9, unusable: true }), undefined);
  assert.equal(timeOf({ absoluteMs: 1_709_964_303_250 }), '2024-03-09T06:05:03.250Z');
});

test('the %ExY window ends with the decade three years after the start year', () => {
  assert.deepEqual(
    [maxYearFor(2005), maxYearFor(2026), maxYearFor(2027), maxYearFor(2097)],
    [2009, 2029, 2039, 2109],
  );
  const context = new TimeContext(new LocalZone(), Number.NaN, Date.UTC(2026, 5, 1));
  context.setNow(NOW);
  assert.equal(context.maxYear, 2029);
  const floating = new TimeContext(new LocalZone(), Number.NaN);
  floating.setNow(NOW);
  assert.equal(floating.maxYear, 2029);
  floating.setNow(Date.UTC(2031, 0, 1));
  assert.equal(floating.maxYear, 2039);
});

test('the remembered time of the last fields is used only for the same fields under the same now', () => {
  const context = new TimeContext(new LocalZone(), Number.NaN);
  context.setNow(NOW);
  const fields = Object.assign(new DateFields(), { month: 8, day: 15, hour: 11 });
  assert.equal(new Date(fieldsToTime(fields, context) ?? 0).toISOString(), '2005-08-15T09:00:00.000Z');
  // Same fields again: the same time.
  assert.equal(new Date(fieldsToTime(fields, context) ?? 0).toISOString(), '2005-08-15T09:00:00.000Z');
  // Another second: its own time.
  fields.second = 1;
  assert.equal(new Date(fieldsToTime(fields, context) ?? 0).toISOString(), '2005-08-15T09:00:01.000Z');
  // Now moves back a day: the year-less date is now more than a day ahead, so last year.
  context.setNow(NOW - 2 * 86_400_000);
  assert.equal(new Date(fieldsToTime(fields, context) ?? 0).toISOString(), '2004-08-15T09:00:01.000Z');
  // An unusable zone gives no time even right after the same fields gave one.
  fields.unusable = true;
  assert.equal(fieldsToTime(fields, context), undefined);
});
