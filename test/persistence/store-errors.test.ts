// SQLite failures become store errors by their result code, always naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import { storeClosedError, storeError } from '../../src/persistence/store-errors.js';

const sqliteError = (code: string): Error => Object.assign(new Error(`${code} happened`), { code });

test('the SQLite result code chooses the error code; others follow the operation', () => {
  const cases: [string, 'open' | 'read' | 'write', string][] = [
    ['SQLITE_CORRUPT', 'read', 'F2N_ERR_STORE_CORRUPT'],
    ['SQLITE_CORRUPT_INDEX', 'write', 'F2N_ERR_STORE_CORRUPT'],
    ['SQLITE_NOTADB', 'open', 'F2N_ERR_STORE_CORRUPT'],
    ['SQLITE_BUSY', 'write', 'F2N_ERR_STORE_LOCKED'],
    ['SQLITE_BUSY_SNAPSHOT', 'read', 'F2N_ERR_STORE_LOCKED'],
    ['SQLITE_CANTOPEN', 'read', 'F2N_ERR_STORE_OPEN'],
    ['SQLITE_FULL', 'write', 'F2N_ERR_STORE_WRITE'],
    ['SQLITE_IOERR_READ', 'read', 'F2N_ERR_STORE_READ'],
    ['SQLITE_READONLY', 'open', 'F2N_ERR_STORE_OPEN'],
  ];
  for (const [sqliteCode, operation, code] of cases) {
    const error = storeError('/var/lib/fail2nft/db', operation, sqliteError(sqliteCode));
    assert.equal(error.code, code, sqliteCode);
    assert.ok(error.message.startsWith('/var/lib/fail2nft/db: '), error.message);
    assert.ok(error.message.endsWith(`${sqliteCode} happened`));
    assert.equal(error.details.sqliteCode, sqliteCode);
  }
});

test('a Fail2nftError passes through unchanged; anything else is wrapped with its cause', () => {
  const closed = storeClosedError('/db');
  assert.equal(storeError('/db', 'write', closed), closed);
  const wrapped = storeError('/db', 'read', 'plain text');
  assert.ok(wrapped instanceof Fail2nftError);
  assert.equal(wrapped.code, 'F2N_ERR_STORE_READ');
  assert.equal(wrapped.cause, 'plain text');
});
