import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionOutcome } from '../../src/actions/action-handler.js';
import { createChildProcessRunner } from '../../src/actions/child-process-runner-io.js';
import { createCommandAction } from '../../src/actions/command-action.js';
import { quoteShellWord } from '../../src/actions/quote-shell-word.js';
import { ManualClock } from '../../src/core/clock.js';
import { Fail2nftError } from '../../src/core/errors.js';
import { runActionHandlerContract } from './action-handler-contract.js';
import { ban, hostileValues, hostNames, spec, tempDir, type TempDir } from './action-test-kit.js';

const runner = createChildProcessRunner({ killGraceMs: 200, drainMs: 50 });
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

/** A dummy-style action that logs each operation to `log` in the temp dir. */
function logging(dir: TempDir, extra: Record<string, string> = {}) {
  const log = quoteShellWord(dir.file('log'));
  return spec('dummy', {
    actionstart: `printf 'start <family> <name>\\n' >> ${log}`,
    actionban: `printf '+%s %s [%s] %s\\n' <ip> <failures> "<F-USER>" '<fq-hostname>' >> ${log}`,
    actionunban: `printf '%s\\n' '-<ip>' >> ${log}`,
    actionflush: `printf 'flush\\n' >> ${log}`,
    actionstop: `printf 'stop\\n' >> ${log}`,
    actioncheck: '',
    ...extra,
  });
}

function make(options: Record<string, string>) {
  return createCommandAction(spec('custom', options), { runner, clock, jail: 'sshd', hostNames });
}

const code = (outcome: ActionOutcome) => (outcome.ok ? undefined : outcome.error.code);

runActionHandlerContract('command action', () => {
  const dir = tempDir();
  return {
    handler: createCommandAction(logging(dir), { runner, clock, jail: 'sshd', hostNames }),
    cleanup: () => dir.remove(),
  };
});

test('start, ban, unban, flush and stop run their commands in order with the tags filled in', async () => {
  const dir = newDir();
  const action = createCommandAction(logging(dir), { runner, clock, jail: 'sshd', hostNames });
  assert.equal(action.kind, 'command');
  assert.equal(action.canFlush, true);
  await action.start();
  await action.ban(ban({ user: 'alice' }));
  await action.ban(ban({ address: '2001:db8::7', family: 6, failures: 3 }));
  await action.unban({ jail: 'sshd', address: '192.0.2.7', family: 4 });
  await action.flush();
  await action.stop();
  assert.equal(
    dir.read('log'),
    'start  sshd\n+192.0.2.7 5 [alice] mx1.example.org\n+2001:db8::7 3 [] mx1.example.org\n-192.0.2.7\nflush\nstop\n',
  );
});

test('hostile user names and log lines reach the command as data', async () => {
  const dir = newDir();
  const marker = dir.file('pwned');
  const out = quoteShellWord(dir.file('out'));
  const action = make({
    actionban: `printf '%s\\n' "<F-USER>" >> ${out}; printf '%s\\n' '<matches>' >> ${out}`,
  });
  for (const value of hostileValues.map((v) => v.replaceAll('MARKER', marker))) {
    const outcome = await action.ban(ban({ user: value, matches: [value, value] }));
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.equal(dir.exists('pwned'), false, JSON.stringify(value));
  }
  const expected = hostileValues
    .map((v) => v.replaceAll('MARKER', marker))
    .map((v) => `${v}\n${v}\n${v}\n`)
    .join('');
  assert.equal(dir.read('out'), expected);
});

test('a command that fails is retried once and then reported with its exit status and stderr', async () => {
  const dir = newDir();
  const count = quoteShellWord(dir.file('count'));
  const action = make({ actionban: `echo x >> ${count}; echo 'no such chain' >&2; exit 4` });
  const outcome = await action.ban(ban());
  assert.equal(code(outcome), 'F2N_ERR_ACTION_COMMAND_FAILED');
  assert.ok(!outcome.ok);
  assert.equal(outcome.error.details.exitCode, 4);
  assert.equal(outcome.error.details.stderr, 'no such chain\n');
  assert.match(
    outcome.error.message,
    /jail sshd, action custom, ban: actionban .* exit status 4: no such chain/,
  );
  assert.equal(dir.read('count'), 'x\nx\n');
  assert.deepEqual(action.stats(), { runs: 1, failures: 1, timeouts: 0, skipped: 0, backlog: 0 });
});

test('after a failed ban a failing actioncheck runs actionrepair before the retry', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const flag = quoteShellWord(dir.file('repaired'));
  const action = make({
    actionban: `echo ban >> ${log}; test -f ${flag}`,
    actioncheck: `echo check >> ${log}; test -f ${flag}`,
    actionrepair: `echo repair >> ${log}; touch ${flag}`,
  });
  assert.equal((await action.ban(ban())).ok, true);
  assert.equal(dir.read('log'), 'ban\ncheck\nrepair\nban\n');
});

test('without actionrepair a failing check restarts the action before the retry', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const flag = quoteShellWord(dir.file('started'));
  const action = make({
    actionstart: `echo start >> ${log}; touch ${flag}`,
    actionstop: `echo stop >> ${log}; rm -f ${flag}`,
    actioncheck: `echo check >> ${log}; test -f ${flag}`,
    actionban: `echo ban >> ${log}; test -f ${flag}`,
  });
  assert.equal((await action.ban(ban())).ok, true);
  assert.equal(dir.read('log'), 'ban\ncheck\nstop\nstart\nban\n');
});

