import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import type { BanCandidate } from '../../src/core/records.js';
import { createDecisionStage, type DecisionStageOptions } from '../../src/decisions/decision-stage.js';
import type { JailDecisionOptions } from '../../src/decisions/jail-decision-options.js';
import { createMemoryDecisionIo, type MemoryDecisionIo } from './memory-decision-io.js';

const minute = 60_000;

function candidate(id: string, timeMs: number, extra: Partial<BanCandidate> = {}): BanCandidate {
  return { jail: 'sshd', id, kind: 'address', timeMs, firstMs: timeMs, failures: 5, ...extra };
}

function setup(
  jails: Record<string, JailDecisionOptions> = { sshd: { bantime: 600, maxretry: 5 } },
  extra: Partial<DecisionStageOptions> = {},
): { clock: ManualClock; io: MemoryDecisionIo; stage: ReturnType<typeof createDecisionStage> } {
  const clock = new ManualClock(1_000_000);
  const io = createMemoryDecisionIo();
  return { clock, io, stage: createDecisionStage({ clock, io, jails, ...extra }) };
}

test('a candidate becomes a ban decision with jail, address, family, start, duration, count and failures', async () => {
  const { stage, clock } = setup();
  const outcome = await stage.decide(candidate('2001:DB8::7', clock.now(), { matches: ['line'] }));
  assert.deepEqual(outcome, {
    kind: 'ban',
    problems: [],
    decision: {
      jail: 'sshd',
      address: '2001:db8::7',
      family: 6,
      startMs: 1_000_000,
      durationSec: 600,
      banCount: 1,
      failures: 5,
      matches: ['line'],
    },
  });
});

test('an address already banned in a jail is not banned again while the ban lasts', async () => {
  const { stage, clock } = setup();
  assert.equal((await stage.decide(candidate('192.0.2.1', clock.now()))).kind, 'ban');
  clock.advance(5 * minute);
  assert.deepEqual(await stage.decide(candidate('192.0.2.1', clock.now())), {
    kind: 'already-banned',
    untilMs: 1_000_000 + 600_000,
  });
  clock.advance(6 * minute);
  const again = await stage.decide(candidate('192.0.2.1', clock.now()));
  assert.equal(
    again.kind === 'ban' && again.decision.banCount,
    2,
    'after the ban ended it bans again, counted',
  );
  assert.deepEqual(stage.status('sshd'), { current: 1, total: 2 });
});

test('an ignored address is never banned', async () => {
  const { stage, clock, io } = setup({
    sshd: { bantime: 600, maxretry: 5, ignoreip: ['192.0.2.0/24', 'mx.example.org', 'file:/etc/allow'] },
  });
  io.hosts.set('mx.example.org', ['198.51.100.25']);
  io.files.set('/etc/allow', '203.0.113.9');
  await stage.refreshIgnoreSources();
  const now = clock.now();
  assert.deepEqual(await stage.decide(candidate('192.0.2.200', now)), { kind: 'ignored', source: 'ip' });
  assert.deepEqual(await stage.decide(candidate('198.51.100.25', now)), { kind: 'ignored', source: 'dns' });
  assert.deepEqual(await stage.decide(candidate('203.0.113.9', now)), { kind: 'ignored', source: 'file' });
  assert.deepEqual(await stage.decide(candidate('127.0.0.1', now)), { kind: 'ignored', source: 'self' });
  assert.deepEqual(await stage.decide(candidate('192.0.2.0/16', now, { kind: 'network' })), {
    kind: 'ignored',
    source: 'ip',
  });
  assert.equal(stage.ignoredBy('sshd', '192.0.2.9', 'address'), 'ip', 'the same verdict before counting');
  assert.equal(stage.ignoredBy('sshd', '203.0.113.10', 'address'), undefined);
  assert.deepEqual(stage.banned(), []);
});

test('ignorecommand exit 0 ignores, exit 1 bans, another status bans and reports the error', async () => {
  const { stage, clock, io } = setup({
    sshd: { bantime: 600, maxretry: 5, ignorecommand: '/usr/local/bin/allowed <ip> <F-USER>' },
  });
  io.exits.set('/usr/local/bin/allowed 192.0.2.1 root', { code: 0, signal: null });
  io.exits.set('/usr/local/bin/allowed 192.0.2.3 <F-USER>', { code: 2, signal: null });
  const now = clock.now();
  assert.deepEqual(await stage.decide(candidate('192.0.2.1', now, { user: 'root' })), {
    kind: 'ignored',
    source: 'command',
  });
  assert.equal((await stage.decide(candidate('192.0.2.2', now))).kind, 'ban');
  const failed = await stage.decide(candidate('192.0.2.3', now));
  assert.equal(failed.kind, 'ban');
  assert.deepEqual(failed.kind === 'ban' && failed.problems, ['ignorecommand failed: exit status 2']);
  assert.equal(stage.ignoreCommandErrors(), 1);
});

