// SqliteBanStore passes the BanStore contract, and keeps what a file store must: a private file in
// WAL mode, clear errors naming the file, coalesced position writes, purges in chunks.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Fail2nftError } from '../../src/core/errors.js';
import type { ErrorCode } from '../../src/core/error-codes.js';
import { SqliteBanStore } from '../../src/persistence/sqlite-ban-store.js';
import { ban, runBanStoreContract } from './ban-store-contract.js';
import { tempDatabase } from './temp-database.js';

runBanStoreContract({
  name: 'SqliteBanStore',
  open(options) {
    const temp = tempDatabase();
    const open = (): SqliteBanStore =>
      new SqliteBanStore({ ...options, path: temp.path, positionFlushMs: 0 });
    try {
      return { store: open(), reopen: open, cleanup: temp.remove };
    } catch (error) {
      temp.remove();
      throw error;
    }
  },
});

function failsWith(code: ErrorCode, path: string): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof Fail2nftError, String(error));
    assert.equal(error.code, code, error.message);
    assert.ok(error.message.includes(path), `the message names the file: ${error.message}`);
    return true;
  };
}

async function withTemp(body: (path: string, dir: string) => Promise<void> | void): Promise<void> {
  const temp = tempDatabase();
  try {
    await body(temp.path, temp.dir);
  } finally {
    temp.remove();
  }
}

test('a new database file and its write-ahead log are created with mode 0600, in WAL mode', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path });
    try {
      await store.recordBans([ban()]);
      assert.equal(store.journalMode, 'wal');
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.ok(existsSync(`${path}-wal`));
      assert.equal(statSync(`${path}-wal`).mode & 0o777, 0o600);
      assert.equal(store.openedFromVersion, 0);
      assert.equal(store.schemaVersion, 1);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.pragma('application_id', { simple: true }), 0x46324e54);
      assert.equal(db.pragma('user_version', { simple: true }), 1);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal', 'WAL is a property of the file');
    } finally {
      db.close();
    }
  }));

test('an existing file keeps its mode', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path });
    await store.close();
    const fd = openSync(path, 'r');
    closeSync(fd);
    const again = new SqliteBanStore({ path });
    await again.close();
    assert.equal(statSync(path).mode & 0o777, 0o600);
  }));

test('a file that is not a database is F2N_ERR_STORE_CORRUPT naming the file', () =>
  withTemp((path) => {
    writeFileSync(
      path,
      'this is not an SQLite database, just text that is long enough to be a header\n'.repeat(20),
    );
    assert.throws(() => new SqliteBanStore({ path }), failsWith('F2N_ERR_STORE_CORRUPT', path));
  }));

test('a database with damaged pages is F2N_ERR_STORE_CORRUPT naming the file when they are read', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path });
    const bans = Array.from({ length: 2000 }, (_, i) =>
      ban({ address: `10.0.${i >> 8}.${i & 255}`, matches: [`log line number ${i} of a damaged database`] }),
    );
    await store.recordBans(bans);
    await store.close();
    const size = statSync(path).size;
    assert.ok(size > 16 * 4096, `the file has pages to damage (${size} bytes)`);
    const fd = openSync(path, 'r+');
    try {
      for (let offset = 4096; offset < size; offset += 4096)
        writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, offset);
    } finally {
      closeSync(fd);
    }
    let reopened: SqliteBanStore | undefined;
    try {
      reopened = new SqliteBanStore({ path });
      await assert.rejects(reopened.activeBans(0), failsWith('F2N_ERR_STORE_CORRUPT', path));
    } catch (error) {
      // Damage that reaches the schema pages is found while opening: the same error, earlier.
      failsWith('F2N_ERR_STORE_CORRUPT', path)(error);
    } finally {
      await reopened?.close();
    }
  }));

test("fail2ban's database is F2N_ERR_STORE_FOREIGN_FILE pointing at import-db, and is left untouched", () =>
  withTemp((path) => {
    const db = new Database(path);
    db.exec(
      'CREATE TABLE fail2banDb(version INTEGER); INSERT INTO fail2banDb VALUES (4); CREATE TABLE jails(name TEXT)',
    );
    db.close();
    const before = statSync(path);
    assert.throws(
      () => new SqliteBanStore({ path }),
      (error: unknown) =>
        failsWith('F2N_ERR_STORE_FOREIGN_FILE', path)(error) && /import-db/.test(String(error)),
    );
    const check = new Database(path, { readonly: true });
    try {
      assert.equal(check.pragma('user_version', { simple: true }), 0);
      assert.equal(
        check.pragma('journal_mode', { simple: true }),
        'wal',
        'only the journal mode is switched',
      );
    } finally {
      check.close();
    }
    assert.equal(statSync(path).mode, before.mode);
  }));

test('another program’s SQLite file is F2N_ERR_STORE_FOREIGN_FILE naming its tables', () =>
  withTemp((path) => {
    const db = new Database(path);
    db.exec('CREATE TABLE notes(text TEXT)');
    db.close();
    assert.throws(
      () => new SqliteBanStore({ path }),
      (error: unknown) => failsWith('F2N_ERR_STORE_FOREIGN_FILE', path)(error) && /notes/.test(String(error)),
    );
  }));

test('a missing directory is F2N_ERR_STORE_OPEN naming the file', () =>
  withTemp((_path, dir) => {
    const path = join(dir, 'no', 'such', 'dir', 'fail2nft.sqlite3');
    assert.throws(() => new SqliteBanStore({ path }), failsWith('F2N_ERR_STORE_OPEN', path));
  }));

