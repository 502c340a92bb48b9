// Options of the ban stores: what callers pass (all optional but the path) and the filled, validated,
// frozen result. Each option has its own message.
import { Fail2nftError } from '../core/errors.js';

export interface BanStoreOptions {
  /** Log lines kept per ban, the latest ones (fail2ban's dbmaxmatches, default 10; 0 keeps none). */
  readonly maxMatches?: number;
  /** Longest log line kept, in characters; longer ones are cut (default 2048). Bounds a row's size. */
  readonly maxMatchLength?: number;
}

export type Synchronous = 'full' | 'normal';

export interface SqliteBanStoreOptions extends BanStoreOptions {
  /** The database file (created with mode 0600 when missing), or ':memory:'. */
  readonly path: string;
  /**
   * 'full' (default) syncs the write-ahead log at every commit: a recorded batch survives power
   * loss. 'normal' survives a crash of the process (kill -9) but not of the machine. See
   * docs/persistence.md.
   */
  readonly synchronous?: Synchronous;
  /** Saved positions are written at most this long after the first unsaved one (default 1000 ms; 0 = only on flushPositions/close). */
  readonly positionFlushMs?: number;
  /** How long a statement waits for another process's lock before F2N_ERR_STORE_LOCKED (default 2000 ms). */
  readonly busyTimeoutMs?: number;
}

export interface FilledBanStoreOptions {
  readonly maxMatches: number;
  readonly maxMatchLength: number;
}

export interface FilledSqliteBanStoreOptions extends FilledBanStoreOptions {
  readonly path: string;
  readonly synchronous: Synchronous;
  readonly positionFlushMs: number;
  readonly busyTimeoutMs: number;
}

function badOption(name: string, value: unknown, expected: string): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_STORE_BAD_OPTION',
    `ban store option ${name} must be ${expected}, got ${JSON.stringify(value)}`,
    { option: name, value },
  );
}

function integerOption(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) throw badOption(name, value, `an integer ≥ ${min}`);
  return value;
}

export function fillBanStoreOptions(options: BanStoreOptions = {}): FilledBanStoreOptions {
  return Object.freeze({
    maxMatches: integerOption('maxMatches', options.maxMatches, 10, 0),
    maxMatchLength: integerOption('maxMatchLength', options.maxMatchLength, 2048, 1),
  });
}

export function fillSqliteBanStoreOptions(options: SqliteBanStoreOptions): FilledSqliteBanStoreOptions {
  // Checked as unknown: the values may come from a configuration file, whatever the types say.
  const path: unknown = options.path;
  const synchronous: unknown = options.synchronous ?? 'full';
  if (typeof path !== 'string' || path === '') throw badOption('path', path, 'a file path or :memory:');
  if (synchronous !== 'full' && synchronous !== 'normal') {
    throw badOption('synchronous', synchronous, "'full' or 'normal'");
  }
  return Object.freeze({
    ...fillBanStoreOptions(options),
    path,
    synchronous,
    positionFlushMs: integerOption('positionFlushMs', options.positionFlushMs, 1000, 0),
    busyTimeoutMs: integerOption('busyTimeoutMs', options.busyTimeoutMs, 2000, 0),
  });
}