test('ignorecommand does not run for an address that is already banned or statically ignored', async () => {
  const { stage, clock, io } = setup({
    sshd: { bantime: 600, maxretry: 5, ignoreip: ['10.0.0.0/8'], ignorecommand: 'check <ip>' },
  });
  await stage.decide(candidate('192.0.2.1', clock.now()));
  await stage.decide(candidate('192.0.2.1', clock.now()));
  await stage.decide(candidate('10.1.1.1', clock.now()));
  assert.deepEqual(io.commands, [['check', '192.0.2.1']]);
});

test('two candidates for one address decided at once give one ban', async () => {
  const { stage, clock } = setup({ sshd: { bantime: 600, maxretry: 5, ignorecommand: 'check <ip>' } });
  const outcomes = await Promise.all([
    stage.decide(candidate('192.0.2.1', clock.now())),
    stage.decide(candidate('192.0.2.1', clock.now())),
  ]);
  assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['already-banned', 'ban']);
});

test('failure ids that are not addresses are not banned', async () => {
  const { stage, clock } = setup();
  assert.deepEqual(await stage.decide(candidate('mail.example.org', clock.now(), { kind: 'dns' })), {
    kind: 'not-an-address',
    id: 'mail.example.org',
  });
  assert.deepEqual(await stage.decide(candidate('user@example.org', clock.now(), { kind: 'raw' })), {
    kind: 'not-an-address',
    id: 'user@example.org',
  });
  assert.equal(
    (await stage.decide(candidate('192.0.2.5', clock.now(), { kind: 'raw' }))).kind,
    'ban',
    'a raw id that is an address is banned',
  );
  assert.deepEqual(await stage.decide(candidate('192.0.2.5', clock.now(), { jail: 'nope' })), {
    kind: 'unknown-jail',
  });
});

test('a network failure id is banned as a network', async () => {
  const { stage, clock } = setup();
  const outcome = await stage.decide(candidate('198.51.100.77/24', clock.now(), { kind: 'network' }));
  assert.equal(outcome.kind === 'ban' && outcome.decision.address, '198.51.100.0/24');
});

test('a ban that would already have ended (old log lines) is skipped', async () => {
  const { stage, clock } = setup();
  assert.deepEqual(await stage.decide(candidate('192.0.2.1', clock.now() - 601_000)), { kind: 'expired' });
  assert.equal((await stage.decide(candidate('192.0.2.1', clock.now() - 600_000))).kind, 'ban');
});

test('bantime.increment lengthens the bans of an address banned before, per jail or over all jails', async () => {
  const increment = { enabled: true, maxtime: 3600, rndtime: 10 };
  const { stage, clock, io } = setup({
    sshd: { bantime: 600, maxretry: 5, increment },
    postfix: { bantime: 600, maxretry: 5, increment: { ...increment, overalljails: true } },
  });
  io.randomValue = 0.5;
  const durations: number[] = [];
  for (let i = 0; i < 4; i++) {
    const outcome = await stage.decide(candidate('192.0.2.1', clock.now()));
    assert.equal(outcome.kind, 'ban');
    if (outcome.kind === 'ban') durations.push(outcome.decision.durationSec);
    clock.advance((outcome.kind === 'ban' ? outcome.decision.durationSec : 0) * 1000 + 1000);
  }
  assert.deepEqual(durations, [600, 1205, 2405, 3605]);
  const overall = await stage.decide(candidate('192.0.2.1', clock.now(), { jail: 'postfix' }));
  assert.equal(overall.kind === 'ban' && overall.decision.banCount, 5, 'four sshd bans before it');
  assert.equal(overall.kind === 'ban' && overall.decision.durationSec, 3605);
});

test('with bantime.increment, failures of an address banned before count more', async () => {
  const { stage, clock } = setup({ sshd: { bantime: 60, maxretry: 5, increment: { enabled: true } } });
  assert.equal(stage.failureWeight('sshd', '192.0.2.1', clock.now()), 1);
  const start = clock.now();
  await stage.decide(candidate('192.0.2.1', start));
  assert.equal(
    stage.failureWeight('sshd', '192.0.2.1', start),
    1,
    'a failure not newer than the ban counts once',
  );
  assert.equal(stage.failureWeight('sshd', '192.0.2.1', start + 1), 2);
  clock.advance(10 * minute);
  await stage.decide(candidate('192.0.2.1', clock.now()));
  clock.advance(10 * minute);
  await stage.decide(candidate('192.0.2.1', clock.now()));
  assert.equal(stage.failureWeight('sshd', '192.0.2.1', clock.now() + 1), 5, '3 bans before: 2^2 + 1');
  clock.advance(10 * minute);
  await stage.decide(candidate('192.0.2.1', clock.now()));
  assert.equal(stage.failureWeight('sshd', '192.0.2.1', clock.now() + 1), 5, 'capped at maxretry');
  assert.equal(stage.failureWeight('postfix', '192.0.2.1', clock.now() + 1), 1, 'unknown jail');
});

test('without bantime.increment every failure counts once', async () => {
  const { stage, clock } = setup();
  await stage.decide(candidate('192.0.2.1', clock.now()));
  assert.equal(stage.failureWeight('sshd', '192.0.2.1', clock.now() + 1), 1);
});

