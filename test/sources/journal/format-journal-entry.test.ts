// Expected lines were checked against fail2ban's systemd backend formatting (same fields, UTC).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatJournalDate,
  formatJournalEntry,
  journalFieldText,
  type FormatJournalOptions,
} from '../../../src/sources/journal/format-journal-entry.js';

const utc: FormatJournalOptions = { dateStyle: 'iso', utcOffsetMinutes: () => 0 };

test('host, identifier, pid and message make the line; the ISO date keeps microseconds when there are some', () => {
  const line = formatJournalEntry(
    {
      _HOSTNAME: 'mx1',
      SYSLOG_IDENTIFIER: 'sshd',
      _PID: '0x1f',
      MESSAGE: 'Failed password\nsecond part',
      __REALTIME_TIMESTAMP: '1742616671123456',
    },
    utc,
  );
  assert.deepEqual(line, {
    text: '2025-03-22T04:11:11.123456 mx1 sshd[31]: Failed password\\nsecond part',
    timeMs: 1742616671123.456,
  });
});

test('_COMM stands in for a missing identifier; a pid Python cannot read as a number is kept as written', () => {
  const line = formatJournalEntry(
    {
      _HOSTNAME: 'mx1',
      _COMM: 'smtpd',
      SYSLOG_PID: '010',
      MESSAGE: ['part one', 'part two'],
      __REALTIME_TIMESTAMP: '1742616671000000',
    },
    utc,
  );
  assert.equal(line?.text, '2025-03-22T04:11:11 mx1 smtpd[010]: part one part two');
});

test('SYSLOG_PID wins over _PID, and an empty identifier falls back to _COMM', () => {
  const line = formatJournalEntry(
    {
      SYSLOG_IDENTIFIER: '',
      _COMM: 'dovecot',
      SYSLOG_PID: '77',
      _PID: '1',
      MESSAGE: 'm',
      __REALTIME_TIMESTAMP: '1000000',
    },
    utc,
  );
  assert.equal(line?.text, '1970-01-01T00:00:01 dovecot[77]: m');
});

test('kernel entries carry their monotonic time in seconds', () => {
  const line = formatJournalEntry(
    {
      SYSLOG_IDENTIFIER: 'kernel',
      MESSAGE: 'dropped',
      __MONOTONIC_TIMESTAMP: '12345678',
      __REALTIME_TIMESTAMP: '1742616671000001',
    },
    utc,
  );
  assert.equal(line?.text, '2025-03-22T04:11:11.000001 kernel: [   12.345678] dropped');
});

test('the source time wins over the receive time; an entry without identifier is the bare message', () => {
  const line = formatJournalEntry(
    {
      MESSAGE: 'bare',
      __REALTIME_TIMESTAMP: '1742616671000000',
      _SOURCE_REALTIME_TIMESTAMP: '1742616600500000',
    },
    utc,
  );
  assert.deepEqual(line, { text: '2025-03-22T04:10:00.500000 bare', timeMs: 1742616600500 });
});

test('a message of raw bytes is decoded as UTF-8', () => {
  const bytes = [...Buffer.from('caf\u00e9 \u00fcber')];
  const line = formatJournalEntry({ MESSAGE: bytes, __REALTIME_TIMESTAMP: '1000000' }, utc);
  assert.equal(line?.text, '1970-01-01T00:00:01 caf\u00e9 \u00fcber');
});

test('an entry without any timestamp gives no line', () => {
  assert.equal(formatJournalEntry({ MESSAGE: 'x' }, utc), undefined);
  assert.equal(formatJournalEntry({ MESSAGE: 'x', __REALTIME_TIMESTAMP: 'soon' }, utc), undefined);
});

test('a missing or left-out (null) message gives an empty message', () => {
  assert.equal(
    formatJournalEntry({ SYSLOG_IDENTIFIER: 'app', MESSAGE: null, __REALTIME_TIMESTAMP: '1000000' }, utc)
      ?.text,
    '1970-01-01T00:00:01 app: ',
  );
});

test('dates are written in local time given by the offset, ISO or syslog style', () => {
  const cet: FormatJournalOptions = { dateStyle: 'iso', utcOffsetMinutes: () => 60 };
  assert.equal(formatJournalDate(1742616671000000, cet), '2025-03-22T05:11:11');
  const syslog: FormatJournalOptions = { dateStyle: 'syslog', utcOffsetMinutes: () => 0 };
  assert.equal(formatJournalDate(1741320671000000, syslog), 'Mar  7 04:11:11');
  assert.equal(formatJournalDate(1742616671000000, syslog), 'Mar 22 04:11:11');
});

test('field values: text, bytes, several values, and anything else', () => {
  assert.equal(journalFieldText('a'), 'a');
  assert.equal(journalFieldText([104, 105]), 'hi');
  assert.equal(journalFieldText(['a', [98]]), 'a b');
  assert.equal(journalFieldText(null), undefined);
  assert.equal(journalFieldText(5), undefined);
});
