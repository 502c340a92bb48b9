// The SQLite store's schema as an ordered list of migrations. A file records the last migration it
// received in PRAGMA user_version and that it is ours in PRAGMA application_id. Append a migration
// for every change; never edit one that has shipped (files in the field already ran it).

export interface Migration {
  /** The user_version a file has after this migration: 1, 2, 3, ... without gaps. */
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/** 'F2NT': marks a file as a fail2nft database (sqlite3 FILE 'PRAGMA application_id' shows 1177701972). */
export const fail2nftApplicationId = 0x46324e54;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'jails, current bans, ban history and source positions',
    // Jails by number: 1M ban rows then hold a small integer instead of the jail's name, and a
    // restore shares one string per jail. STRICT makes SQLite refuse a value of the wrong type.
    // bans keeps a rowid (its rows carry log lines, too long for a WITHOUT ROWID b-tree);
    // ban_history and positions are small rows looked up by key, stored in their key's b-tree.
    sql: `
      CREATE TABLE jails (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE TABLE bans (
        jail_id INTEGER NOT NULL,
        address TEXT NOT NULL,
        family INTEGER NOT NULL,
        start_ms INTEGER NOT NULL,
        duration_sec INTEGER NOT NULL,
        end_ms INTEGER,
        ban_count INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        matches TEXT,
        PRIMARY KEY (jail_id, address)
      ) STRICT;
      CREATE TABLE ban_history (
        jail_id INTEGER NOT NULL,
        address TEXT NOT NULL,
        ban_count INTEGER NOT NULL,
        last_start_ms INTEGER NOT NULL,
        duration_sec INTEGER NOT NULL,
        PRIMARY KEY (jail_id, address)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE positions (
        key TEXT PRIMARY KEY,
        position TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
];

/** The version a file has after every known migration. */
export function latestVersion(list: readonly Migration[] = migrations): number {
  return list.at(-1)?.version ?? 0;
}
