import { test } from 'node:test';
import assert from 'node:assert/strict';

process.env.TZ = 'Europe/Paris';

const { compileDatePattern } = await import('../../../src/matching/dates/compile-date-pattern.js');
const { Fail2nftError } = await import('../../../src/core/errors.js');

const NOW = Date.UTC(2005, 7, 14, 10, 0, 0);
const STARTED = Date.UTC(2026, 0, 1);

/** [pattern, line, start, end, UTC ISO time or null] or [pattern, line, null] when nothing is found. */
type Case = [string, string, number, number, string | null] | [string, string, null];

function check(cases: Case[], options: { logtimezone?: string } = {}): void {
  for (const c of cases) {
    const [pattern, line] = c;
    const found = compileDatePattern(pattern, { ...options, startedAtMs: STARTED }).find(line, NOW);
    const label = `${pattern} on ${line}`;
    if (c[2] === null) {
      assert.equal(found, undefined, label);
      continue;
    }
    assert.ok(found, `nothing found: ${label}`);
    const time = found.timeMs === undefined ? null : new Date(found.timeMs).toISOString();
    assert.deepEqual([found.start, found.end, time], [c[2], c[3], c[4]], label);
  }
}

test('numeric directives accept one or two digits, the Ex forms exactly two, years four', () => {
  check([
    ['%Y-%m-%d %H:%M:%S', 'at 2024-3-9 7:05:03 x', 3, 19, '2024-03-09T06:05:03.000Z'],
    ['%y%m%d %H%M%S', '240309 070503', 0, 13, '2024-03-09T06:05:03.000Z'],
    ['%Exy%Exm%Exd', 'x 991231 y', 2, 8, '2099-12-30T23:00:00.000Z'],
    ['%d.%m.%Y', '9.3.2024', 0, 8, '2024-03-08T23:00:00.000Z'],
    ['%Exd.%Exm.%ExY %ExH:%ExM:%ExS', '09.03.2024 07:05:03', 0, 19, '2024-03-09T06:05:03.000Z'],
    ['%Y-%m-%d %H:%M:%S.%f', '2024-03-09 07:05:03.123456', 0, 26, '2024-03-09T06:05:03.000Z'],
  ]);
});

test('%ExY accepts 2000 up to the end of the decade three years after the service started', () => {
  check([
    ['%ExY', '2035', null],
    // A year alone is today's month and day in that year (then yesterday, as that is after now).
    ['%ExY', '2029', 0, 4, '2029-08-12T22:00:00.000Z'],
    ['%ExY', '1999', null],
  ]);
});

test('names: %a %A %b %B %p in any case, and they make the whole pattern ignore case', () => {
  check([
    ['%a %b %d %H:%M:%S %Y', 'SAT MAR 09 07:05:03 2024', 0, 24, '2024-03-09T06:05:03.000Z'],
    ['%A, %B %d, %Y %I:%M:%S %p', 'Saturday, March 09, 2024 07:05:03 pm', 0, 36, '2024-03-09T18:05:03.000Z'],
    ['%d/%b/%Y:%H:%M:%S', '09/mar/2024:07:05:03', 0, 20, '2024-03-09T06:05:03.000Z'],
  ]);
});

test('12-hour clocks: %I and %l with %p; 12 AM is midnight, 12 PM noon', () => {
  check([
    ['%b %d %l:%M %p', 'Mar 09  7:05 AM', 0, 15, '2005-03-09T06:05:00.000Z'],
    ['%b %d %I:%M %p', 'Mar 09 12:05 AM', 0, 15, '2005-03-08T23:05:00.000Z'],
    ['%b %d %I:%M %p', 'Mar 09 12:05 PM', 0, 15, '2005-03-09T11:05:00.000Z'],
    ['%Y-%m-%d %Exl:%M %p', '2024-03-09 11:05 pm', 0, 19, '2024-03-09T22:05:00.000Z'],
  ]);
});

