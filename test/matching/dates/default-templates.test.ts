import { test } from 'node:test';
import assert from 'node:assert/strict';

process.env.TZ = 'Europe/Paris';

const { createDateDetector } = await import('../../../src/matching/dates/date-detector.js');
const { DEFAULT_TEMPLATE_SPECS, defaultTemplateList, defaultTemplates } =
  await import('../../../src/matching/dates/default-templates.js');

const NOW = Date.UTC(2005, 7, 14, 10, 0, 0);

/** [line, start, end, time as UTC ISO or null for "found but no valid time"], or [line, null] for "no date". */
type Case = [string, number, number, string | null] | [string, null];

function check(cases: Case[], now = NOW): void {
  for (const c of cases) {
    const found = createDateDetector({ startedAtMs: Date.UTC(2026, 0, 1) }).find(c[0], now);
    if (c[1] === null) {
      assert.equal(found, undefined, c[0]);
      continue;
    }
    assert.ok(found, `no date found in ${c[0]}`);
    assert.deepEqual(
      [found.start, found.end, found.timeMs === undefined ? null : new Date(found.timeMs).toISOString()],
      [c[1], c[2], c[3]],
      c[0],
    );
  }
}

test('there are 17 default templates in fail2ban order, and 14 line-begin copies come first', () => {
  assert.equal(DEFAULT_TEMPLATE_SPECS.length, 17);
  const originals = defaultTemplates().map((t) => t.name);
  assert.deepEqual(originals, [
    'YYYY-MM-DD hh:mm:ss[.ffffff][zone]',
    '[Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]',
    '[Www ]Mmm dd yyyy hh:mm:ss[.ffffff]',
    'dd-mm-yy[yy] hh:mm:ss',
    'dd/Mmm/yyyy:hh:mm:ss[.ffffff][ zone]',
    'mm/dd/yyyy:hh:mm:ss',
    'mm-dd-yyyy hh:mm:ss[.ffffff]',
    'Epoch',
    '{^LN-BEG}hh:mm:ss',
    '^<mm/dd/yy@hh:mm:ss>',
    'yymmdd hh:mm:ss',
    'Mmm dd, yyyy hh:mm:ss AM',
    '^Mmm-dd-yy hh:mm:ss',
    'YYYYMMDD[T ]hhmmss[.ffffff][zone]',
    '[ZONE ][Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]',
    '[+hh:mm ][Www ]Mmm dd hh:mm:ss[.ffffff][ yyyy]',
    'TAI64N',
  ]);
  const all = defaultTemplateList();
  assert.equal(all.length, 31);
  const copies = all.slice(0, 14);
  assert.ok(copies.every((t) => t.name.startsWith('{^LN-BEG}') && t.weight === 100 && t.lineBegin));
  assert.deepEqual(
    all.slice(14).map((t) => t.name),
    originals,
  );
  assert.deepEqual(
    all
      .filter((t) => t.lineBegin)
      .map((t) => t.name)
      .slice(14),
    ['{^LN-BEG}hh:mm:ss', '^<mm/dd/yy@hh:mm:ss>', '^Mmm-dd-yy hh:mm:ss'],
  );
});

test('ISO 8601 dates: any of - / . between the parts (the same twice), T or one or two spaces, fraction and zone', () => {
  check([
    ['2024-03-09T07:05:03.250+01:00 gw sshd[7]: x', 0, 29, '2024-03-09T06:05:03.000Z'],
    ['2024/03/09 07:05:03 web: x', 0, 19, '2024-03-09T06:05:03.000Z'],
    ['2024.03.09  7:05:03 x', 0, 19, '2024-03-09T06:05:03.000Z'],
    ['2024-03/09 07:05:03 x', null],
    ['client x: 2024-03-09 07:05:03 y', 10, 29, '2024-03-09T06:05:03.000Z'],
  ]);
});

test('syslog and asctime dates, with optional weekday, fraction and trailing or middle year', () => {
  check([
    ['Mar  9 07:05:03 gw sshd[7]: x', 0, 15, '2005-03-09T06:05:03.000Z'],
    ['Sat Mar 09 07:05:03.123 2024 x', 0, 28, '2024-03-09T06:05:03.000Z'],
    ['Sat Mar 09 2024 07:05:03 x', 0, 24, '2024-03-09T06:05:03.000Z'],
  ]);
});

