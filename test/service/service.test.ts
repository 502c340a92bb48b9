// The service end to end in a temporary directory: a configuration, log files the test appends to,
// rotates (rename and create, copytruncate, delete and recreate) and truncates, and the exact ban
// decisions expected. Files are polled every 20 ms; every wait is bounded.
import assert from 'node:assert/strict';
import { copyFileSync, renameSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createDryRunBackend } from '../../src/firewall/index.js';
import { MemoryBanStore } from '../../src/persistence/index.js';
import { createFakeJournal } from '../sources/journal/fake-journalctl.js';
import {
  createServiceFixture,
  dovecotFailure,
  ordinaryLine,
  saslFailure,
  waitFor,
  type ServiceFixture,
} from './service-fixture.js';

const mailJails = `
[DEFAULT]
backend = auto
ignoreself = false
maxretry = 3
findtime = 10m
bantime = 1h

[postfix-sasl]
enabled = true
logpath = %(logs)s/mail.log
ignoreip = 192.0.2.200 198.51.100.0/24 2001:db8:77::/48

[dovecot]
enabled = true
logpath = %(logs)s/mail.log
`;

const fixtures: ServiceFixture[] = [];
function fixture(jailLocal = mailJails, serviceLocal = ''): ServiceFixture {
  const created = createServiceFixture(jailLocal, serviceLocal);
  fixtures.push(created);
  return created;
}
after(() => {
  for (const created of fixtures) created.cleanup();
});

function banned(bans: readonly { jail: string; address: string }[]): string[] {
  return bans.map((ban) => `${ban.jail} ${ban.address}`).sort();
}

