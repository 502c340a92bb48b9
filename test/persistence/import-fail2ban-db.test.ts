// import-db against a database written by fail2ban itself: the test runs fail2ban's own database
// class (python3, Debian's fail2ban 1.0.2 package) to create one with bans of every kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Fail2nftError } from '../../src/core/errors.js';
import { importFail2banDb } from '../../src/persistence/import-fail2ban-db.js';
import { MemoryBanStore } from '../../src/persistence/memory-ban-store.js';
import { SqliteBanStore } from '../../src/persistence/sqlite-ban-store.js';
import { tempDatabase } from './temp-database.js';

const python = '/usr/bin/python3';
const fail2banMissing: string | false =
  spawnSync(python, ['-c', 'import fail2ban.server.database'], { encoding: 'utf8' }).status === 0
    ? false
    : 'fail2ban (python3 package) is not installed: apt-get install fail2ban';

/** Seconds; every ban below is placed relative to this "now". */
const nowSec = 1_795_000_000;

// Drives fail2ban's Fail2BanDb through its public methods. A jail needs only a name and the default
// ban time of its actions for addBan. Each entry: jail, ip, time of ban, ban time, ban count,
// failures, matches (None: the ticket's own default ban count / ban time).
const writeWithFail2ban = `
import json, sys
from fail2ban.server.database import Fail2BanDb
from fail2ban.server.ticket import FailTicket

class Actions:
    def getBanTime(self):
        return 600

class Jail:
    def __init__(self, name):
        self.name = name
        self.actions = Actions()

path, now, entries = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
db = Fail2BanDb(path)
jails = {}
for name in ('sshd', 'postfix-sasl', 'dovecot'):
    jails[name] = Jail(name)
    db.addJail(jails[name])
for jail, ip, ago, bantime, bancount, failures, matches in entries:
    ticket = FailTicket(ip, now - ago, matches)
    if bantime is not None:
        ticket.setBanTime(bantime)
    if bancount is not None:
        ticket.setBanCount(bancount)
    ticket.setData('failures', failures)
    db.addBan(jails[jail], ticket)
db.close()
`;

type Entry = [string, string, number, number | null, number | null, number, string[]];

const entries: Entry[] = [
  // active, banned twice before: count 3 (fail2ban counts the ban itself)
  ['sshd', '192.0.2.7', 100, 3600, 3, 5, ['sshd line one', 'sshd line two']],
  // ended: history only; fail2ban wrote bancount 0 (a ticket that never went through its ban manager)
  ['sshd', '2001:DB8::1', 10_000, 600, null, 2, ['ipv6 line']],
  // a host name: not an address
  ['sshd', 'mail.example.org', 10, -1, 1, 1, ['dns line']],
  // permanent ban of a network
  ['postfix-sasl', '198.51.100.0/24', 50_000, -1, 1, 7, ['sasl line']],
  // banned twice: bips keeps the later ban
  ['postfix-sasl', '203.0.113.5', 7200, 600, 1, 3, ['first']],
  ['postfix-sasl', '203.0.113.5', 60, 1200, 2, 4, ['second']],
  // the jail's default ban time (the ticket sets none)
  ['dovecot', '203.0.113.9', 30, null, 1, 3, []],
  // fail2ban's "unknown" ban time of rows upgraded from old schemas
  ['dovecot', '203.0.113.10', 30, -2, 1, 3, []],
];

