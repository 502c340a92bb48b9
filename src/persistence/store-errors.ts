// SQLite failures as Fail2nftErrors that name the database file. The SQLite result code decides the
// error code (damaged file, lock held by another process, cannot open); anything else is a read or
// write failure of the operation that was running.
import { errorCodes, type ErrorCode } from '../core/error-codes.js';
import { Fail2nftError } from '../core/errors.js';

export type StoreOperation = 'open' | 'read' | 'write';

const operationCodes: Readonly<Record<StoreOperation, ErrorCode>> = {
  open: 'F2N_ERR_STORE_OPEN',
  read: 'F2N_ERR_STORE_READ',
  write: 'F2N_ERR_STORE_WRITE',
};

function sqliteCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function codeFor(sqliteCode: string | undefined, operation: StoreOperation): ErrorCode {
  if (sqliteCode === undefined) return operationCodes[operation];
  if (sqliteCode.startsWith('SQLITE_CORRUPT') || sqliteCode === 'SQLITE_NOTADB')
    return 'F2N_ERR_STORE_CORRUPT';
  if (sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED'))
    return 'F2N_ERR_STORE_LOCKED';
  if (sqliteCode.startsWith('SQLITE_CANTOPEN') || sqliteCode === 'SQLITE_PERM') return 'F2N_ERR_STORE_OPEN';
  return operationCodes[operation];
}

/** `path: <what the code means>: <SQLite's message>`, code chosen from the SQLite result code. */
export function storeError(path: string, operation: StoreOperation, error: unknown): Fail2nftError {
  if (error instanceof Fail2nftError) return error;
  const sqliteCode = sqliteCodeOf(error);
  const code = codeFor(sqliteCode, operation);
  const reason = error instanceof Error ? error.message : String(error);
  return new Fail2nftError(
    code,
    `${path}: ${errorCodes[code].message}: ${reason}`,
    { database: path, operation, ...(sqliteCode === undefined ? {} : { sqliteCode }) },
    error,
  );
}

export function storeClosedError(path: string): Fail2nftError {
  return new Fail2nftError('F2N_ERR_STORE_CLOSED', `${path}: ${errorCodes.F2N_ERR_STORE_CLOSED.message}`, {
    database: path,
  });
}