test('%k and %Exk allow a space before the hour', () => {
  check([
    ['%Y-%m-%d %k:%M', '2024-03-09  7:05', 0, 16, '2024-03-09T06:05:00.000Z'],
    ['%Y-%m-%d %Exk:%M', '2024-03-09 07:05', 0, 16, '2024-03-09T06:05:00.000Z'],
  ]);
});

test('day of the year, week numbers with a weekday; %G %V %u are matched but not used', () => {
  check([
    ['%Y %j', '2024 069', 0, 8, '2024-03-08T23:00:00.000Z'],
    ['%Y %U %w', '2024 09 6', 0, 9, '2024-03-08T23:00:00.000Z'],
    ['%Y %W %a', '2024 09 Sat', 0, 11, '2024-03-01T23:00:00.000Z'],
    ['%G-%V-%u %H:%M', '2024-10-6 07:05', 0, 15, '2005-08-14T05:05:00.000Z'],
  ]);
});

test('the C locale composites %c, %x and %X', () => {
  check([
    ['%c', 'Sat Mar  9 07:05:03 2024', 0, 24, '2024-03-09T06:05:03.000Z'],
    ['%x %X', '03/09/24 07:05:03', 0, 17, '2024-03-09T06:05:03.000Z'],
  ]);
});

test('a zone in the line wins: %z offsets, %Z and %Exz abbreviations, %ExZ letters', () => {
  check([
    ['%H:%M:%S %z', '07:05:03 +0100', 0, 14, '2005-08-14T06:05:03.000Z'],
    ['%H:%M:%S %z', '07:05:03 -05:30', 0, 15, '2005-08-13T12:35:03.000Z'],
    ['%H:%M:%S %z', '07:05:03 +01', 0, 12, '2005-08-14T06:05:03.000Z'],
    ['%H:%M:%S %Z', '07:05:03 CEST', 0, 13, '2005-08-14T05:05:03.000Z'],
    ['%H:%M:%S %Z', '07:05:03 XYZ', 0, 12, null],
    ['%H:%M:%S %Exz', '07:05:03 CET+0100', 0, 17, '2005-08-14T05:05:03.000Z'],
    ['%H:%M:%S %ExZ', '07:05:03 A', 0, 10, '2005-08-14T06:05:03.000Z'],
  ]);
  check([['%H:%M:%S %z', '07:05:03 +0100', 0, 14, '2005-08-14T06:05:03.000Z']], { logtimezone: 'UTC-0500' });
});

test('logtimezone applies to dates without a zone', () => {
  check([['%Y-%m-%d %H:%M:%S', '2024-03-09 07:05:03', 0, 19, '2024-03-09T12:05:03.000Z']], {
    logtimezone: 'UTC-0500',
  });
  check([['%Y-%m-%d %H:%M:%S', '2024-03-09 07:05:03', 0, 19, '2024-03-09T07:05:03.000Z']], {
    logtimezone: 'UTC',
  });
});

test('missing parts are taken from now; impossible dates match but give no time', () => {
  check([
    ['%m/%d %H:%M', '03/09 07:05', 0, 11, '2005-03-09T06:05:00.000Z'],
    ['%H:%M', '09:30 x', 0, 5, '2005-08-14T07:30:00.000Z'],
    ['%Y-%m-%d %H:%M:%S', '2024-02-30 07:05:03', 0, 19, null],
    ['%Y-%m-%d %H:%M:%S', '2024-03-09 07:05:60', 0, 19, null],
  ]);
});

test('%% is a percent sign; regex syntax around directives works as in Python', () => {
  check([
    ['100%% %Y-%m-%d', '100% 2024-03-09', 0, 15, '2024-03-08T23:00:00.000Z'],
    ['%Y-%m-%d(?: %H:%M)?', '2024-03-09 x', 0, 10, '2024-03-08T23:00:00.000Z'],
    ['(?P<x>%Y)-%m-%d', '2024-03-09', 0, 10, '2024-03-08T23:00:00.000Z'],
    ['(?i)^DATE %Y-%m-%d', 'date 2024-03-09', 0, 15, '2024-03-08T23:00:00.000Z'],
  ]);
});