test(':memory: is a store that lives as long as the instance', async () => {
  const store = new SqliteBanStore({ path: ':memory:' });
  try {
    await store.recordBans([ban()]);
    assert.equal((await store.activeBans(0)).length, 1);
    assert.equal(store.journalMode, 'memory');
  } finally {
    await store.close();
  }
});

test('synchronous accepts full and normal only', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path, synchronous: 'normal' });
    await store.close();
    assert.throws(
      () => new SqliteBanStore({ path, synchronous: 'off' as 'full' }),
      (error: unknown) => error instanceof Fail2nftError && error.code === 'F2N_ERR_STORE_BAD_OPTION',
    );
  }));

function storedPositions(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM positions').pluck().get() as number;
  } finally {
    db.close();
  }
}

test('saved positions are written together positionFlushMs after the first one, not on every save', () =>
  withTemp(async (path) => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const store = new SqliteBanStore({ path, positionFlushMs: 1000 });
    try {
      await store.save('file:/a', { kind: 'file', path: '/a', offset: 1, firstLineHash: '' });
      mock.timers.tick(500);
      await store.save('file:/a', { kind: 'file', path: '/a', offset: 2, firstLineHash: '' });
      await store.save('file:/b', { kind: 'file', path: '/b', offset: 3, firstLineHash: '' });
      assert.equal(storedPositions(path), 0, 'nothing written before the interval');
      mock.timers.tick(500);
      assert.equal(storedPositions(path), 2);
      await store.save('file:/a', { kind: 'file', path: '/a', offset: 4, firstLineHash: '' });
      mock.timers.tick(999);
      assert.equal(storedPositions(path), 2);
    } finally {
      mock.timers.reset();
      await store.close();
    }
    const again = new SqliteBanStore({ path });
    try {
      assert.deepEqual(await again.load('file:/a'), {
        kind: 'file',
        path: '/a',
        offset: 4,
        firstLineHash: '',
      });
    } finally {
      await again.close();
    }
  }));

test('a malformed stored position is F2N_ERR_STORE_CORRUPT naming the file and the key', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path });
    await store.close();
    const db = new Database(path);
    db.prepare('INSERT INTO positions VALUES (?, ?)').run('file:/x', '{"kind":"file","offset":-1}');
    db.close();
    const again = new SqliteBanStore({ path });
    try {
      await assert.rejects(
        again.load('file:/x'),
        (error: unknown) => failsWith('F2N_ERR_STORE_CORRUPT', path)(error) && /file:\/x/.test(String(error)),
      );
    } finally {
      await again.close();
    }
  }));

test('purge removes more rows than one chunk holds, in several transactions', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path });
    try {
      const bans = Array.from({ length: 25_000 }, (_, i) =>
        ban({ address: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, startMs: 0, durationSec: 60 }),
      );
      await store.recordBans(bans);
      await store.recordBans([ban({ address: '192.0.2.1', durationSec: -1, startMs: 0 })]);
      assert.deepEqual(await store.purge(10 * 60_000), { bans: 25_000, history: 25_000 });
      assert.deepEqual(await store.counts(), { bans: 1, history: 1, positions: 0 });
    } finally {
      await store.close();
    }
  }));

test('close waits for a running purge, which stops at its next chunk', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path });
    const bans = Array.from({ length: 25_000 }, (_, i) =>
      ban({ address: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, startMs: 0, durationSec: 60 }),
    );
    await store.recordBans(bans);
    const purging = store.purge(10 * 60_000);
    await store.close();
    const report = await purging;
    assert.ok(report.bans > 0 && report.bans < 25_000, `stopped after the first chunk: ${report.bans}`);
  }));

test('a batch that fails is rolled back whole and the next one works', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path });
    try {
      const bad = ban({ jail: 'newjail', address: '192.0.2.2', failures: 1.5 });
      await assert.rejects(
        store.recordBans([ban({ jail: 'newjail' }), bad]),
        failsWith('F2N_ERR_STORE_WRITE', path),
      );
      assert.deepEqual(await store.counts(), { bans: 0, history: 0, positions: 0 });
      await store.recordBans([ban({ jail: 'newjail' })]);
      assert.deepEqual(
        (await store.activeBans(0)).map((b) => b.jail),
        ['newjail'],
      );
    } finally {
      await store.close();
    }
  }));

test('a second connection that adds jails and bans (import-db beside the service) is seen by the first', () =>
  withTemp(async (path) => {
    const service = new SqliteBanStore({ path });
    const importer = new SqliteBanStore({ path });
    try {
      await service.recordBans([ban()]);
      await importer.importRecords(
        [ban({ jail: 'imported', address: '192.0.2.50' })],
        [{ jail: 'imported', address: '192.0.2.50', count: 4, lastStartMs: 0, durationSec: 60 }],
      );
      await importer.recordBans([ban({ jail: 'sshd', address: '192.0.2.51' })]);
      assert.deepEqual((await service.activeBans(0)).map((b) => `${b.jail} ${b.address}`).sort(), [
        'imported 192.0.2.50',
        'sshd 192.0.2.51',
        'sshd 192.0.2.7',
      ]);
      assert.equal((await service.banHistory()).length, 3);
      await service.recordBans([ban({ jail: 'imported', address: '192.0.2.52' })]);
      assert.equal((await importer.activeBans(0)).length, 4);
    } finally {
      await importer.close();
      await service.close();
    }
  }));