test('a failed unban with a failing check is not repaired (fail2ban: unban is impossible)', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const action = make({
    actionunban: `echo unban >> ${log}; exit 1`,
    actioncheck: `echo check >> ${log}; exit 1`,
    actionrepair: `echo repair >> ${log}`,
  });
  assert.equal(
    code(await action.unban({ jail: 'sshd', address: '192.0.2.7', family: 4 })),
    'F2N_ERR_ACTION_COMMAND_FAILED',
  );
  assert.equal(dir.read('log'), 'unban\ncheck\n');
});

test('a command that hangs is killed at the action timeout and counted as a timeout', async () => {
  const action = make({ actionban: 'sleep 30', timeout: '0.3' });
  const started = performance.now();
  const outcome = await action.ban(ban());
  assert.equal(code(outcome), 'F2N_ERR_ACTION_TIMEOUT');
  assert.ok(performance.now() - started < 5000);
  assert.equal(action.stats().timeouts, 1);
});

test('family-conditional options start each family on demand and pick its values', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const action = make({
    tool: 'iptables',
    'tool?family=inet6': 'ip6tables',
    actionstart: `echo start <tool> >> ${log}`,
    actionban: `echo ban <tool> <ip> <family> >> ${log}`,
    actionstop: `echo stop <tool> >> ${log}`,
  });
  assert.equal((await action.start()).ok, true);
  await action.ban(ban());
  await action.ban(ban({ address: '192.0.2.8' }));
  await action.ban(ban({ address: '2001:db8::1', family: 6 }));
  await action.stop();
  assert.equal(
    dir.read('log'),
    'start iptables\nban iptables 192.0.2.7 inet4\nban iptables 192.0.2.8 inet4\n' +
      'start ip6tables\nban ip6tables 2001:db8::1 inet6\nstop iptables\nstop ip6tables\n',
  );
});

test('with actionstart_on_demand = false both families start at once, a shared command only once', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const action = make({
    tool: 'iptables',
    'tool?family=inet6': 'ip6tables',
    actionstart_on_demand: 'false',
    actionstart: `echo start <tool> >> ${log}`,
    actionstop: `echo stop >> ${log}`,
  });
  await action.start();
  await action.stop();
  assert.equal(dir.read('log'), 'start iptables\nstart ip6tables\nstop\n');
});

test('a restored ban is skipped by a norestored action and run by the others', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const skipping = make({ norestored: 'true', actionban: `echo a >> ${log}` });
  const running = make({ actionban: `echo b <restored> >> ${log}` });
  assert.deepEqual(await skipping.ban(ban({ restored: true })), {
    ok: true,
    operation: 'ban',
    skipped: 'restored',
  });
  await running.ban(ban({ restored: true }));
  assert.equal(dir.read('log'), 'b 1\n');
});

test('the bans of one action run one at a time in the order they came', async () => {
  const dir = newDir();
  const log = quoteShellWord(dir.file('log'));
  const action = make({ actionban: `echo "begin <ip>" >> ${log}; sleep 0.01; echo "end <ip>" >> ${log}` });
  const addresses = Array.from({ length: 8 }, (_, n) => `192.0.2.${n + 1}`);
  await Promise.all(addresses.map((address) => action.ban(ban({ address }))));
  assert.equal(dir.read('log'), addresses.map((a) => `begin ${a}\nend ${a}\n`).join(''));
});

test('an empty command is a skipped outcome; an action without actionflush cannot flush', async () => {
  const action = make({ actionban: '   ' });
  assert.deepEqual(await action.ban(ban()), { ok: true, operation: 'ban', skipped: 'empty' });
  assert.equal(action.canFlush, false);
  assert.deepEqual(await action.flush(), { ok: true, operation: 'flush', skipped: 'empty' });
});

test('the command output is in the outcome', async () => {
  const outcome = await make({ actionban: 'echo banned <ip>' }).ban(ban());
  assert.deepEqual(outcome, { ok: true, operation: 'ban', output: 'banned 192.0.2.7\n' });
});

test('a missing shell is an F2N_ERR_ACTION_SPAWN outcome', async () => {
  const action = createCommandAction(spec('custom', { actionban: 'true' }), {
    runner,
    clock,
    jail: 'sshd',
    hostNames,
    shell: '/nonexistent/sh',
  });
  assert.equal(code(await action.ban(ban())), 'F2N_ERR_ACTION_SPAWN');
});

test('bad options, tag loops and unsafe templates are refused when the action is created', () => {
  const codeOf = (options: Record<string, string>) => {
    try {
      make(options);
      return undefined;
    } catch (error) {
      return error instanceof Fail2nftError ? error.code : 'other';
    }
  };
  assert.equal(codeOf({ timeout: 'soon' }), 'F2N_ERR_ACTION_BAD_OPTION');
  assert.equal(codeOf({ timeout: '0' }), 'F2N_ERR_ACTION_BAD_OPTION');
  assert.equal(codeOf({ norestored: 'maybe' }), 'F2N_ERR_ACTION_BAD_OPTION');
  assert.equal(codeOf({ a: '<b>', b: '<a>.', actionban: '<a>' }), 'F2N_ERR_ACTION_TAG_LOOP');
  assert.equal(codeOf({ actionban: "cat <<'E' | mail x\n<matches>\nE" }), 'F2N_ERR_ACTION_UNSAFE_TEMPLATE');
  assert.equal(codeOf({ actionban: 'echo <ip>', timeout: '2m' }), undefined);
});
