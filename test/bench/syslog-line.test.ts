import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSyslogTimestamp, formatTag, parseSyslogLine } from '../../bench/corpus/syslog-line.js';

test('timestamps are year-less, UTC, with the day padded by a space', () => {
  assert.equal(formatSyslogTimestamp(Date.UTC(2026, 10, 1, 0, 0, 7) / 1000), 'Nov  1 00:00:07');
  assert.equal(formatSyslogTimestamp(Date.UTC(2026, 11, 31, 23, 59, 59) / 1000 + 0.9), 'Dec 31 23:59:59');
});

test('a tag has [pid] only when the program logs one', () => {
  assert.equal(formatTag('postfix/smtpd', 123), 'postfix/smtpd[123]');
  assert.equal(formatTag('dovecot', undefined), 'dovecot');
});

test('a syslog line parses into its fields', () => {
  const parsed = parseSyslogLine(
    'Nov  1 00:00:07 mail postfix/submission/smtpd[4242]: connect from unknown[192.0.2.1]',
  );
  assert.deepEqual(parsed, {
    month: 11,
    day: 1,
    hour: 0,
    minute: 0,
    second: 7,
    host: 'mail',
    program: 'postfix/submission/smtpd',
    pid: 4242,
    message: 'connect from unknown[192.0.2.1]',
  });
  assert.equal(
    parseSyslogLine('Nov 21 10:00:00 gw sudo:    alice : TTY=pts/0')?.message,
    '   alice : TTY=pts/0',
  );
});

test('malformed lines do not parse', () => {
  for (const bad of [
    '',
    'Nov 1 00:00:07 mail x: y',
    'Nov 01 00:00:07 mail x: y',
    'Nov  1 24:00:07 mail x: y',
    'Foo  1 00:00:07 mail x: y',
    'Nov  1 00:00:07 mail x[12: y',
    'Nov  1 00:00:07 mail',
    '2026-11-01T00:00:07Z mail x: y',
  ]) {
    assert.equal(parseSyslogLine(bad), undefined, bad);
  }
});
