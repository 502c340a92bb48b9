// The BanStore in an SQLite file (better-sqlite3, synchronous inside the contract's promises). Each
// call is one short transaction on prepared statements; a committed recordBans is durable when its
// promise resolves (WAL, synchronous FULL by default: see docs/persistence.md).
//
// Positions are coalesced: save() keeps the latest position per key in memory and one transaction
// writes them all positionFlushMs after the first unsaved one, on flushPositions() and on close().
// A crash loses at most the positions saved since the last flush, so a source resumes at or before
// (never after) the lines it had processed: lines may be read twice, none skipped.
import type Database from 'better-sqlite3';
import { Fail2nftError } from '../core/errors.js';
import type { SourcePosition } from '../core/positions.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';
import { asPromise } from './as-promise.js';
import { banEndMs } from './ban-times.js';
import type { ActiveBansOptions, BanHistoryRow, BanStore, PurgeReport, StoreCounts } from './ban-store.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import { decodePosition, encodePosition } from './position-codec.js';
import { sqliteStatements, type SqliteStatements } from './sqlite-statements.js';
import { storeClosedError, storeError, type StoreOperation } from './store-errors.js';
import {
  fillSqliteBanStoreOptions,
  type FilledSqliteBanStoreOptions,
  type SqliteBanStoreOptions,
} from './store-options.js';
import { trimMatches } from './trim-matches.js';

/** Rows of each table deleted per purge transaction: about 40 ms, so bans are never held up for long. */
const purgeChunk = 5_000;
/** A bound on purge's loop: enough chunks for 100M rows. */
const maxPurgeChunks = 20_000;

type ActiveRow = [number, string, number, number, number, number, number];
type ActiveRowWithMatches = [...ActiveRow, string | null];
type HistoryRow = [number, string, number, number, number];

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

export class SqliteBanStore implements BanStore {
  readonly path: string;
  /** The schema version the file had before opening (0: created now) and has now. */
  readonly openedFromVersion: number;
  readonly schemaVersion: number;
  /** 'wal' for a file. */
  readonly journalMode: string;
  private readonly options: FilledSqliteBanStoreOptions;
  private readonly db: Database.Database;
  private readonly statements: SqliteStatements;
  private readonly jailIds = new Map<string, number>();
  private readonly jailNames = new Map<number, string>();
  private readonly pendingPositions = new Map<string, SourcePosition>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushFailure: Fail2nftError | undefined;
  private purging: Promise<PurgeReport> | undefined;
  private closing = false;
  private closed = false;

  constructor(options: SqliteBanStoreOptions) {
    this.options = fillSqliteBanStoreOptions(options);
    this.path = this.options.path;
    const opened = openSqliteDatabase(this.options);
    this.db = opened.db;
    this.openedFromVersion = opened.fromVersion;
    this.schemaVersion = opened.version;
    this.journalMode = opened.journalMode;
    try {
      this.statements = sqliteStatements(this.db);
      this.loadJails();
    } catch (error) {
      this.db.close();
      throw storeError(this.path, 'open', error);
    }
  }

  /** Runs one store operation: rejects after close, maps SQLite errors to F2N_ERR_STORE_* naming the file. */
  private run<T>(operation: StoreOperation, body: () => T): Promise<T> {
    return asPromise(() => {
      if (this.closed || this.closing) throw storeClosedError(this.path);
      try {
        return body();
      } catch (error) {
        // A rolled-back transaction may have taken jail ids with it.
        if (operation === 'write') this.reloadJailsQuietly();
        throw storeError(this.path, operation, error);
      }
    });
  }

  private loadJails(): void {
    this.jailIds.clear();
    this.jailNames.clear();
    for (const [id, name] of this.statements.jails.all() as [number, string][]) {
      this.jailIds.set(name, id);
      this.jailNames.set(id, name);
    }
  }

  private reloadJailsQuietly(): void {
    try {
      this.loadJails();
    } catch {
      // The original error is the one reported; the next operation reloads or fails on its own.
      this.jailIds.clear();
      this.jailNames.clear();
    }
  }

  /** The jail's id, created inside the running transaction when new. */
  private jailId(name: string): number {
    const known = this.jailIds.get(name);
    if (known !== undefined) return known;
    const id = this.statements.addJail.get(name) as number;
    this.jailIds.set(name, id);
    this.jailNames.set(id, name);
    return id;
  }

