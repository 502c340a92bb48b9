// Temporary directories for database files, removed by the caller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDatabase {
  readonly dir: string;
  /** A database file path inside dir (not created). */
  readonly path: string;
  readonly remove: () => void;
}

export function tempDatabase(name = 'fail2nft.sqlite3'): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-store-'));
  return { dir, path: join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
