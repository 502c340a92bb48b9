// Opens the SQLite store's file: creates it with mode 0600 (bans carry log lines), sets the journal
// and sync modes, makes sure the file is ours, and brings its schema up to date in one transaction.
import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Fail2nftError } from '../core/errors.js';
import { storeError } from './store-errors.js';
import { fail2nftApplicationId, latestVersion, migrations, type Migration } from './sqlite-schema.js';
import type { Synchronous } from './store-options.js';

export interface OpenDatabaseOptions {
  readonly path: string;
  readonly synchronous: Synchronous;
  readonly busyTimeoutMs: number;
  /** The schema to bring the file to; the shipped list unless a test passes another. */
  readonly migrations?: readonly Migration[];
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  /** user_version before opening (0 for a new file) and after. */
  readonly fromVersion: number;
  readonly version: number;
  /** 'wal' for a file, 'memory' for ':memory:'. */
  readonly journalMode: string;
}

const inMemory = (path: string): boolean => path === ':memory:';

/** Creates a missing file with mode 0600 so that SQLite (which gives its -wal and -shm files the
 * database's mode) never leaves it readable by others, whatever the umask. */
function createPrivateFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw storeError(path, 'open', error);
  }
  closeSync(fd);
}

function pragmaNumber(db: Database.Database, name: string): number {
  const value: unknown = db.pragma(name, { simple: true });
  return typeof value === 'number' ? value : 0;
}

/** Throws unless the file is new or a fail2nft database this version knows. */
function checkOwnership(db: Database.Database, path: string, latest: number): number {
  const applicationId = pragmaNumber(db, 'application_id');
  const version = pragmaNumber(db, 'user_version');
  if (applicationId === fail2nftApplicationId) {
    if (version > latest) {
      throw new Fail2nftError(
        'F2N_ERR_STORE_VERSION',
        `${path}: the ban database has schema version ${version}; this fail2nft knows up to ${latest}`,
        { database: path, version, latest },
      );
    }
    return version;
  }
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  if (applicationId === 0 && version === 0 && tables.length === 0) return 0;
  const hint = tables.includes('fail2banDb')
    ? "it is fail2ban's database: give fail2nft its own dbfile and bring fail2ban's bans over with fail2nft import-db"
    : `tables: ${tables.join(', ') || 'none'}, application_id ${applicationId}`;
  throw new Fail2nftError('F2N_ERR_STORE_FOREIGN_FILE', `${path}: not a fail2nft database (${hint})`, {
    database: path,
    applicationId,
    tables,
  });
}

function migrate(db: Database.Database, path: string, from: number, list: readonly Migration[]): number {
  const pending = list.filter((migration) => migration.version > from);
  if (pending.length === 0) return from;
  const latest = latestVersion(list);
  try {
    db.transaction(() => {
      for (const migration of pending) db.exec(migration.sql);
      // Both pragmas write the file header inside the transaction: a failed upgrade leaves the old version.
      db.pragma(`user_version = ${latest}`);
      db.pragma(`application_id = ${fail2nftApplicationId}`);
    }).immediate();
  } catch (error) {
    const mapped = storeError(path, 'write', error);
    if (mapped.code !== 'F2N_ERR_STORE_WRITE') throw mapped;
    const failed = pending.find((migration) => migration.version === latest) ?? pending[0];
    throw new Fail2nftError(
      'F2N_ERR_STORE_MIGRATION',
      `${path}: upgrading the ban database from schema version ${from} to ${latest} failed: ${mapped.message}`,
      { database: path, from, to: latest, migration: failed?.description },
      error,
    );
  }
  return latest;
}

export function openSqliteDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { path, synchronous, busyTimeoutMs } = options;
  const list = options.migrations ?? migrations;
  if (!inMemory(path)) createPrivateFile(path);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw storeError(path, 'open', error);
  }
  try {
    // WAL: a commit appends to the log and syncs only it, and readers never block the writer.
    const journalMode = String(
      db.pragma(inMemory(path) ? 'journal_mode' : 'journal_mode = WAL', { simple: true }),
    );
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    const fromVersion = checkOwnership(db, path, latestVersion(list));
    const version = migrate(db, path, fromVersion, list);
    return { db, fromVersion, version, journalMode };
  } catch (error) {
    db.close();
    throw storeError(path, 'open', error);
  }
}
