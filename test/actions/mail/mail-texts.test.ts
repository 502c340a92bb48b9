import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  banMail,
  describeBanTime,
  startedMail,
  stoppedMail,
  summaryMail,
} from '../../../src/actions/mail/mail-texts.js';
import { ban } from '../action-test-kit.js';

const context = { jail: 'sshd', host: 'mx1.example.org', subjectPrefix: '[fail2nft]' };

test('start and stop mails name the jail and the host', () => {
  assert.equal(startedMail(context).subject, '[fail2nft] sshd: started on mx1.example.org');
  assert.match(startedMail(context).body, /started jail sshd on mx1\.example\.org/);
  assert.match(startedMail(context, 5).body, /one summary mail per 5 bans/);
  assert.equal(stoppedMail(context).subject, '[fail2nft] sshd: stopped on mx1.example.org');
  assert.equal(stoppedMail({ ...context, subjectPrefix: '' }).subject, 'sshd: stopped on mx1.example.org');
});

test('a ban mail gives the address, jail, failures, host and ban time', () => {
  const mail = banMail(context, ban({ banCount: 3 }), 'none', undefined);
  assert.equal(mail.subject, '[fail2nft] sshd: banned 192.0.2.7 on mx1.example.org');
  assert.match(mail.body, /banned 192\.0\.2\.7 in jail sshd after 5 failures/);
  assert.match(mail.body, /Ban time: 10m, from 2026-11-21 10:00:00 UTC\. This is ban number 3/);
  assert.ok(!mail.body.includes('Whois'));
  assert.ok(!mail.body.includes('Log lines'));
});

test('whois and failure-line variants add their sections', () => {
  const info = ban({
    matches: ['line one', 'line two'],
    ipMatches: ['all jails line'],
    ipFailures: 12,
    ipJailMatches: ['jail line'],
    ipJailFailures: 7,
  });
  const whois = banMail(context, info, 'matches', 'netname: EXAMPLE\n');
  assert.match(whois.body, /Whois information for 192\.0\.2\.7:\n\nnetname: EXAMPLE\n/);
  assert.match(whois.body, /Log lines with failures of 192\.0\.2\.7:\n\nline one\nline two\n/);
  assert.match(
    banMail(context, info, 'ipmatches', undefined).body,
    /in all jails \(12 failures\):\n\nall jails line/,
  );
  assert.match(
    banMail(context, info, 'ipjailmatches', undefined).body,
    /in jail sshd \(7 failures\):\n\njail line/,
  );
  assert.match(banMail(context, ban({ matches: [] }), 'matches', undefined).body, /\(none recorded\)/);
});

test('a summary lists each buffered ban with its time and failures', () => {
  const mail = summaryMail(context, [
    { address: '192.0.2.7', failures: 5, timeMs: Date.UTC(2026, 10, 21, 10) },
    { address: '2001:db8::1', failures: 3, timeMs: Date.UTC(2026, 10, 21, 11) },
  ]);
  assert.equal(mail.subject, '[fail2nft] sshd: 2 bans on mx1.example.org');
  assert.match(
    mail.body,
    /2026-11-21 10:00:00 UTC {2}192\.0\.2\.7 {2}\(5 failures\)\n2026-11-21 11:00:00 UTC {2}2001:db8::1/,
  );
  assert.match(summaryMail(context, [], 4).body, /4 earlier bans are not listed/);
});

test('ban times read as fail2ban users write them', () => {
  assert.equal(describeBanTime(-1), 'permanent');
  assert.equal(describeBanTime(600), '10m');
  assert.equal(describeBanTime(5400), '1h 30m');
  assert.equal(describeBanTime(90061), '1d 1h 1m 1s');
  assert.equal(describeBanTime(0), '0s');
});
