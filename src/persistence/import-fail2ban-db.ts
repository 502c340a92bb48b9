// fail2nft import-db: reads fail2ban's SQLite database (read-only) and brings its bans over: every
// (address, jail) record of its bips table becomes ban history (the ban count bantime.increment
// needs), and the still-active ones current bans with their remaining time (start and ban time are
// kept, so the end is the same). Records are imported in chunks of 10k, each one transaction; the
// store merges history by maximum, so running the import again after a failure is safe.
import Database from 'better-sqlite3';
import { errorCodes } from '../core/error-codes.js';
import { Fail2nftError } from '../core/errors.js';
import type { BanDecision } from '../core/records.js';
import type { BanHistoryRow, BanStore } from './ban-store.js';
import { convertFail2banRecord, type Fail2banBipsRow } from './fail2ban-ban-record.js';

export interface Fail2banImportReport {
  /** Jails named in fail2ban's jails table. */
  readonly jails: number;
  /** (address, jail) ban records read (fail2ban's bips table). */
  readonly bans: number;
  /** Of them still active at nowMs: imported as current bans. */
  readonly active: number;
  /** Imported as ban history (every record not skipped). */
  readonly history: number;
  /** Records whose id is not an IP address or network (host names, custom ids) or is malformed. */
  readonly skipped: number;
  /** The first 20 reasons for skipping, for the command's output. */
  readonly skippedExamples: readonly string[];
  /** Records with fail2ban's "unknown" ban time (-2): imported as history, never as active bans. */
  readonly unknownBanTime: number;
}

/** The schema version fail2ban 0.11 and 1.0 write (the bips table appeared in it). */
const supportedVersion = 4;
const chunkSize = 10_000;
const maxExamples = 20;

function importError(path: string, reason: string, cause?: unknown): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_STORE_IMPORT',
    `${path}: ${errorCodes.F2N_ERR_STORE_IMPORT.message}: ${reason}`,
    { database: path },
    cause,
  );
}

function openFail2banDb(path: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw importError(path, error instanceof Error ? error.message : String(error), error);
  }
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all() as string[];
    if (!tables.includes('fail2banDb') || !tables.includes('jails')) {
      throw importError(path, 'not a fail2ban database (no fail2banDb and jails tables)');
    }
    const version: unknown = db.prepare('SELECT version FROM fail2banDb LIMIT 1').pluck().get();
    if (version !== supportedVersion || !tables.includes('bips')) {
      throw importError(
        path,
        `schema version ${String(version)}, expected ${supportedVersion}: start fail2ban 0.11 or later once to upgrade it`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Fail2nftError) throw error;
    throw importError(path, error instanceof Error ? error.message : String(error), error);
  }
}

export async function importFail2banDb(
  path: string,
  store: BanStore,
  nowMs: number,
): Promise<Fail2banImportReport> {
  const db = openFail2banDb(path);
  try {
    let jails: number;
    let rows: IterableIterator<Fail2banBipsRow>;
    try {
      jails = db.prepare('SELECT count(*) FROM jails').pluck().get() as number;
      rows = db
        .prepare('SELECT ip, jail, timeofban, bantime, bancount, data FROM bips')
        .iterate() as IterableIterator<Fail2banBipsRow>;
    } catch (error) {
      throw importError(path, error instanceof Error ? error.message : String(error), error);
    }
    let bans = 0;
    let skipped = 0;
    let unknownBanTime = 0;
    let active = 0;
    let history = 0;
    const skippedExamples: string[] = [];
    let activeChunk: BanDecision[] = [];
    let historyChunk: BanHistoryRow[] = [];
    const flush = async (): Promise<void> => {
      await store.importRecords(activeChunk, historyChunk);
      active += activeChunk.length;
      history += historyChunk.length;
      activeChunk = [];
      historyChunk = [];
    };
    try {
      for (const row of rows) {
        bans++;
        const result = convertFail2banRecord(row, nowMs);
        if (result.kind === 'skipped') {
          skipped++;
          if (skippedExamples.length < maxExamples) skippedExamples.push(result.reason);
          continue;
        }
        if (result.unknownBanTime) unknownBanTime++;
        historyChunk.push(result.history);
        if (result.active !== undefined) activeChunk.push(result.active);
        if (historyChunk.length === chunkSize) await flush();
      }
      await flush();
    } catch (error) {
      // The store's own errors name its file; anything else came from reading fail2ban's.
      if (error instanceof Fail2nftError) throw error;
      throw importError(path, error instanceof Error ? error.message : String(error), error);
    }
    return { jails, bans, active, history, skipped, skippedExamples, unknownBanTime };
  } finally {
    db.close();
  }
}
