import { test } from 'node:test';
import assert from 'node:assert/strict';

process.env.TZ = 'Europe/Paris';

const { createDateDetector } = await import('../../../src/matching/dates/date-detector.js');
const { Fail2nftError } = await import('../../../src/core/errors.js');

const NOW = Date.UTC(2005, 7, 14, 10);
const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();

test('finds, reads and names the date; the rest of the line is what failregex sees', () => {
  const detector = createDateDetector();
  const line = 'Aug 14 11:59:59 gw sshd[7]: Failed password for root from 192.0.2.7';
  const found = detector.find(line, NOW);
  assert.ok(found);
  assert.equal(iso(found.timeMs), '2005-08-14T09:59:59.000Z');
  assert.equal(
    line.slice(0, found.start) + line.slice(found.end),
    ' gw sshd[7]: Failed password for root from 192.0.2.7',
  );
  assert.equal(found.template, '{^LN-BEG}[Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]');
});

test('a line without a date gives undefined', () => {
  assert.equal(createDateDetector().find('no date in here', NOW), undefined);
});

test('Buffer lines give the same answer with byte offsets', () => {
  const detector = createDateDetector();
  const buf = Buffer.from('xxAug 14 11:59:59 gw yy', 'latin1');
  const found = detector.findInBuffer(buf, 2, buf.length - 3, NOW);
  assert.deepEqual([found?.start, found?.end, iso(found?.timeMs)], [0, 15, '2005-08-14T09:59:59.000Z']);
});

test('logtimezone sets the zone of dates without one; a zone in the line still wins', () => {
  const detector = createDateDetector({ logtimezone: 'UTC+0300' });
  assert.equal(iso(detector.find('2005-08-14 12:00:00 x', NOW)?.timeMs), '2005-08-14T09:00:00.000Z');
  assert.equal(iso(detector.find('2005-08-14 12:00:00+01:00 x', NOW)?.timeMs), '2005-08-14T11:00:00.000Z');
});

test('an invalid logtimezone or datepattern is rejected when the detector is created', () => {
  assert.throws(
    () => createDateDetector({ logtimezone: 'UTC-5' }),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_DATE_TIMEZONE',
  );
  assert.throws(
    () => createDateDetector({ datepattern: '%Y-%q' }),
    (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_DATE_PATTERN',
  );
});

test('a datepattern replaces the defaults; {NONE} cuts nothing and gives no time', () => {
  const detector = createDateDetector({ datepattern: '^%d/%m/%Y %H:%M' });
  assert.equal(iso(detector.find('09/03/2024 07:05 x', NOW)?.timeMs), '2024-03-09T06:05:00.000Z');
  assert.equal(detector.find('Aug 14 11:59:59 x', NOW), undefined);
  const none = createDateDetector({ datepattern: '{NONE}' }).find('Aug 14 11:59:59 x', NOW);
  assert.deepEqual([none?.start, none?.end, none?.timeMs], [0, 0, undefined]);
});

test('%ExY follows startedAtMs when given, else the year of now but never ending before 2029', () => {
  const line = '2035-01-02 03:04:05 x';
  assert.equal(createDateDetector({ startedAtMs: Date.UTC(2026, 0, 1) }).find(line, NOW), undefined);
  assert.ok(createDateDetector({ startedAtMs: Date.UTC(2032, 0, 1) }).find(line, NOW));
  assert.equal(createDateDetector().find(line, NOW), undefined);
  assert.ok(createDateDetector().find(line, Date.UTC(2033, 0, 1)));
  // An old frozen "now" (2005) still accepts the years fail2ban started today accepts.
  assert.ok(createDateDetector().find('2029-01-02 03:04:05 x', NOW));
  assert.equal(
    createDateDetector({ startedAtMs: Date.UTC(2005, 0, 1) }).find('2012-01-02 03:04:05 x', NOW),
    undefined,
  );
});

test('template hits count the lines each template found, in the current order', () => {
  const detector = createDateDetector({ datepattern: '{^LN-BEG}' });
  detector.find('Aug 14 11:59:59 x', NOW);
  detector.find('Aug 14 11:59:58 x', NOW);
  detector.find('2005-08-14 11:59:59 x', NOW);
  const hits = detector.templateHits().filter((h) => h.hits > 0);
  assert.deepEqual(hits, [
    { template: '{^LN-BEG}[Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]', hits: 2 },
    { template: '{^LN-BEG}YYYY-MM-DD hh:mm:ss[.ffffff][zone]', hits: 1 },
  ]);
});
