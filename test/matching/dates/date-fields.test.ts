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
