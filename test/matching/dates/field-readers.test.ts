import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateFields } from '../../../src/matching/dates/date-fields.js';
import { epochReader, fieldsReader, tai64nReader } from '../../../src/matching/dates/field-readers.js';

/** Reads `line` whose named groups are given as [name, start, end]. */
function read(line: string, groups: Array<[string, number, number]>): DateFields {
  const names = new Map(groups.map(([name], i) => [name, i + 1] as const));
  const caps = new Int32Array(2 * (groups.length + 1)).fill(-1);
  groups.forEach(([, start, end], i) => {
    caps[2 * (i + 1)] = start;
    caps[2 * (i + 1) + 1] = end;
  });
  const out = new DateFields();
  fieldsReader(names)(line, caps, out);
  return out;
}

test('numbers, names and two-digit years (always 20yy)', () => {
  const f = read('05 Mar  9', [
    ['y', 0, 2],
    ['b', 3, 6],
    ['d', 7, 9],
  ]);
  assert.deepEqual([f.year, f.month, f.day], [2005, 3, 9]);
  assert.equal(read('99', [['y', 0, 2]]).year, 2099);
});

test('later groups override earlier ones', () => {
  assert.equal(
    read('2024 05', [
      ['Y', 0, 4],
      ['y', 5, 7],
    ]).year,
    2005,
  );
});

test('12-hour clock with and without %p', () => {
  assert.equal(
    read('12 AM', [
      ['I', 0, 2],
      ['p', 3, 5],
    ]).hour,
    0,
  );
  assert.equal(
    read('12 pm', [
      ['I', 0, 2],
      ['p', 3, 5],
    ]).hour,
    12,
  );
  assert.equal(
    read('07 PM', [
      ['I', 0, 2],
      ['p', 3, 5],
    ]).hour,
    19,
  );
  assert.equal(read('12', [['I', 0, 2]]).hour, 0);
});

test('weekdays count from Monday; %w counts Sunday as 0', () => {
  assert.equal(read('Sunday', [['A', 0, 6]]).weekday, 6);
  assert.equal(read('0', [['w', 0, 1]]).weekday, 6);
  assert.equal(read('1', [['w', 0, 1]]).weekday, 0);
  assert.deepEqual([read('09', [['U', 0, 2]]).week, read('09', [['U', 0, 2]]).weekStartsSunday], [9, true]);
});

test('zones: readable ones give minutes, others make the time unusable', () => {
  assert.equal(read('+0530', [['z', 0, 5]]).zoneMinutes, 330);
  assert.equal(read('CEST', [['Z', 0, 4]]).zoneMinutes, 120);
  assert.equal(read('from', [['Z', 0, 4]]).unusable, true);
});

test('epoch readers: seconds with fraction, milliseconds and microseconds; TAI64N seconds', () => {
  const read1 = (text: string, long: boolean): number => {
    const out = new DateFields();
    epochReader(1, long)(text, Int32Array.from([0, text.length, 0, text.length]), out);
    return out.absoluteMs;
  };
  assert.equal(read1('1709964303.25', false), 1_709_964_303_250);
  assert.equal(read1('1709964303250', true), 1_709_964_303_250);
  assert.equal(read1('1709964303250123', true), 1_709_964_303_250.123);
  assert.equal(read1('1709964303', true), 1_709_964_303_000);
  const out = new DateFields();
  const label = '@4000000065ec0a1f00000000';
  tai64nReader(1)(label, Int32Array.from([0, 25, 0, 25]), out);
  assert.equal(out.absoluteMs, 1_709_967_903_000);
});