test('anchors and boundaries: ^, $, {^LN-BEG} (two non-word characters at most), {UNB} and **', () => {
  check([
    ['^%Y-%m-%d', 'x 2024-03-09', null],
    ['%Y-%m-%d$', 'x 2024-03-09', 2, 12, '2024-03-08T23:00:00.000Z'],
    ['{^LN-BEG}%Y-%m-%d', '[[2024-03-09] x', 2, 12, '2024-03-08T23:00:00.000Z'],
    ['{^LN-BEG}%Y-%m-%d', '[[[2024-03-09] x', null],
    ['%Y%m%d', 'x20240309y', null],
    ['{UNB}%Y%m%d', 'x20240309y', 1, 9, '2024-03-08T23:00:00.000Z'],
    ['**%Y%m%d**', 'x20240309y', 1, 9, '2024-03-08T23:00:00.000Z'],
  ]);
});

test('the cut span is the first unnamed group, else everything but a leading ^', () => {
  check([
    ['^date=(%Y-%m-%d) ', 'date=2024-03-09 x', 5, 15, '2024-03-08T23:00:00.000Z'],
    ['^date=%Y-%m-%d ', 'date=2024-03-09 x', 0, 15, '2024-03-08T23:00:00.000Z'],
  ]);
});

test('keywords: EPOCH, LEPOCH, {EPOCH} inside a pattern, TAI64N and {NONE}', () => {
  check([
    ['EPOCH', '1709964303 x', 0, 10, '2024-03-09T06:05:03.000Z'],
    ['^EPOCH', '[1709964303] x', 1, 11, '2024-03-09T06:05:03.000Z'],
    ['epoch', '1709964303 x', 0, 10, '2024-03-09T06:05:03.000Z'],
    ['LEPOCH', '1709964303250123 x', 0, 16, '2024-03-09T06:05:03.250Z'],
    ['x {EPOCH} y', 'a x 1709964303 y', 2, 16, '2024-03-09T06:05:03.000Z'],
    ['x {LEPOCH} y', 'a x 1709964303250 y', 2, 19, '2024-03-09T06:05:03.250Z'],
    ['TAI64N', 'x @4000000065ec0a1f00000000 y', 2, 27, '2024-03-09T07:05:03.000Z'],
    ['{NONE}', 'anything 2024-03-09', 0, 0, null],
  ]);
});

function rejects(pattern: string, mention: string): void {
  assert.throws(
    () => compileDatePattern(pattern),
    (error: unknown) => {
      assert.ok(error instanceof Fail2nftError, String(error));
      assert.equal(error.code, 'F2N_ERR_DATE_PATTERN');
      assert.ok(error.message.includes(mention), `${error.message} should mention ${mention}`);
      return true;
    },
  );
}

test('an invalid pattern is rejected with F2N_ERR_DATE_PATTERN naming the bad directive or construct', () => {
  rejects('%Y-%Q', '"%Q"');
  rejects('%Y 100%', 'unknown directive "%" (write %% for a literal percent sign) at offset 6');
  rejects('%Exq', '"%E"');
  rejects('%H:%M %H', 'redefinition of group name "H"');
  rejects('%Y-(%m', 'missing ), unterminated subpattern');
  rejects('%Y [ab', 'unterminated character set');
  rejects('*%Y', 'nothing to repeat');
  rejects('%Y{3,1}', 'min repeat greater than max repeat');
  rejects('%Y \\q', 'bad escape \\q');
  rejects('(?x)%Y', 'verbose');
  rejects('%Y (?P=nope)', 'unknown group name "nope"');
  rejects('{^LN-BEG}', 'names a set of templates');
  // fail2ban strips the leading optional space of %k and then cannot compile the pattern.
  rejects('%k:%M', 'it starts with %k');
  rejects('{^LN-BEG}%Exl:%M', 'it starts with %Exl');
  assert.equal(compileDatePattern('^%k:%M').find(' 7:05 x', NOW)?.end, 5);
  assert.equal(compileDatePattern('%k:%M %p').find('7:05 pm', NOW)?.end, 7);
  rejects('[^\\[]*\\[({DATE})', 'names a set of templates');
});
