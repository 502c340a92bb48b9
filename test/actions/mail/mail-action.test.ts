import { test, after } from 'node:test';
import { rmSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { createChildProcessRunner } from '../../../src/actions/child-process-runner-io.js';
import { createMailAction } from '../../../src/actions/mail/mail-action.js';
import { mailVariantOf, type MailVariant } from '../../../src/actions/mail/mail-variant.js';
import { ManualClock } from '../../../src/core/clock.js';
import { runActionHandlerContract } from '../action-handler-contract.js';
import {
  ban,
  fakeSendmail,
  hostileValues,
  hostNames,
  recordedMails,
  spec,
  tempDir,
  writeScript,
  type TempDir,
} from '../action-test-kit.js';

const runner = createChildProcessRunner({ killGraceMs: 100, drainMs: 50 });
const clock = new ManualClock(Date.UTC(2026, 10, 21, 12));
const dirs: TempDir[] = [];
after(() => {
  for (const dir of dirs) dir.remove();
});

function newDir(): TempDir {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

function variant(file: string): MailVariant {
  const found = mailVariantOf(file);
  assert.ok(found !== undefined);
  return found;
}

/** A mail action of `file` whose sendmail is the fake one in `dir`. */
function mailAction(dir: TempDir, file: string, options: Record<string, string> = {}, findWhois?: string) {
  return createMailAction(
    spec(file, {
      dest: 'root@localhost',
      sender: 'fail2ban@<fq-hostname>',
      sendmailcmd: fakeSendmail(dir),
      ...options,
    }),
    variant(file),
    { runner, clock, jail: 'sshd', hostNames, findExecutable: () => findWhois },
  );
}

runActionHandlerContract('mail action', () => {
  const dir = tempDir();
  return { handler: mailAction(dir, 'sendmail'), cleanup: () => dir.remove() };
});

test('sendmail: start, ban and stop each send one mail through sendmail -t -i -f sender', async () => {
  const dir = newDir();
  const action = mailAction(dir, 'sendmail');
  assert.equal(action.kind, 'mail');
  await action.start();
  await action.ban(ban());
  await action.unban({ jail: 'sshd', address: '192.0.2.7', family: 4 });
  await action.stop();
  const mails = recordedMails(dir);
  assert.equal(mails.length, 3);
  for (const mail of mails) assert.deepEqual(mail.argv, ['-t', '-i', '-f', 'fail2ban@mx1.example.org']);
  assert.match(
    mails[0]?.message ?? '',
    /^From: "Fail2Ban" <fail2ban@mx1\.example\.org>\nTo: root@localhost\nSubject: \[fail2nft\] sshd: started on mx1\.example\.org\nDate: Sat, 21 Nov 2026 12:00:00 \+0000\n/,
  );
  assert.match(
    mails[1]?.message ?? '',
    /Subject: \[fail2nft\] sshd: banned 192\.0\.2\.7 on mx1\.example\.org\n/,
  );
  assert.match(mails[1]?.message ?? '', /banned 192\.0\.2\.7 in jail sshd after 5 failures/);
  assert.ok(!(mails[1]?.message ?? '').includes('Whois'));
  assert.match(mails[2]?.message ?? '', /Subject: \[fail2nft\] sshd: stopped on/);
});

test('sendmail-whois adds the whois answer, or says whois is not installed', async () => {
  const dir = newDir();
  const whois = writeScript(dir, 'whois', 'echo "netname: EXAMPLE-NET ($1)"');
  await mailAction(dir, 'sendmail-whois', {}, whois).ban(ban());
  await mailAction(dir, 'sendmail-whois', {}, undefined).ban(ban());
  await mailAction(dir, 'sendmail-whois', { whoiscmd: whois }, undefined).ban(ban());
  const [found, missing, configured] = recordedMails(dir).map((mail) => mail.message);
  assert.match(found ?? '', /Whois information for 192\.0\.2\.7:\n\nnetname: EXAMPLE-NET \(192\.0\.2\.7\)\n/);
  assert.match(missing ?? '', /whois is not installed on mx1\.example\.org/);
  assert.match(configured ?? '', /netname: EXAMPLE-NET/);
});

test('sendmail-whois-lines lists the failure lines, hostile ones as plain text', async () => {
  const dir = newDir();
  const marker = dir.file('pwned');
  const lines = hostileValues.map((value) => value.replaceAll('MARKER', marker).replaceAll('\n', ' '));
  const outcome = await mailAction(dir, 'sendmail-whois-lines').ban(ban({ matches: lines }));
  assert.equal(outcome.ok, true);
  const message = recordedMails(dir)[0]?.message ?? '';
  assert.ok(message.includes(`Log lines with failures of 192.0.2.7:\n\n${lines.join('\n')}\n`));
  assert.equal(dir.exists('pwned'), false);
});

test('a log line cannot add a header or end the message early', async () => {
  const dir = newDir();
  await mailAction(dir, 'sendmail-whois-matches').ban(
    ban({ matches: ['x\r\nBcc: evil@example.org', '.', 'Subject: forged'] }),
  );
  const message = recordedMails(dir)[0]?.message ?? '';
  const headers = message.slice(0, message.indexOf('\n\n'));
  assert.ok(!headers.includes('evil') && !headers.includes('forged'));
  assert.ok(message.includes('\n.\nSubject: forged\n'), 'the lone dot is kept as text (sendmail -i)');
});

test('sendmail-buffered sends one summary per `lines` bans and the rest at stop', async () => {
  const dir = newDir();
  const action = mailAction(dir, 'sendmail-buffered', { lines: '2' });
  assert.equal(action.canFlush, true);
  await action.start();
  assert.deepEqual(await action.ban(ban({ address: '192.0.2.1' })), {
    ok: true,
    operation: 'ban',
    skipped: 'buffered',
  });
  assert.equal((await action.ban(ban({ address: '192.0.2.2' }))).ok, true);
  await action.ban(ban({ address: '192.0.2.3' }));
  await action.stop();
  const mails = recordedMails(dir).map((mail) => mail.message);
  assert.equal(mails.length, 4);
  assert.match(mails[0] ?? '', /one summary mail per 2 bans/);
  assert.match(mails[1] ?? '', /Subject: \[fail2nft\] sshd: 2 bans on mx1\.example\.org/);
  assert.match(mails[1] ?? '', /192\.0\.2\.1 {2}\(5 failures\)\n.*192\.0\.2\.2/);
  assert.match(mails[2] ?? '', /sshd: 1 bans on .*\n[\s\S]*192\.0\.2\.3/);
  assert.match(mails[3] ?? '', /stopped on/);
});

test('flush sends the buffered bans; nothing buffered sends nothing', async () => {
  const dir = newDir();
  const action = mailAction(dir, 'mail-buffered');
  assert.deepEqual(await action.flush(), { ok: true, operation: 'flush', skipped: 'empty' });
  await action.ban(ban());
  assert.equal((await action.flush()).ok, true);
  assert.equal(recordedMails(dir).length, 1);
});

test('buffered bans are kept when sendmail fails and sent with the next summary', async () => {
  const dir = newDir();
  const down = dir.file('down');
  const flaky = writeScript(
    dir,
    'flaky-sendmail',
    `if [ -f ${down} ]; then exit 75; fi\nexec ${fakeSendmail(dir)} "$@"`,
  );
  writeFileSync(down, '');
  const action = mailAction(dir, 'sendmail-buffered', { lines: '1', sendmailcmd: flaky });
  const outcome = await action.ban(ban({ address: '192.0.2.1' }));
  assert.equal(!outcome.ok && outcome.error.code, 'F2N_ERR_ACTION_COMMAND_FAILED');
  assert.match(!outcome.ok ? outcome.error.message : '', /flaky-sendmail failed with exit status 75/);
  rmSync(down);
  assert.equal((await action.ban(ban({ address: '192.0.2.2' }))).ok, true);
  const last = recordedMails(dir).at(-1)?.message ?? '';
  assert.match(last, /192\.0\.2\.1 [\s\S]*192\.0\.2\.2 /);
});

test('mail and mail-whois are delivered through sendmail too, without -f when there is no sender', async () => {
  const dir = newDir();
  const action = createMailAction(
    spec('mail', { dest: 'root', sendmailcmd: fakeSendmail(dir), norestored: 'true' }),
    variant('mail'),
    { runner, clock, jail: 'sshd', hostNames },
  );
  assert.deepEqual(await action.ban(ban({ restored: true })), {
    ok: true,
    operation: 'ban',
    skipped: 'restored',
  });
  await action.ban(ban());
  const mail = recordedMails(dir)[0];
  assert.deepEqual(mail?.argv, ['-t', '-i']);
  assert.ok(mail?.message.startsWith('To: root\nSubject: [fail2nft] sshd: banned 192.0.2.7'));
});

test('a sendmail that hangs is killed at the action timeout', async () => {
  const dir = newDir();
  const slow = writeScript(dir, 'slow-sendmail', 'sleep 30');
  const action = mailAction(dir, 'sendmail', { sendmailcmd: slow, timeout: '0.2' });
  const outcome = await action.ban(ban());
  assert.equal(!outcome.ok && outcome.error.code, 'F2N_ERR_ACTION_TIMEOUT');
});

test('a missing sendmail is an F2N_ERR_ACTION_SPAWN outcome naming it', async () => {
  const dir = newDir();
  const outcome = await mailAction(dir, 'sendmail', { sendmailcmd: dir.file('nope') }).ban(ban());
  assert.equal(!outcome.ok && outcome.error.code, 'F2N_ERR_ACTION_SPAWN');
  assert.match(!outcome.ok ? outcome.error.message : '', /cannot start .*nope/);
});
