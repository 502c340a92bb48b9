import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateFields } from '../../../src/matching/dates/date-fields.js';
import { MatchRecord } from '../../../src/matching/dates/date-template.js';

const plain = (f: DateFields): Record<string, unknown> => Object.fromEntries(Object.entries(f));

test('reset clears every field; copyFrom copies every field', () => {
  const a = new DateFields();
  Object.assign(a, { year: 2024, month: 3, day: 9, hour: 7, zoneMinutes: 60, unusable: true, absoluteMs: 5 });
  const b = new DateFields().copyFrom(a);
  assert.deepEqual(plain(b), plain(a));
  a.reset();
  assert.deepEqual(plain(a), plain(new DateFields()));
});

test('a match record copies its spans and fields', () => {
  const r = new MatchRecord();
  Object.assign(r, { start: 1, end: 9, dateStart: 2, dateEnd: 8 });
  r.fields.year = 2024;
  const copy = new MatchRecord().copyFrom(r);
  assert.deepEqual(
    [copy.start, copy.end, copy.dateStart, copy.dateEnd, copy.fields.year],
    [1, 9, 2, 8, 2024],
  );
});

test('sameAs compares every field, NaN equal to NaN', () => {
  const a = new DateFields();
  assert.ok(a.sameAs(new DateFields()));
  const changes: Partial<DateFields>[] = [
    { absoluteMs: 7 },
    { year: 7 },
    { month: 7 },
    { day: 7 },
    { hour: 7 },
    { minute: 7 },
    { second: 7 },
    { yearDay: 7 },
    { week: 7 },
    { weekStartsSunday: true },
    { weekday: 7 },
    { zoneMinutes: 7 },
    { unusable: true },
  ];
  for (const change of changes) {
    const changed = Object.assign(new DateFields(), change);
    assert.equal(a.sameAs(changed), false, JSON.stringify(change));
    assert.ok(changed.sameAs(new DateFields().copyFrom(changed)), JSON.stringify(change));
  }
});
