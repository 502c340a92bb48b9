import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cleanBody,
  composeMailMessage,
  encodeSubject,
  formatMailDate,
  headerValue,
} from '../../../src/actions/mail/compose-mail-message.js';

test('a message has From, To, Subject, Date and a UTF-8 plain text body', () => {
  const message = composeMailMessage({
    from: '"Fail2Ban" <fail2ban@mx1.example.org>',
    to: ['root', 'ops@example.org'],
    subject: '[fail2nft] sshd: banned 192.0.2.7 on mx1.example.org',
    dateMs: Date.UTC(2026, 10, 21, 10, 11, 12),
    body: 'Hello,\n\ntext',
  });
  assert.equal(
    message,
    'From: "Fail2Ban" <fail2ban@mx1.example.org>\n' +
      'To: root, ops@example.org\n' +
      'Subject: [fail2nft] sshd: banned 192.0.2.7 on mx1.example.org\n' +
      'Date: Sat, 21 Nov 2026 10:11:12 +0000\n' +
      'MIME-Version: 1.0\n' +
      'Content-Type: text/plain; charset=UTF-8\n' +
      'Content-Transfer-Encoding: 8bit\n' +
      'Auto-Submitted: auto-generated\n' +
      '\n' +
      'Hello,\n\ntext\n',
  );
});

test('without a sender there is no From header (sendmail fills it in)', () => {
  const message = composeMailMessage({ to: ['root'], subject: 's', dateMs: 0, body: 'b' });
  assert.ok(message.startsWith('To: root\n'));
});

test('no value can add a header: line breaks in header values become spaces', () => {
  assert.equal(headerValue('x\r\nBcc: evil@example.org'), 'x Bcc: evil@example.org');
  const message = composeMailMessage({ to: ['root'], subject: 'a\nBcc: evil', dateMs: 0, body: '' });
  assert.ok(!/^Bcc:/m.test(message));
});

test('a non-ASCII subject is RFC 2047 encoded in short words', () => {
  const encoded = encodeSubject('Jail für Österreich — ünïcödé '.repeat(3));
  assert.match(encoded, /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=(\n =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=)+$/);
  const decoded = encoded
    .split('\n ')
    .map((word) => Buffer.from(word.slice(10, -2), 'base64').toString('utf8'))
    .join('');
  assert.equal(
    decoded,
    'Jail für Österreich — ünïcödé Jail für Österreich — ünïcödé Jail für Österreich — ünïcödé',
  );
  assert.equal(encodeSubject('plain'), 'plain');
});

test('the body loses control characters and CRs, and over-long lines are cut', () => {
  assert.equal(cleanBody('a\r\nb\u0007c\td\u001b[31m'), 'a\nbc\td[31m');
  const cut = cleanBody('x'.repeat(2000));
  assert.equal(cut.length, 993);
});

test('dates are RFC 5322 in UTC', () => {
  assert.equal(formatMailDate(Date.UTC(2026, 0, 5, 3, 4, 5)), 'Mon, 5 Jan 2026 03:04:05 +0000');
});
