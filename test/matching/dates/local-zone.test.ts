import { test } from 'node:test';
import assert from 'node:assert/strict';

process.env.TZ = 'Europe/Paris';

const { LocalZone } = await import('../../../src/matching/dates/local-zone.js');

function local(y: number, mo: number, d: number, h: number, mi: number): number {
  return new Date(y, mo - 1, d, h, mi).getTime();
}

test('wall-clock readings convert like Date in the process zone, from the cache too', () => {
  const zone = new LocalZone();
  for (const [y, mo, d, h, mi] of [
    [2005, 8, 14, 12, 0],
    [2005, 8, 14, 12, 59],
    [2005, 1, 14, 12, 30],
    [2005, 3, 27, 1, 59],
    [2005, 3, 27, 3, 0],
    [2005, 10, 30, 1, 30],
    [2005, 10, 30, 3, 0],
  ] as const) {
    assert.equal(
      zone.utcFromNaive(Date.UTC(y, mo - 1, d, h, mi)),
      local(y, mo, d, h, mi),
      `${mo}-${d} ${h}:${mi}`,
    );
  }
});

test('a reading in the spring gap uses the offset before it; a repeated autumn reading the first one', () => {
  const zone = new LocalZone();
  assert.equal(zone.utcFromNaive(Date.UTC(2005, 2, 27, 2, 30)), Date.UTC(2005, 2, 27, 1, 30));
  assert.equal(zone.utcFromNaive(Date.UTC(2005, 9, 30, 2, 30)), Date.UTC(2005, 9, 30, 0, 30));
});

test('readings of an instant follow summer and winter time', () => {
  const zone = new LocalZone();
  assert.equal(zone.naiveFromUtc(Date.UTC(2005, 7, 14, 10)), Date.UTC(2005, 7, 14, 12));
  assert.equal(zone.naiveFromUtc(Date.UTC(2005, 0, 14, 10)), Date.UTC(2005, 0, 14, 11));
  assert.equal(zone.naiveFromUtc(Date.UTC(2005, 9, 30, 0, 59)), Date.UTC(2005, 9, 30, 2, 59));
  assert.equal(zone.naiveFromUtc(Date.UTC(2005, 9, 30, 1, 0)), Date.UTC(2005, 9, 30, 2, 0));
});
