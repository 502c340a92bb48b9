// MemoryBanStore passes the BanStore contract.
import { MemoryBanStore } from '../../src/persistence/memory-ban-store.js';
import { runBanStoreContract } from './ban-store-contract.js';

runBanStoreContract({
  name: 'MemoryBanStore',
  open(options) {
    const store = new MemoryBanStore(options);
    return {
      store,
      reopen: () => store,
      cleanup: () => undefined,
    };
  },
  reopenSkip: 'the in-memory store keeps nothing once closed (dbfile = None)',
});
