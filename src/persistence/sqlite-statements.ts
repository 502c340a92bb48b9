// The SQLite store's prepared statements, prepared once per connection. Statements that return rows
// are switched to raw (arrays) or pluck (first column) here, once, so the store never toggles a mode.
import type Database from 'better-sqlite3';

export interface SqliteStatements {
  readonly jails: Database.Statement;
  readonly addJail: Database.Statement;
  readonly jailByName: Database.Statement;
  readonly upsertBan: Database.Statement;
  readonly addHistory: Database.Statement;
  readonly mergeHistory: Database.Statement;
  readonly deleteBan: Database.Statement;
  readonly deleteHistory: Database.Statement;
  readonly deleteJailBans: Database.Statement;
  readonly deleteJailHistory: Database.Statement;
  readonly deleteAllBans: Database.Statement;
  readonly deleteAllHistory: Database.Statement;
  readonly activeBans: Database.Statement;
  readonly activeBansWithMatches: Database.Statement;
  readonly history: Database.Statement;
  readonly purgeBans: Database.Statement;
  readonly purgeHistory: Database.Statement;
  readonly position: Database.Statement;
  readonly savePosition: Database.Statement;
  readonly countBans: Database.Statement;
  readonly countHistory: Database.Statement;
  readonly countPositions: Database.Statement;
}

const activeColumns = 'jail_id, address, family, start_ms, duration_sec, ban_count, failures';
// "Ends after now, or permanent" (ban-times.ts isBanActive).
const activeWhere = 'WHERE end_ms IS NULL OR end_ms > ?';

export function sqliteStatements(db: Database.Database): SqliteStatements {
  return {
    jails: db.prepare('SELECT id, name FROM jails').raw(),
    jailByName: db.prepare('SELECT id FROM jails WHERE name = ?').pluck(),
    // Returns the id whether the jail is new or was added by another process since the cache was read.
    addJail: db
      .prepare(
        'INSERT INTO jails (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id',
      )
      .pluck(),
    // A ban replaces the current one unless that one started later (an old batch arriving late).
    upsertBan: db.prepare(`
      INSERT INTO bans (jail_id, address, family, start_ms, duration_sec, end_ms, ban_count, failures, matches)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (jail_id, address) DO UPDATE SET
        family = excluded.family, start_ms = excluded.start_ms, duration_sec = excluded.duration_sec,
        end_ms = excluded.end_ms, ban_count = excluded.ban_count, failures = excluded.failures,
        matches = excluded.matches
      WHERE excluded.start_ms >= bans.start_ms`),
    // SET expressions all see the row as it was, so the CASE compares with the old last start.
    addHistory: db.prepare(`
      INSERT INTO ban_history (jail_id, address, ban_count, last_start_ms, duration_sec)
      VALUES (?, ?, 1, ?, ?)
      ON CONFLICT (jail_id, address) DO UPDATE SET
        ban_count = ban_history.ban_count + 1,
        last_start_ms = max(ban_history.last_start_ms, excluded.last_start_ms),
        duration_sec = CASE WHEN excluded.last_start_ms >= ban_history.last_start_ms
          THEN excluded.duration_sec ELSE ban_history.duration_sec END`),
    mergeHistory: db.prepare(`
      INSERT INTO ban_history (jail_id, address, ban_count, last_start_ms, duration_sec)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (jail_id, address) DO UPDATE SET
        ban_count = max(ban_history.ban_count, excluded.ban_count),
        last_start_ms = max(ban_history.last_start_ms, excluded.last_start_ms),
        duration_sec = CASE WHEN excluded.last_start_ms >= ban_history.last_start_ms
          THEN excluded.duration_sec ELSE ban_history.duration_sec END`),
    deleteBan: db.prepare('DELETE FROM bans WHERE jail_id = ? AND address = ? AND start_ms <= ?'),
    deleteHistory: db.prepare(
      'DELETE FROM ban_history WHERE jail_id = ? AND address = ? AND last_start_ms <= ?',
    ),
    deleteJailBans: db.prepare('DELETE FROM bans WHERE jail_id = ?'),
    deleteJailHistory: db.prepare('DELETE FROM ban_history WHERE jail_id = ?'),
    deleteAllBans: db.prepare('DELETE FROM bans'),
    deleteAllHistory: db.prepare('DELETE FROM ban_history'),
    activeBans: db.prepare(`SELECT ${activeColumns} FROM bans ${activeWhere}`).raw(),
    activeBansWithMatches: db.prepare(`SELECT ${activeColumns}, matches FROM bans ${activeWhere}`).raw(),
    history: db
      .prepare('SELECT jail_id, address, ban_count, last_start_ms, duration_sec FROM ban_history')
      .raw(),
    purgeBans: db.prepare(
      'DELETE FROM bans WHERE rowid IN (SELECT rowid FROM bans WHERE end_ms < @olderThanMs LIMIT @limit)',
    ),
    // ban-times.ts isHistoryPurgeable: fail2ban's bips rule.
    purgeHistory: db.prepare(`
      DELETE FROM ban_history WHERE (jail_id, address) IN (
        SELECT jail_id, address FROM ban_history
        WHERE duration_sec >= 0 AND last_start_ms < @olderThanMs
          AND last_start_ms + 3 * duration_sec * 1000 < @olderThanMs
        LIMIT @limit)`),
    position: db.prepare('SELECT position FROM positions WHERE key = ?').pluck(),
    savePosition: db.prepare(
      'INSERT INTO positions (key, position) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET position = excluded.position',
    ),
    countBans: db.prepare('SELECT count(*) FROM bans').pluck(),
    countHistory: db.prepare('SELECT count(*) FROM ban_history').pluck(),
    countPositions: db.prepare('SELECT count(*) FROM positions').pluck(),
  };
}
