import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../../src/core/errors.js';
import { lineZoneMinutes, parseLogTimeZone, readZone } from '../../../src/matching/dates/zone-offset.js';

test('logtimezone takes what fail2ban takes: UTC, offsets with or without an abbreviation, Z, abbreviations', () => {
  const cases: Array<[string, number]> = [
    ['UTC', 0],
    ['UTC+0200', 120],
    ['UTC-05:30', -330],
    ['+0100', 60],
    ['-01', -60],
    ['Z', 0],
    ['GMT', 0],
    ['CET', 60],
    ['CEST+01', 180],
    ['EST-0100', -360],
    ['A', 60],
    ['', 0],
  ];
  for (const [value, minutes] of cases) assert.equal(parseLogTimeZone(value), minutes, value);
});

test('logtimezone rejects what fail2ban rejects, with F2N_ERR_DATE_TIMEZONE', () => {
  for (const value of ['UTC-5', 'GMT+1', '+2000', 'XYZ', 'Europe/Paris', 'utc', '+01:3', 'AB']) {
    assert.throws(
      () => parseLogTimeZone(value),
      (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_DATE_TIMEZONE',
      value,
    );
  }
});

test('an unknown abbreviation and a malformed zone are told apart', () => {
  assert.deepEqual(readZone('XYZ'), { ok: false, reason: 'unknown-abbreviation' });
  assert.deepEqual(readZone('UTC-5'), { ok: false, reason: 'malformed' });
});

test('a zone in a line: Z, UTC and GMT are UTC, the rest read as above, unreadable ones give undefined', () => {
  assert.equal(lineZoneMinutes('Z'), 0);
  assert.equal(lineZoneMinutes('+01:00'), 60);
  assert.equal(lineZoneMinutes('PDT'), -420);
  assert.equal(lineZoneMinutes('utc'), undefined);
  assert.equal(lineZoneMinutes('ABCD'), undefined);
});
