import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { createActionRunner, type ActionReport } from '../../src/actions/action-runner.js';
import { createChildProcessRunner } from '../../src/actions/child-process-runner-io.js';
import type { ProcessRunner } from '../../src/actions/process-runner.js';
import { quoteShellWord } from '../../src/actions/quote-shell-word.js';
import { ManualClock } from '../../src/core/clock.js';
import { loadConfigOrThrow } from '../../src/config/index.js';
import {
  ban,
  fakeSendmail,
  hostNames,
  recordedMails,
  spec,
  tempDir,
  writeScript,
  type TempDir,
} from './action-test-kit.js';

const clock = new ManualClock(Date.UTC(2026, 10, 21, 12));
const realRunner = createChildProcessRunner({ killGraceMs: 100, drainMs: 50 });
const dirs: TempDir[] = [];
after(() => {
  for (const dir of dirs) dir.remove();
});
function newDir(): TempDir {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

/** A runner whose processes finish only when release() is called; it records peak concurrency. */
function gatedRunner() {
  let active = 0;
  let peak = 0;
  let calls = 0;
  let open = false;
  let waiters: (() => void)[] = [];
  const runner: ProcessRunner = async () => {
    calls++;
    active++;
    peak = Math.max(peak, active);
    if (!open) await new Promise<void>((resolve) => waiters.push(resolve));
    active--;
    return { exitCode: 0, signal: null, timedOut: false, stdout: '', stderr: '', truncated: false };
  };
  return {
    runner,
    get peak() {
      return peak;
    },
    get calls() {
      return calls;
    },
    release() {
      open = true;
      const list = waiters;
      waiters = [];
      for (const resolve of list) resolve();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('every jail gets its actions except the skipped ones; broken actions are problems, not crashes', () => {
  const runner = createActionRunner({
    actions: {
      sshd: [spec('nftables', { actionban: 'nft add' }), spec('dummy', { actionban: 'true' })],
      postfix: [
        spec('smtp.py', {}),
        spec('custom', { actionban: 'true', timeout: 'never' }),
        spec('sendmail', { dest: 'root' }),
      ],
    },
    skip: (file) => file.startsWith('nftables'),
    runner: realRunner,
    clock,
    hostNames,
  });
  assert.deepEqual(
    runner.handlers.map((handler) => `${handler.jail}/${handler.file}/${handler.kind}`),
    ['sshd/dummy/command', 'postfix/sendmail/mail'],
  );
  assert.deepEqual(
    runner.problems.map((problem) => problem.code),
    ['F2N_ERR_ACTION_UNSUPPORTED', 'F2N_ERR_ACTION_BAD_OPTION'],
  );
});

test('a ban goes to each action of its jail only, and every outcome is reported and counted', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const reports: ActionReport[] = [];
  const runner = createActionRunner({
    actions: new Map([
      ['sshd', [spec('a', { actionban: `echo a <ip> >> ${log}` }), spec('b', { actionban: 'exit 1' })]],
      ['postfix', [spec('c', { actionban: `echo c <ip> >> ${log}` })]],
    ]),
    runner: realRunner,
    clock,
    hostNames,
    onOutcome: (report) => reports.push(report),
  });
  await runner.ban(ban());
  await runner.ban(ban({ jail: 'unknown' }));
  await runner.idle();
  assert.equal(dir.read('log'), 'a 192.0.2.7\n');
  assert.deepEqual(reports.map((report) => `${report.action}:${report.outcome.ok}`).sort(), [
    'a:true',
    'b:false',
  ]);
  assert.deepEqual(
    runner.stats().map(({ jail, action, runs, failures }) => ({ jail, action, runs, failures })),
    [
      { jail: 'sshd', action: 'a', runs: 1, failures: 0 },
      { jail: 'sshd', action: 'b', runs: 1, failures: 1 },
      { jail: 'postfix', action: 'c', runs: 0, failures: 0 },
    ],
  );
});

test('operations across all actions run at most `concurrency` at a time', async () => {
  const gated = gatedRunner();
  const actions = Object.fromEntries(
    ['j1', 'j2', 'j3'].map((jail) => [jail, [1, 2, 3].map((n) => spec(`a${n}`, { actionban: 'true' }))]),
  );
  const runner = createActionRunner({ actions, runner: gated.runner, clock, hostNames, concurrency: 2 });
  for (const jail of ['j1', 'j2', 'j3']) await runner.ban(ban({ jail }));
  await settle();
  assert.equal(gated.peak, 2);
  gated.release();
  await runner.idle();
  assert.equal(gated.calls, 9);
  assert.equal(gated.peak, 2);
});

test('a full action queue makes ban() wait instead of dropping anything', async () => {
  const gated = gatedRunner();
  const runner = createActionRunner({
    actions: { sshd: [spec('slow', { actionban: 'true' })] },
    runner: gated.runner,
    clock,
    hostNames,
    maxQueued: 2,
  });
  await runner.ban(ban({ address: '192.0.2.1' }));
  await runner.ban(ban({ address: '192.0.2.2' }));
  let accepted = false;
  const third = runner.ban(ban({ address: '192.0.2.3' })).then(() => (accepted = true));
  await settle();
  assert.equal(accepted, false, 'the caller waits while the queue is full');
  assert.equal(runner.stats()[0]?.backlog, 2);
  gated.release();
  await third;
  await runner.idle();
  assert.equal(gated.calls, 3);
  assert.equal(runner.stats()[0]?.runs, 3);
});

test('stop flushes where it can, unbans each active ban where it cannot, then stops in reverse order', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const runner = createActionRunner({
    actions: {
      sshd: [
        spec('first', {
          actionstart: `echo start first >> ${log}`,
          actionflush: `echo flush first >> ${log}`,
          actionstop: `echo stop first >> ${log}`,
        }),
        spec('second', {
          actionunban: `echo unban second <ip> >> ${log}`,
          actionstop: `echo stop second >> ${log}`,
        }),
      ],
    },
    runner: realRunner,
    clock,
    hostNames,
  });
  const started = await runner.start();
  assert.equal(started.length, 2);
  const reports = await runner.stop({
    activeBans: () => [
      { jail: 'sshd', address: '192.0.2.1', family: 4 },
      { jail: 'sshd', address: '192.0.2.2', family: 4 },
    ],
  });
  await runner.idle();
  assert.equal(
    dir.read('log'),
    'start first\nflush first\nunban second 192.0.2.1\nunban second 192.0.2.2\nstop second\nstop first\n',
  );
  assert.deepEqual(
    reports.map((report) => `${report.action}:${report.outcome.operation}`),
    ['first:flush', 'second:stop', 'first:stop'],
  );
});

test("Debian's fail2ban action files load and run: dummy as commands, sendmail-whois natively", async (t) => {
  if (!existsSync('/etc/fail2ban/action.d/dummy.conf')) {
    t.skip('fail2ban is not installed (/etc/fail2ban/action.d missing)');
    return;
  }
  const dir = newDir();
  const config = dir.file('etc');
  cpSync('/etc/fail2ban', config, { recursive: true });
  const sendmail = fakeSendmail(dir);
  const whois = writeScript(dir, 'whois', 'echo "netname: EXAMPLE ($1)"');
  writeFileSync(
    `${config}/jail.local`,
    '[sshd]\nenabled = true\n' +
      `action = iptables-multiport\n` +
      `         dummy[target="${dir.file('dummy')}"]\n` +
      `         sendmail-whois-lines[dest="ops@example.org", sender="f2b@<fq-hostname>", sendmailcmd="${sendmail}", whoiscmd="${whois}"]\n`,
  );
  const jail = loadConfigOrThrow(config).jails.find((candidate) => candidate.name === 'sshd');
  assert.ok(jail !== undefined);
  const runner = createActionRunner({
    actions: { sshd: jail.actions },
    skip: (file) => file.startsWith('iptables'),
    runner: realRunner,
    clock,
    hostNames,
  });
  assert.deepEqual(runner.problems, []);
  assert.deepEqual(
    runner.handlers.map((handler) => `${handler.file}:${handler.kind}`),
    ['dummy:command', 'sendmail-whois-lines:mail'],
  );
  for (const report of await runner.start()) assert.equal(report.outcome.ok, true, JSON.stringify(report));
  await runner.ban(ban({ matches: ['sshd[1]: Invalid user $(reboot) from 192.0.2.7 port 22'] }));
  await runner.idle();
  assert.equal(dir.read('dummy'), '123\n+192.0.2.7\n');
  const mails = recordedMails(dir);
  assert.equal(mails.length, 2);
  assert.deepEqual(mails[1]?.argv, ['-t', '-i', '-f', 'f2b@mx1.example.org']);
  assert.match(mails[1]?.message ?? '', /^From: "Fail2Ban" <f2b@mx1\.example\.org>\nTo: ops@example\.org\n/);
  assert.match(mails[1]?.message ?? '', /netname: EXAMPLE \(192\.0\.2\.7\)/);
  assert.match(mails[1]?.message ?? '', /Invalid user \$\(reboot\) from 192\.0\.2\.7/);
  await runner.stop();
  assert.equal(existsSync(dir.file('dummy')), false, 'dummy removes its file at stop');
});