  /** The jail's id if it exists (in the cache, or added by another process since), without creating it. */
  private existingJailId(name: string): number | undefined {
    const known = this.jailIds.get(name);
    if (known !== undefined) return known;
    const id = this.statements.jailByName.get(name) as number | undefined;
    if (id !== undefined) {
      this.jailIds.set(name, id);
      this.jailNames.set(id, name);
    }
    return id;
  }

  private jailName(id: number): string {
    const name = this.jailNames.get(id);
    if (name === undefined) {
      throw new Fail2nftError(
        'F2N_ERR_STORE_CORRUPT',
        `${this.path}: a ban refers to unknown jail number ${id}`,
        {
          database: this.path,
          jailId: id,
        },
      );
    }
    return name;
  }

  private putBan(ban: BanDecision): number {
    const jailId = this.jailId(ban.jail);
    const endMs = banEndMs(ban.startMs, ban.durationSec);
    const matches = trimMatches(ban.matches, this.options);
    this.statements.upsertBan.run(
      jailId,
      ban.address,
      ban.family,
      ban.startMs,
      ban.durationSec,
      Number.isFinite(endMs) ? endMs : null,
      ban.banCount,
      ban.failures,
      matches === undefined ? null : JSON.stringify(matches),
    );
    return jailId;
  }

  recordBans(bans: readonly BanDecision[]): Promise<void> {
    return this.run('write', () => {
      if (bans.length === 0) return;
      this.db
        .transaction(() => {
          for (const ban of bans) {
            const jailId = this.putBan(ban);
            this.statements.addHistory.run(jailId, ban.address, ban.startMs, ban.durationSec);
          }
        })
        .immediate();
    });
  }

  recordUnbans(unbans: readonly UnbanDecision[], atMs: number): Promise<number> {
    return this.run('write', () => {
      if (unbans.length === 0) return 0;
      return this.db
        .transaction(() => {
          let removed = 0;
          for (const unban of unbans) {
            const jailId = this.existingJailId(unban.jail);
            if (jailId === undefined) continue;
            removed += this.statements.deleteBan.run(jailId, unban.address, atMs).changes;
            this.statements.deleteHistory.run(jailId, unban.address, atMs);
          }
          return removed;
        })
        .immediate();
    });
  }

  unbanAll(jail?: string): Promise<number> {
    return this.run('write', () => {
      const s = this.statements;
      return this.db
        .transaction(() => {
          if (jail === undefined) {
            s.deleteAllHistory.run();
            return s.deleteAllBans.run().changes;
          }
          const jailId = this.existingJailId(jail);
          if (jailId === undefined) return 0;
          s.deleteJailHistory.run(jailId);
          return s.deleteJailBans.run(jailId).changes;
        })
        .immediate();
    });
  }

  activeBans(nowMs: number, options: ActiveBansOptions = {}): Promise<BanDecision[]> {
    return this.run('read', () => {
      // Raw rows (arrays) read one at a time and one shared string per jail: each row array dies
      // young, so a restore of 1M bans spends its time building the bans, not collecting garbage
      // (iterate measured 1.1 s for 1M against 1.7 s for all()). Jails are read first: another
      // process (import-db) may have added some, and no other query may run during iterate; one
      // read transaction makes both see the same snapshot.
      return this.db.transaction(() => {
        this.loadJails();
        const bans: BanDecision[] = [];
        if (options.matches !== true) {
          for (const row of this.statements.activeBans.iterate(nowMs) as IterableIterator<ActiveRow>) {
            bans.push(this.banOf(row));
          }
          return bans;
        }
        const rows = this.statements.activeBansWithMatches.iterate(
          nowMs,
        ) as IterableIterator<ActiveRowWithMatches>;
        for (const row of rows) {
          const ban = this.banOf(row as unknown as ActiveRow);
          const text = row[7];
          bans.push(text === null ? ban : { ...ban, matches: this.matchesOf(text) });
        }
        return bans;
      })();
    });
  }

  private banOf(row: ActiveRow): BanDecision {
    const [jailId, address, family, startMs, durationSec, banCount, failures] = row;
    return {
      jail: this.jailName(jailId),
      address,
      family: family === 6 ? 6 : 4,
      startMs,
      durationSec,
      banCount,
      failures,
    };
  }