test('a permanent ban never ends and is listed with an infinite end', async () => {
  const { stage, clock } = setup({ sshd: { bantime: -1, maxretry: 5 } });
  const outcome = await stage.decide(candidate('192.0.2.1', clock.now()));
  assert.equal(outcome.kind === 'ban' && outcome.decision.durationSec, -1);
  clock.advance(365 * 24 * 60 * minute);
  stage.sweep();
  assert.deepEqual(
    stage.banned('sshd').map((b) => b.endMs),
    [Infinity],
  );
});

test('manual bans skip the ignore lists and start now; unban forgets index and history', () => {
  const { stage, clock } = setup({
    sshd: { bantime: 600, maxretry: 5, ignoreip: ['192.0.2.1'], increment: { enabled: true } },
  });
  const manual = stage.banManually('sshd', '192.0.2.1');
  assert.equal(manual.kind === 'ban' && manual.decision.startMs, clock.now());
  assert.deepEqual(stage.banManually('sshd', 'not-an-ip'), { kind: 'not-an-address', id: 'not-an-ip' });
  assert.deepEqual(stage.unban('192.0.2.1'), ['sshd']);
  assert.deepEqual(stage.unban('192.0.2.1'), []);
  const again = stage.banManually('sshd', '192.0.2.1');
  assert.equal(again.kind === 'ban' && again.decision.banCount, 1, 'the history went with the unban');
});

test('restored bans fill the index when still active and the history always', () => {
  const { stage, clock } = setup({ sshd: { bantime: 600, maxretry: 5, increment: { enabled: true } } });
  const base = { jail: 'sshd', family: 4 as const, durationSec: 600, banCount: 1, failures: 5 };
  assert.equal(stage.restore({ ...base, address: '192.0.2.1', startMs: clock.now() - 1000 }), true);
  assert.equal(stage.restore({ ...base, address: '192.0.2.2', startMs: clock.now() - 3_600_000 }), false);
  assert.equal(stage.banManually('sshd', '192.0.2.1').kind, 'already-banned');
  const next = stage.banManually('sshd', '192.0.2.2');
  assert.equal(
    next.kind === 'ban' && next.decision.durationSec,
    1200,
    'the old ban counts for the increment',
  );
});

test('seeded history rows count for the increment once, with active bans restored without history', () => {
  const { stage, clock } = setup({ sshd: { bantime: 600, maxretry: 5, increment: { enabled: true } } });
  const start = clock.now() - 1000;
  stage.seedHistory([
    { jail: 'sshd', address: '192.0.2.1', count: 2, lastStartMs: start, durationSec: 600 },
    { jail: 'sshd', address: 'not-an-ip', count: 1, lastStartMs: start, durationSec: 600 },
  ]);
  const active = { jail: 'sshd', address: '192.0.2.1', family: 4 as const, startMs: start, durationSec: 600 };
  assert.equal(stage.restore({ ...active, banCount: 2, failures: 5 }, false), true);
  assert.equal(stage.banManually('sshd', '192.0.2.1').kind, 'already-banned');
  stage.unban('192.0.2.1', 'sshd');
  stage.seedHistory([{ jail: 'sshd', address: '192.0.2.1', count: 2, lastStartMs: start, durationSec: 600 }]);
  const next = stage.banManually('sshd', '192.0.2.1');
  assert.equal(next.kind === 'ban' && next.decision.banCount, 3, 'two stored bans, this one the third');
  assert.equal(next.kind === 'ban' && next.decision.durationSec, 2400);
});

test('the clock drives sweeps of the ban index', async () => {
  const { stage, clock } = setup({ sshd: { bantime: 60, maxretry: 5 } }, { sweepIntervalMs: 1000 });
  await stage.decide(candidate('192.0.2.1', clock.now()));
  clock.advance(61_000);
  assert.deepEqual(stage.status('sshd'), { current: 0, total: 1 });
  assert.equal(stage.status('nope'), undefined);
});

test('reconfigure keeps bans and resolved names, and drops removed jails', async () => {
  const { stage, clock, io } = setup({
    sshd: { bantime: 600, maxretry: 5, ignoreip: ['mx.example.org'] },
    dovecot: { bantime: 600, maxretry: 5 },
  });
  io.hosts.set('mx.example.org', ['198.51.100.25']);
  await stage.refreshIgnoreSources();
  await stage.decide(candidate('192.0.2.1', clock.now()));
  await stage.decide(candidate('192.0.2.1', clock.now(), { jail: 'dovecot' }));
  stage.reconfigure({ sshd: { bantime: 60, maxretry: 3, ignoreip: ['mx.example.org'] } });
  assert.equal(stage.ignoredBy('sshd', '198.51.100.25', 'address'), 'dns');
  assert.equal((await stage.decide(candidate('192.0.2.1', clock.now()))).kind, 'already-banned');
  assert.deepEqual(await stage.decide(candidate('192.0.2.1', clock.now(), { jail: 'dovecot' })), {
    kind: 'unknown-jail',
  });
  assert.deepEqual(
    stage.banned().map((b) => b.jail),
    ['sshd'],
  );
  assert.throws(() => stage.reconfigure({ sshd: { bantime: -7, maxretry: 3 } }), /bantime/);
});
