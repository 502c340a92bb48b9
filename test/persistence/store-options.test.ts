// Ban store options: defaults, and one message per invalid option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fail2nftError } from '../../src/core/errors.js';
import { fillBanStoreOptions, fillSqliteBanStoreOptions } from '../../src/persistence/store-options.js';

test('defaults: 10 lines of at most 2048 characters, synchronous full, positions flushed after 1 s', () => {
  assert.deepEqual(fillSqliteBanStoreOptions({ path: '/x' }), {
    maxMatches: 10,
    maxMatchLength: 2048,
    path: '/x',
    synchronous: 'full',
    positionFlushMs: 1000,
    busyTimeoutMs: 2000,
  });
  assert.ok(Object.isFrozen(fillBanStoreOptions()));
});

test('each invalid option is F2N_ERR_STORE_BAD_OPTION naming it', () => {
  const cases: [string, () => unknown][] = [
    ['maxMatches', () => fillBanStoreOptions({ maxMatches: 1.5 })],
    ['maxMatchLength', () => fillBanStoreOptions({ maxMatchLength: 0 })],
    ['path', () => fillSqliteBanStoreOptions({ path: '' })],
    ['synchronous', () => fillSqliteBanStoreOptions({ path: '/x', synchronous: 'off' as 'full' })],
    ['positionFlushMs', () => fillSqliteBanStoreOptions({ path: '/x', positionFlushMs: -1 })],
    ['busyTimeoutMs', () => fillSqliteBanStoreOptions({ path: '/x', busyTimeoutMs: Number.NaN })],
  ];
  for (const [name, fill] of cases) {
    assert.throws(
      fill,
      (error: unknown) =>
        error instanceof Fail2nftError &&
        error.code === 'F2N_ERR_STORE_BAD_OPTION' &&
        error.message.includes(name),
      name,
    );
  }
});
