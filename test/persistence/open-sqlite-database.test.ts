// Opening a database file: schema versions, migrations and their failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { Fail2nftError } from '../../src/core/errors.js';
import { openSqliteDatabase } from '../../src/persistence/open-sqlite-database.js';
import {
  fail2nftApplicationId,
  latestVersion,
  migrations,
  type Migration,
} from '../../src/persistence/sqlite-schema.js';
import { SqliteBanStore } from '../../src/persistence/sqlite-ban-store.js';
import { ban } from './ban-store-contract.js';
import { tempDatabase } from './temp-database.js';

const settings = { synchronous: 'full', busyTimeoutMs: 100 } as const;

const versionTwo: Migration = {
  version: 2,
  description: 'a test migration: bans get a note',
  sql: "ALTER TABLE bans ADD COLUMN note TEXT NOT NULL DEFAULT 'migrated'",
};

const failingTwo: Migration = {
  version: 2,
  description: 'a test migration that fails half way',
  sql: 'CREATE TABLE extra (x INTEGER); INSERT INTO no_such_table VALUES (1);',
};

function withTemp(body: (path: string) => Promise<void> | void): Promise<void> {
  const temp = tempDatabase();
  return Promise.resolve()
    .then(() => body(temp.path))
    .finally(temp.remove);
}

test('the shipped migrations are numbered 1, 2, 3, ... without gaps', () => {
  migrations.forEach((migration, index) => assert.equal(migration.version, index + 1));
  assert.equal(latestVersion(), migrations.length);
});

test('a new file gets every migration, the latest user_version and our application_id', () =>
  withTemp((path) => {
    const opened = openSqliteDatabase({ path, ...settings });
    try {
      assert.equal(opened.fromVersion, 0);
      assert.equal(opened.version, latestVersion());
      assert.equal(opened.db.pragma('application_id', { simple: true }), fail2nftApplicationId);
      assert.equal(opened.db.pragma('user_version', { simple: true }), latestVersion());
    } finally {
      opened.db.close();
    }
  }));

test('a file at an older schema version is migrated and keeps its rows', () =>
  withTemp(async (path) => {
    // A version-1 file as the first release writes it, with a ban in it.
    const store = new SqliteBanStore({ path });
    await store.recordBans([ban()]);
    await store.close();
    const opened = openSqliteDatabase({ path, ...settings, migrations: [...migrations, versionTwo] });
    try {
      assert.equal(opened.fromVersion, 1);
      assert.equal(opened.version, 2);
      const rows = opened.db.prepare('SELECT address, note FROM bans').all();
      assert.deepEqual(rows, [{ address: '192.0.2.7', note: 'migrated' }]);
    } finally {
      opened.db.close();
    }
    const again = openSqliteDatabase({ path, ...settings, migrations: [...migrations, versionTwo] });
    assert.equal(again.fromVersion, 2, 'an up-to-date file is left as it is');
    again.db.close();
  }));

test('a file from a newer fail2nft is F2N_ERR_STORE_VERSION naming the file and both versions', () =>
  withTemp((path) => {
    const db = new Database(path);
    db.pragma(`application_id = ${fail2nftApplicationId}`);
    db.pragma('user_version = 99');
    db.close();
    assert.throws(
      () => new SqliteBanStore({ path }),
      (error: unknown) =>
        error instanceof Fail2nftError &&
        error.code === 'F2N_ERR_STORE_VERSION' &&
        error.message.includes(path) &&
        /99/.test(error.message) &&
        error.message.includes(`up to ${latestVersion()}`),
    );
  }));

test('a failing migration is F2N_ERR_STORE_MIGRATION and leaves the file at its old version, rows and all', () =>
  withTemp(async (path) => {
    const store = new SqliteBanStore({ path });
    await store.recordBans([ban()]);
    await store.close();
    assert.throws(
      () => openSqliteDatabase({ path, ...settings, migrations: [...migrations, failingTwo] }),
      (error: unknown) =>
        error instanceof Fail2nftError &&
        error.code === 'F2N_ERR_STORE_MIGRATION' &&
        error.message.includes(path) &&
        /from schema version 1 to 2/.test(error.message),
    );
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.pragma('user_version', { simple: true }), 1);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE name = 'extra'").all();
      assert.deepEqual(tables, [], 'the half-done migration was rolled back');
      assert.equal(db.prepare('SELECT count(*) FROM bans').pluck().get(), 1);
    } finally {
      db.close();
    }
  }));