test('day-first, Apache, cPanel and month-first dates', () => {
  check([
    ['09/03/2024 07:05:03 x', 0, 19, '2024-03-09T06:05:03.000Z'],
    ['09-03-24 7:05:03 x', 0, 16, '2024-03-09T06:05:03.000Z'],
    ['[09/Mar/2024:07:05:03 +0100] x', 1, 27, '2024-03-09T06:05:03.000Z'],
    ['09-Mar-2024 07:05:03.250 x', 0, 24, '2024-03-09T06:05:03.000Z'],
    ['03/09/2024:07:05:03 x', 0, 19, '2024-03-09T06:05:03.000Z'],
    ['03-29-2024 07:05:03.250 x', 0, 23, '2024-03-29T06:05:03.000Z'],
  ]);
});

test('epoch seconds at the line start, after a leading [ or inside audit( keep their fraction', () => {
  check([
    ['1709964303 x', 0, 10, '2024-03-09T06:05:03.000Z'],
    ['[1709964303.5] x', 1, 11, '2024-03-09T06:05:03.000Z'],
    ['node=a type=AVC msg=audit(1709964303.250:77): x', 26, 40, '2024-03-09T06:05:03.250Z'],
  ]);
});

test('a time of day alone is today, or yesterday when that time is still to come', () => {
  check([
    ['07:05:03 x', 0, 8, '2005-08-14T05:05:03.000Z'],
    ['09:00:00 x', 0, 8, '2005-08-14T07:00:00.000Z'],
    ['13:00:00 x', 0, 8, '2005-08-13T11:00:00.000Z'],
    ['x 20:00:00 y', null],
  ]);
});

test('the remaining formats: <m/d/y@time>, MySQL, Tomcat, ASSP, compact ISO, zone-prefixed syslog, TAI64N', () => {
  check([
    ['<03/09/24@07:05:03> x', 0, 19, '2024-03-09T06:05:03.000Z'],
    ['240309  7:05:03 x', 0, 15, '2024-03-09T06:05:03.000Z'],
    ['Mar 9, 2024 7:05:03 PM x', 0, 22, '2024-03-09T18:05:03.000Z'],
    ['Mar-09-24 07:05:03 x', 0, 18, '2024-03-09T06:05:03.000Z'],
    ['20240309T070503Z x', 0, 16, '2024-03-09T07:05:03.000Z'],
    ['PST Mar  9 07:05:03 x', 0, 19, '2005-03-09T15:05:03.000Z'],
    ['-0800 Mar  9 07:05:03 x', 0, 21, '2005-03-09T15:05:03.000Z'],
    ['@4000000065ec0a1f00000000 x', 0, 25, '2024-03-09T07:05:03.000Z'],
  ]);
});

test('a year-less date more than a day after now belongs to the year before', () => {
  check([
    ['Aug 14 12:00:00 x', 0, 15, '2005-08-14T10:00:00.000Z'],
    ['Aug 15 11:00:00 x', 0, 15, '2005-08-15T09:00:00.000Z'],
    ['Aug 15 12:30:00 x', 0, 15, '2004-08-15T10:30:00.000Z'],
    ['Dec 31 23:59:59 x', 0, 15, '2004-12-31T22:59:59.000Z'],
  ]);
});

test('Feb 29 without a year is read in the current year, and is no date when that year has none', () => {
  check([['Feb 29 10:00:00 x', 0, 15, '2012-02-29T09:00:00.000Z']], Date.UTC(2012, 1, 29, 12));
  check([['Feb 29 10:00:00 x', 0, 15, null]], Date.UTC(2013, 1, 28, 12));
});

test('a fresh detector prefers the nearest date, even a word that only looks like a zone (as fail2ban does)', () => {
  // "from" passes for %Z because month names make the template ignore case; it is no zone, so no time.
  check([['message from Mar  9 07:05:03 y', 8, 28, null]]);
});
