import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as f from '../../../src/matching/dates/field-scanners.js';
import type { ScanSpec } from '../../../src/matching/dates/pattern-ast.js';

/** Every end position the scanner offers at 0, in order. */
function ends(spec: ScanSpec, text: string, ignoreCase = false, maxYear = 2029): number[] {
  const out: number[] = [];
  spec.make(ignoreCase)(text, 0, text.length, { maxYear }, (end) => {
    out.push(end);
    return false;
  });
  return out;
}

test('candidates come in the order of the regex fail2ban substitutes (single digits before 30/31)', () => {
  assert.deepEqual(ends(f.DAY, '31'), [1, 2]);
  assert.deepEqual(ends(f.DAY, '12'), [2, 1]);
  assert.deepEqual(ends(f.DAY, ' 9'), [2]);
  assert.deepEqual(ends(f.DAY, '09'), [2]);
  assert.deepEqual(ends(f.MONTH, '12'), [1, 2]);
  assert.deepEqual(ends(f.HOUR, '23'), [1, 2]);
  assert.deepEqual(ends(f.HOUR, '19'), [2, 1]);
  assert.deepEqual(ends(f.HOUR_LOOSE, '27'), [2, 1]);
  assert.deepEqual(ends(f.SECOND, '61'), [1, 2]);
  assert.deepEqual(ends(f.HOUR12, '12'), [2, 1]);
  assert.deepEqual(ends(f.CLOCK_HOUR, '23'), [2, 1]);
});

test('exact two-digit forms accept only valid values', () => {
  assert.deepEqual(ends(f.DAY_EXACT, '31'), [2]);
  assert.deepEqual(ends(f.DAY_EXACT, '32'), []);
  assert.deepEqual(ends(f.MONTH_EXACT, '00'), []);
  assert.deepEqual(ends(f.HOUR_EXACT, '24'), []);
  assert.deepEqual(ends(f.SECOND_EXACT, '61'), [2]);
});

test('years: %Y any four digits, %ExY 2000 up to the window end, %y two digits', () => {
  assert.deepEqual(ends(f.YEAR, '1999'), [4]);
  assert.deepEqual(ends(f.YEAR_EXACT, '1999'), []);
  assert.deepEqual(ends(f.YEAR_EXACT, '2029'), [4]);
  assert.deepEqual(ends(f.YEAR_EXACT, '2030'), []);
  assert.deepEqual(ends(f.YEAR_EXACT, '2030', false, 2039), [4]);
  assert.deepEqual(ends(f.YEAR2, '05'), [2]);
});

test('fractions are one to six digits, longest first; day of year and weeks', () => {
  assert.deepEqual(ends(f.FRACTION, '1234567'), [6, 5, 4, 3, 2, 1]);
  assert.deepEqual(ends(f.YEAR_DAY, '366'), [3, 2, 1]);
  assert.deepEqual(ends(f.YEAR_DAY, '367'), [2, 1]);
  assert.deepEqual(ends(f.WEEK_MONDAY, '53'), [2, 1]);
  assert.deepEqual(ends(f.ISO_WEEK, '00'), [1]);
});

test('names match whole English names, in any case only when the pattern ignores case', () => {
  assert.deepEqual(ends(f.MONTH_ABBR, 'Mar'), []);
  assert.deepEqual(ends(f.MONTH_ABBR, 'Mar', true), [3]);
  assert.deepEqual(ends(f.MONTH_FULL, 'SEPTEMBER', true), [9]);
  assert.deepEqual(ends(f.WEEKDAY_ABBR, 'sun'), [3]);
  assert.deepEqual(ends(f.AM_PM, 'PM', true), [2]);
});

test('zones: %z offsets longest first, %Z 3-5 capitals, %Exz with or without an abbreviation', () => {
  assert.deepEqual(ends(f.ZONE_OFFSET, '+01:00'), [6, 3]);
  assert.deepEqual(ends(f.ZONE_OFFSET, '+0100'), [5, 3]);
  assert.deepEqual(ends(f.ZONE_OFFSET, 'UTC'), [3]);
  assert.deepEqual(ends(f.ZONE_OFFSET, '+2'), []);
  assert.deepEqual(ends(f.ZONE_NAME, 'CEST'), [4, 3]);
  assert.deepEqual(ends(f.ZONE_NAME, 'Zulu'), [1]);
  assert.deepEqual(ends(f.ZONE_NAME_ANY, 'A x'), [1]);
  assert.deepEqual(ends(f.ZONE_ANY, 'CET+0100'), [8, 6, 3, 1]);
});

test('epoch numbers: 10-11 digits ending a word, optional 3-6 digit fraction; LEPOCH adds ms or us', () => {
  assert.deepEqual(ends(f.EPOCH_SECONDS, '1709964303.1234567'), [17, 16, 15, 14, 10]);
  assert.deepEqual(ends(f.EPOCH_SECONDS, '17099643031'), [11]);
  assert.deepEqual(ends(f.EPOCH_SECONDS, '170996430312'), []);
  assert.deepEqual(ends(f.EPOCH_SECONDS, '1709964303x'), []);
  // 11 digits of seconds are tried first; the word-end check after the field then rejects them.
  assert.deepEqual(ends(f.EPOCH_LONG, '1709964303250123'), [14, 11, 16, 13, 10]);
});