describe('the service end to end', () => {
  it('bans at maxretry within findtime, not below it, and never an ignored address', async () => {
    const f = fixture();
    f.append('mail.log', []);
    const { service, bans } = await f.start();
    const lines = [
      saslFailure('203.0.113.5'),
      ordinaryLine(1),
      saslFailure('203.0.113.5'),
      saslFailure('203.0.113.9'),
      saslFailure('203.0.113.9'),
      saslFailure('192.0.2.200'),
      saslFailure('192.0.2.200'),
      saslFailure('192.0.2.200'),
      saslFailure('198.51.100.77'),
      saslFailure('198.51.100.77'),
      saslFailure('198.51.100.77'),
      saslFailure('2001:db8:77::5'),
      saslFailure('2001:db8:77::5'),
      saslFailure('2001:db8:77::5'),
      saslFailure('203.0.113.5'),
      saslFailure('2001:db8:1::66'),
      saslFailure('2001:db8:1::66'),
      saslFailure('2001:db8:1::66'),
    ];
    f.append('mail.log', lines);
    await waitFor('every failure decided', () => service.stats().pipeline.failures === 17);
    await service.settle();
    assert.deepEqual(banned(bans), ['postfix-sasl 2001:db8:1::66', 'postfix-sasl 203.0.113.5']);
    const stats = service.stats().pipeline;
    assert.equal(stats.ignored, 9);
    assert.equal(stats.bans, 2);
    const ban = bans.find((b) => b.address === '203.0.113.5');
    assert.equal(ban?.durationSec, 3600);
    assert.equal(ban?.failures, 3);
    const status = service.status('postfix-sasl');
    assert.deepEqual(status?.banned.list.slice().sort(), ['2001:db8:1::66', '203.0.113.5']);
    assert.deepEqual(status?.files, [f.log('mail.log')]);
    assert.equal(status?.failed.current, 1, '203.0.113.9 is still counted');
    await service.stop();
  });

  it('reads a file watched by two jails once and feeds both', async () => {
    const f = fixture();
    f.append('mail.log', []);
    const { service, bans } = await f.start();
    assert.equal(service.plan.sources.length, 1);
    assert.deepEqual(service.plan.sources[0]?.jails, ['postfix-sasl', 'dovecot']);
    f.append('mail.log', [
      dovecotFailure('203.0.113.20'),
      saslFailure('203.0.113.21'),
      dovecotFailure('203.0.113.20'),
      saslFailure('203.0.113.21'),
      dovecotFailure('203.0.113.20'),
      saslFailure('203.0.113.21'),
    ]);
    await waitFor('both bans', () => bans.length === 2);
    await service.settle();
    assert.deepEqual(banned(bans), ['dovecot 203.0.113.20', 'postfix-sasl 203.0.113.21']);
    assert.equal(service.stats().lines, 6);
    await service.stop();
  });

  const rotations: [string, (f: ServiceFixture) => void][] = [
    [
      'rename and create',
      (f) => {
        renameSync(f.log('mail.log'), f.log('mail.log.1'));
        writeFileSync(f.log('mail.log'), '');
      },
    ],
    [
      'copytruncate',
      (f) => {
        copyFileSync(f.log('mail.log'), f.log('mail.log.1'));
        truncateSync(f.log('mail.log'), 0);
      },
    ],
    [
      'delete and recreate',
      (f) => {
        unlinkSync(f.log('mail.log'));
        writeFileSync(f.log('mail.log'), '');
      },
    ],
    ['truncation in place', (f) => truncateSync(f.log('mail.log'), 0)],
  ];
  for (const [name, rotate] of rotations) {
    it(`loses no line and reads none twice across ${name}`, async () => {
      const f = fixture();
      f.append('mail.log', []);
      const { service, bans } = await f.start();
      f.append('mail.log', [saslFailure('203.0.113.30'), saslFailure('203.0.113.30'), ordinaryLine(2)]);
      await waitFor('the lines before rotation', () => service.stats().pipeline.failures === 2);
      rotate(f);
      // The new file's first line differs from the old one's, as real logs' do (time stamps, queue
      // ids): like fail2ban, a file is recognised by the hash of its first line.
      f.append('mail.log', [
        ordinaryLine(9),
        saslFailure('203.0.113.30'),
        saslFailure('203.0.113.31'),
        saslFailure('203.0.113.31'),
      ]);
      await waitFor('the lines after rotation', () => service.stats().pipeline.failures === 5);
      // A line read twice would make 203.0.113.31 reach maxretry or count a sixth failure.
      f.append('mail.log', [ordinaryLine(3)]);
      await waitFor('the last line', () => service.stats().lines === 8).catch((e: unknown) => {
        throw new Error(`${String(e)}: ${JSON.stringify(service.stats())}`);
      });
      await service.settle();
      assert.equal(service.stats().pipeline.failures, 5);
      assert.deepEqual(banned(bans), ['postfix-sasl 203.0.113.30']);
      await service.stop();
    });
  }

  it('skips backlog lines older than findtime at first start and bans on recent ones', async () => {
    const f = fixture();
    const old = -2 * 3600;
    f.append('mail.log', [
      saslFailure('203.0.113.40', old),
      saslFailure('203.0.113.40', old + 1),
      saslFailure('203.0.113.40', old + 2),
      saslFailure('203.0.113.40', old + 3),
      saslFailure('203.0.113.41', -60),
      saslFailure('203.0.113.41', -59),
      saslFailure('203.0.113.41', -58),
    ]);
    const { service, bans } = await f.start();
    await waitFor('the backlog', () => service.stats().lines === 7);
    await service.settle();
    assert.deepEqual(banned(bans), ['postfix-sasl 203.0.113.41']);
    assert.equal(
      bans[0]?.startMs !== undefined && Date.now() - bans[0].startMs >= 57_000,
      true,
      'the ban starts at the log time',
    );
    f.append('mail.log', [
      saslFailure('203.0.113.42'),
      saslFailure('203.0.113.42'),
      saslFailure('203.0.113.42'),
    ]);
    await waitFor('a live ban', () => bans.length === 2);
    await service.stop();
  });

  it('judges lines written after start as fail2ban does in operation: far-off dates count as now', async () => {
    const f = fixture();
    f.append('mail.log', [ordinaryLine(1)]);
    const { service, bans } = await f.start();
    await waitFor('the backlog', () => service.stats().lines === 1);
    const old = -3 * 3600;
    f.append('mail.log', [
      saslFailure('203.0.113.45', old),
      saslFailure('203.0.113.45', old),
      saslFailure('203.0.113.45', old),
    ]);
    await waitFor('the ban', () => bans.length === 1);
    assert.ok(Math.abs(Date.now() - (bans[0]?.startMs ?? 0)) < 60_000, 'the ban starts now, not 3 hours ago');
    await service.stop();
  });

  it('resumes after a restart from the saved positions without reading lines again', async () => {
    const f = fixture();
    const store = new MemoryBanStore();
    f.append('mail.log', []);
    const first = await f.start({ store });
    f.append('mail.log', [
      saslFailure('203.0.113.50'),
      saslFailure('203.0.113.50'),
      saslFailure('203.0.113.50'),
    ]);
    await waitFor('the first ban', () => first.bans.length === 1);
    await first.service.stop();
    assert.equal((await store.counts()).positions, 1, 'the position was saved');
    const second = await f.start({ store });
    f.append('mail.log', [
      saslFailure('203.0.113.51'),
      saslFailure('203.0.113.51'),
      saslFailure('203.0.113.51'),
    ]);
    await waitFor('the second ban', () => second.bans.length === 1);
    await second.service.settle();
    assert.equal(second.service.stats().lines, 3, 'only the new lines were read');
    assert.deepEqual(banned(second.bans), ['postfix-sasl 203.0.113.51']);
    await second.service.stop();
  });

  it('feeds its own ban notices to the recidive jail', async () => {
    const f = fixture(
      `${mailJails}
[recidive]
enabled = true
logpath = %(logs)s/fail2nft.log
maxretry = 2
findtime = 1d
bantime = 1w
`,
    );
    f.append('mail.log', []);
    const { service, bans } = await f.start();
    assert.ok(service.plan.sources.some((source) => source.kind === 'notices'));
    f.append('mail.log', [
      saslFailure('203.0.113.60'),
      dovecotFailure('203.0.113.60'),
      saslFailure('203.0.113.60'),
      dovecotFailure('203.0.113.60'),
      saslFailure('203.0.113.60'),
      dovecotFailure('203.0.113.60'),
    ]);
    await waitFor('the recidive ban', () => bans.some((ban) => ban.jail === 'recidive'));
    assert.deepEqual(banned(bans), [
      'dovecot 203.0.113.60',
      'postfix-sasl 203.0.113.60',
      'recidive 203.0.113.60',
    ]);
    assert.equal(bans.find((ban) => ban.jail === 'recidive')?.durationSec, 7 * 86_400);
    await service.stop();
  });

  it('reads journal jails through journalctl and bans from its entries', async () => {
    const journal = createFakeJournal({ FAKE_JOURNAL_LIFETIME_MS: '15000' });
    try {
      const f = fixture(`
[DEFAULT]
ignoreself = false
[sshd]
enabled = true
backend = systemd
maxretry = 2
`);
      const { service, bans } = await f.start({ journalEnv: journal.env });
      const now = Date.now();
      let cursor = 0;
      const entry = (message: string, at: number): Record<string, unknown> => ({
        __CURSOR: `s=svc;i=${(++cursor).toString(16)}`,
        __REALTIME_TIMESTAMP: String(at * 1000),
        _HOSTNAME: 'gw',
        SYSLOG_IDENTIFIER: 'sshd',
        _PID: '2101',
        _SYSTEMD_UNIT: 'sshd.service',
        MESSAGE: message,
      });
      await journal.append([
        entry('Failed password for root from 203.0.113.70 port 50001 ssh2', now - 2000),
        entry('Accepted publickey for alice from 203.0.113.71 port 50002 ssh2', now - 1500),
        entry('Failed password for invalid user oracle from 203.0.113.70 port 50003 ssh2', now - 1000),
      ]);
      await waitFor('the journal ban', () => bans.length === 1, 8000);
      assert.deepEqual(banned(bans), ['sshd 203.0.113.70']);
      const args = journal.runs()[0]?.args ?? [];
      assert.ok(args.includes('_SYSTEMD_UNIT=sshd.service'), args.join(' '));
      await service.stop();
    } finally {
      journal.cleanup();
    }
  });

  it('bans by hand without the ignore lists, unbans one address or all, and reports bad input', async () => {
    const f = fixture();
    f.append('mail.log', []);
    const { service } = await f.start();
    const results = await service.ban('postfix-sasl', ['192.0.2.200', '203.0.113.90', 'not-an-ip']);
    assert.deepEqual(
      results.map((r) => [r.address, r.result]),
      [
        ['192.0.2.200', 'banned'],
        ['203.0.113.90', 'banned'],
        ['not-an-ip', 'invalid'],
      ],
    );
    assert.equal((await service.ban('postfix-sasl', ['203.0.113.90']))[0]?.result, 'already-banned');
    assert.equal((await service.ban('nope', ['203.0.113.91']))[0]?.result, 'unknown-jail');
    await service.ban('dovecot', ['203.0.113.90']);
    const one = await service.unban(['203.0.113.90', '203.0.113.99', 'x']);
    assert.deepEqual(one.unbanned.map((u) => u.jail).sort(), ['dovecot', 'postfix-sasl']);
    assert.deepEqual(one.notBanned, ['203.0.113.99']);
    assert.deepEqual(one.invalid, ['x']);
    const all = await service.unban('all');
    assert.deepEqual(all.unbanned, [{ jail: 'postfix-sasl', address: '192.0.2.200' }]);
    assert.deepEqual(service.banned(), []);
    await service.stop();
  });

  it('reload applies added and removed jails and keeps bans and positions', async () => {
    const f = fixture(`
[DEFAULT]
backend = auto
ignoreself = false
maxretry = 3
[postfix-sasl]
enabled = true
logpath = %(logs)s/mail.log
`);
    f.append('mail.log', []);
    const { service, bans } = await f.start();
    f.append('mail.log', [
      saslFailure('203.0.113.95'),
      saslFailure('203.0.113.95'),
      saslFailure('203.0.113.95'),
    ]);
    await waitFor('the first ban', () => bans.length === 1);
    writeFileSync(
      join(f.configDir, 'jail.local'),
      `[DEFAULT]\nbackend = auto\nignoreself = false\nmaxretry = 3\n[postfix-sasl]\nenabled = true\nlogpath = ${f.log('mail.log')}\n[dovecot]\nenabled = true\nlogpath = ${f.log('mail.log')}\n`,
    );
    const report = await service.reload();
    assert.deepEqual(report.added, ['dovecot']);
    assert.deepEqual(report.removed, []);
    assert.deepEqual(
      service.banned().map((ban) => ban.address),
      ['203.0.113.95'],
    );
    f.append('mail.log', [
      dovecotFailure('203.0.113.96'),
      dovecotFailure('203.0.113.96'),
      dovecotFailure('203.0.113.96'),
    ]);
    await waitFor('the dovecot ban', () => bans.length === 2);
    await service.settle();
    assert.deepEqual(banned(bans), ['dovecot 203.0.113.96', 'postfix-sasl 203.0.113.95']);
    assert.equal(service.stats().pipeline.failures, 6, 'no line was read twice across the reload');
    await service.stop();
  });

  it('adds bans longer than the kernel timeout cap again before their element expires', async () => {
    const f = fixture();
    f.append('mail.log', []);
    // A backend whose elements live at most 100 s: a one-hour ban must be refreshed.
    const backend = createDryRunBackend({ maxTimeoutSec: 100 });
    const { service, bans } = await f.start({ backend, dryRun: false, maintenanceIntervalMs: 40 });
    f.append('mail.log', [
      saslFailure('203.0.113.97'),
      saslFailure('203.0.113.97'),
      saslFailure('203.0.113.97'),
    ]);
    await waitFor('the ban', () => bans.length === 1);
    const applied = (): number =>
      backend.operations().filter((op) => op.op === 'apply' && op.elements > 0).length;
    await waitFor('a refresh of the element', () => applied() >= 2);
    await service.stop();
  });

  it('keeps positions behind the decisions until they are committed', async () => {
    const f = fixture();
    const store = new MemoryBanStore();
    f.append('mail.log', []);
    const { service } = await f.start({ store, positionCommitMs: 60_000 });
    f.append('mail.log', [ordinaryLine(4), ordinaryLine(5)]);
    await waitFor('the lines', () => service.stats().lines === 2);
    assert.equal(
      await store.load(`file:${join(f.logDir, 'mail.log')}`).then((p) => p?.kind === 'file' && p.offset > 0),
      false,
      'no position was written before a commit',
    );
    await service.stop();
    const saved = await store.load(`file:${join(f.logDir, 'mail.log')}`);
    assert.equal(
      saved?.kind === 'file' ? saved.offset : -1,
      `${ordinaryLine(4)}\n${ordinaryLine(5)}\n`.length,
    );
  });
});
