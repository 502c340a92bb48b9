// fail2nft import-db on a database written by fail2ban itself (Debian's package, driven through its
// own database class): active bans and history arrive in our SQLite store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { SqliteBanStore } from '../../src/persistence/index.js';

const python = '/usr/bin/python3';
const missing: string | false =
  spawnSync(python, ['-c', 'import fail2ban.server.database'], { encoding: 'utf8' }).status === 0
    ? false
    : 'fail2ban (python3 package) is not installed: apt-get install fail2ban';

const writer = `
import sys, time
from fail2ban.server.database import Fail2BanDb
from fail2ban.server.ticket import FailTicket
class Actions:
    def getBanTime(self):
        return 600
class Jail:
    def __init__(self, name):
        self.name = name
        self.actions = Actions()
db = Fail2BanDb(sys.argv[1])
jail = Jail('postfix-sasl')
db.addJail(jail)
now = time.time()
for ip, ago, bantime in (('203.0.113.7', 60, 3600), ('203.0.113.8', 7200, 600)):
    ticket = FailTicket(ip, now - ago, ['a line'])
    ticket.setBanTime(bantime)
    ticket.setBanCount(1)
    db.addBan(jail, ticket)
db.close()
`;

test('import-db brings active bans and history from a fail2ban database', { skip: missing }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-import-'));
  try {
    const from = join(dir, 'fail2ban.sqlite3');
    const written = spawnSync(python, ['-c', writer, from], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(written.status, 0, written.stderr);
    const to = join(dir, 'state', 'fail2nft.sqlite3');
    let out = '';
    let err = '';
    const code = await runCli(['import-db', from, '--db', to], {
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
    });
    assert.equal(code, 0, err);
    assert.match(out, /2 ban record\(s\), 1 active, 2 in the history, 0 skipped/);
    const store = new SqliteBanStore({ path: to });
    try {
      const active = await store.activeBans(Date.now());
      assert.deepEqual(
        active.map((ban) => [ban.jail, ban.address, ban.durationSec]),
        [['postfix-sasl', '203.0.113.7', 3600]],
      );
      assert.equal((await store.banHistory()).length, 2);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import-db names a missing fail2ban database and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-import-'));
  try {
    let err = '';
    const code = await runCli(['import-db', join(dir, 'nope.sqlite3'), '--db', join(dir, 'to.sqlite3')], {
      stdout: () => undefined,
      stderr: (text) => (err += text),
    });
    assert.equal(code, 1);
    assert.match(err, /nope\.sqlite3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