function createFail2banDb(path: string): void {
  const result = spawnSync(python, ['-c', writeWithFail2ban, path, String(nowSec), JSON.stringify(entries)], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(result.status, 0, `fail2ban's Fail2BanDb failed: ${result.stderr}`);
}

test(
  "import-db brings over fail2ban's active bans with their end and every valid address's ban count",
  { skip: fail2banMissing },
  async () => {
    const source = tempDatabase('fail2ban.sqlite3');
    const target = tempDatabase();
    try {
      createFail2banDb(source.path);
      const before = readFileSync(source.path);
      const store = new SqliteBanStore({ path: target.path });
      try {
        const report = await importFail2banDb(source.path, store, nowSec * 1000);
        assert.deepEqual(report, {
          jails: 3,
          bans: 7,
          active: 4,
          history: 6,
          skipped: 1,
          skippedExamples: ['mail.example.org is not an IP address or network'],
          unknownBanTime: 1,
        });
        const active = (await store.activeBans(nowSec * 1000, { matches: true })).sort((a, b) =>
          a.address < b.address ? -1 : 1,
        );
        assert.deepEqual(active, [
          {
            jail: 'sshd',
            address: '192.0.2.7',
            family: 4,
            startMs: (nowSec - 100) * 1000,
            durationSec: 3600,
            banCount: 3,
            failures: 5,
            matches: ['sshd line one', 'sshd line two'],
          },
          {
            jail: 'postfix-sasl',
            address: '198.51.100.0/24',
            family: 4,
            startMs: (nowSec - 50_000) * 1000,
            durationSec: -1,
            banCount: 1,
            failures: 7,
            matches: ['sasl line'],
          },
          {
            jail: 'postfix-sasl',
            address: '203.0.113.5',
            family: 4,
            startMs: (nowSec - 60) * 1000,
            durationSec: 1200,
            banCount: 2,
            failures: 4,
            matches: ['second'],
          },
          {
            jail: 'dovecot',
            address: '203.0.113.9',
            family: 4,
            startMs: (nowSec - 30) * 1000,
            durationSec: 600,
            banCount: 1,
            failures: 3,
          },
        ]);
        const history = (await store.banHistory()).map(
          (h) => `${h.jail} ${h.address} ${h.count} ${h.durationSec}`,
        );
        assert.deepEqual(history.sort(), [
          'dovecot 203.0.113.10 1 0',
          'dovecot 203.0.113.9 1 600',
          'postfix-sasl 198.51.100.0/24 1 -1',
          'postfix-sasl 203.0.113.5 2 1200',
          'sshd 192.0.2.7 3 3600',
          'sshd 2001:db8::1 1 600',
        ]);
        const again = await importFail2banDb(source.path, store, nowSec * 1000);
        assert.equal(again.history, 6);
        assert.deepEqual(
          (await store.banHistory()).map((h) => h.count).sort(),
          [1, 1, 1, 1, 2, 3],
          'importing twice counts nothing twice',
        );
      } finally {
        await store.close();
      }
      assert.deepEqual(readFileSync(source.path), before, "fail2ban's file is only read");
    } finally {
      source.remove();
      target.remove();
    }
  },
);

test(
  'import-db at a later time brings over only the bans still active then',
  { skip: fail2banMissing },
  async () => {
    const source = tempDatabase('fail2ban.sqlite3');
    try {
      createFail2banDb(source.path);
      const store = new MemoryBanStore();
      const report = await importFail2banDb(source.path, store, (nowSec + 4000) * 1000);
      assert.equal(report.active, 1, 'only the permanent ban');
      assert.equal(report.history, 6);
    } finally {
      source.remove();
    }
  },
);

function failsWithImport(path: string, pattern: RegExp): (error: unknown) => boolean {
  return (error: unknown) =>
    error instanceof Fail2nftError &&
    error.code === 'F2N_ERR_STORE_IMPORT' &&
    error.message.includes(path) &&
    pattern.test(error.message);
}

test('import-db of a missing file is F2N_ERR_STORE_IMPORT naming it', async () => {
  const temp = tempDatabase();
  try {
    await assert.rejects(
      importFail2banDb(temp.path, new MemoryBanStore(), 0),
      failsWithImport(temp.path, /./),
    );
  } finally {
    temp.remove();
  }
});

test("import-db of fail2nft's own database or a text file says it is not fail2ban's", async () => {
  const temp = tempDatabase();
  try {
    const store = new SqliteBanStore({ path: temp.path });
    await store.close();
    await assert.rejects(
      importFail2banDb(temp.path, new MemoryBanStore(), 0),
      failsWithImport(temp.path, /not a fail2ban database/),
    );
    const text = `${temp.dir}/notes.txt`;
    writeFileSync(text, 'not a database at all, only some text long enough to fill a header\n'.repeat(10));
    await assert.rejects(importFail2banDb(text, new MemoryBanStore(), 0), failsWithImport(text, /./));
  } finally {
    temp.remove();
  }
});

test('import-db of an old fail2ban schema asks to upgrade it with fail2ban first', async () => {
  const temp = tempDatabase('fail2ban.sqlite3');
  try {
    const db = new Database(temp.path);
    db.exec(
      'CREATE TABLE fail2banDb(version INTEGER); INSERT INTO fail2banDb VALUES (2); CREATE TABLE jails(name TEXT)',
    );
    db.close();
    await assert.rejects(
      importFail2banDb(temp.path, new MemoryBanStore(), 0),
      failsWithImport(temp.path, /schema version 2, expected 4/),
    );
  } finally {
    temp.remove();
  }
});