  private matchesOf(text: string): string[] {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || !value.every((line): line is string => typeof line === 'string')) {
      throw new Fail2nftError(
        'F2N_ERR_STORE_CORRUPT',
        `${this.path}: a ban's stored log lines are not a list of strings`,
        {
          database: this.path,
        },
      );
    }
    return value;
  }

  banHistory(): Promise<BanHistoryRow[]> {
    return this.run('read', () => {
      return this.db.transaction(() => {
        this.loadJails();
        const history: BanHistoryRow[] = [];
        for (const row of this.statements.history.iterate() as IterableIterator<HistoryRow>) {
          const [jailId, address, count, lastStartMs, durationSec] = row;
          history.push({ jail: this.jailName(jailId), address, count, lastStartMs, durationSec });
        }
        return history;
      })();
    });
  }

  importRecords(bans: readonly BanDecision[], history: readonly BanHistoryRow[]): Promise<void> {
    return this.run('write', () => {
      this.db
        .transaction(() => {
          for (const ban of bans) this.putBan(ban);
          for (const row of history) {
            this.statements.mergeHistory.run(
              this.jailId(row.jail),
              row.address,
              row.count,
              row.lastStartMs,
              row.durationSec,
            );
          }
        })
        .immediate();
    });
  }

  purge(olderThanMs: number): Promise<PurgeReport> {
    const purging = this.purgeInChunks(olderThanMs).finally(() => {
      if (this.purging === purging) this.purging = undefined;
    });
    this.purging = purging;
    return purging;
  }

  /** Deletes in short transactions with the event loop served between them; stops early on close. */
  private async purgeInChunks(olderThanMs: number): Promise<PurgeReport> {
    let bans = 0;
    let history = 0;
    for (let chunk = 0; chunk < maxPurgeChunks; chunk++) {
      if (chunk > 0) {
        await yieldToEventLoop();
        if (this.closing) break;
      }
      const limits = { olderThanMs, limit: purgeChunk };
      const removed = await this.run('write', () =>
        this.db
          .transaction(() => ({
            bans: this.statements.purgeBans.run(limits).changes,
            history: this.statements.purgeHistory.run(limits).changes,
          }))
          .immediate(),
      );
      bans += removed.bans;
      history += removed.history;
      if (removed.bans < purgeChunk && removed.history < purgeChunk) break;
    }
    return { bans, history };
  }

  load(key: string): Promise<SourcePosition | undefined> {
    return this.run('read', () => {
      const pending = this.pendingPositions.get(key);
      if (pending !== undefined) return pending;
      const text = this.statements.position.get(key) as string | undefined;
      if (text === undefined) return undefined;
      const position = decodePosition(text);
      if (position === undefined) {
        throw new Fail2nftError(
          'F2N_ERR_STORE_CORRUPT',
          `${this.path}: the stored position of ${key} is malformed`,
          {
            database: this.path,
            key,
          },
        );
      }
      return position;
    });
  }

  save(key: string, position: SourcePosition): Promise<void> {
    return this.run('write', () => {
      this.pendingPositions.set(key, position);
      this.throwFlushFailure();
      this.scheduleFlush();
    });
  }

  /** A background flush that failed is reported once, by the next save, flush or close. */
  private throwFlushFailure(): void {
    if (this.flushFailure === undefined) return;
    const failure = this.flushFailure;
    this.flushFailure = undefined;
    throw failure;
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined || this.options.positionFlushMs === 0) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      try {
        this.writePendingPositions();
      } catch (error) {
        this.flushFailure = storeError(this.path, 'write', error);
      }
    }, this.options.positionFlushMs);
    this.flushTimer.unref();
  }

  private writePendingPositions(): void {
    if (this.pendingPositions.size === 0) return;
    this.db
      .transaction(() => {
        for (const [key, position] of this.pendingPositions) {
          this.statements.savePosition.run(key, encodePosition(position));
        }
      })
      .immediate();
    this.pendingPositions.clear();
  }

  flushPositions(): Promise<void> {
    return this.run('write', () => {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.writePendingPositions();
      this.throwFlushFailure();
    });
  }

  counts(): Promise<StoreCounts> {
    return this.run('read', () => {
      const s = this.statements;
      let positions = s.countPositions.get() as number;
      for (const key of this.pendingPositions.keys()) if (s.position.get(key) === undefined) positions++;
      return {
        bans: s.countBans.get() as number,
        history: s.countHistory.get() as number,
        positions,
      };
    });
  }

  async close(): Promise<void> {
    if (this.closed || this.closing) return;
    this.closing = true;
    try {
      if (this.purging !== undefined) await this.purging.catch(() => undefined);
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.writePendingPositions();
      this.throwFlushFailure();
    } catch (error) {
      throw storeError(this.path, 'write', error);
    } finally {
      this.closed = true;
      this.db.close();
    }
  }
}
