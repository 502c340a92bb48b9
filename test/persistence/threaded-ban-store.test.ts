// ThreadedBanStore: the BanStore contract with writes on a worker thread and reads on the caller's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadedBanStore } from '../../src/persistence/threaded-ban-store.js';
import { ban, runBanStoreContract } from './ban-store-contract.js';
import { tempDatabase } from './temp-database.js';

runBanStoreContract({
  name: 'ThreadedBanStore',
  open(options) {
    const temp = tempDatabase();
    const open = (): ThreadedBanStore =>
      new ThreadedBanStore({ ...options, path: temp.path, positionFlushMs: 0 });
    try {
      return { store: open(), reopen: open, cleanup: temp.remove };
    } catch (error) {
      temp.remove();
      throw error;
    }
  },
});

test('writes from the writer thread are read back on the calling thread at once', async () => {
  const temp = tempDatabase();
  const store = new ThreadedBanStore({ path: temp.path });
  try {
    await store.recordBans([ban({ address: '203.0.113.77' })]);
    await store.save('file:/var/log/mail.log', {
      kind: 'file',
      path: '/var/log/mail.log',
      offset: 42,
      firstLineHash: 'ab',
    });
    const active = await store.activeBans(0);
    assert.deepEqual(
      active.map((b) => b.address),
      ['203.0.113.77'],
    );
    assert.deepEqual(await store.load('file:/var/log/mail.log'), {
      kind: 'file',
      path: '/var/log/mail.log',
      offset: 42,
      firstLineHash: 'ab',
    });
  } finally {
    await store.close();
    temp.remove();
  }
});
