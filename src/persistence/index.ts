// The persistence stage: ban stores (SQLite file, memory) and the import of fail2ban's database.
export type { ActiveBansOptions, BanHistoryRow, BanStore, PurgeReport, StoreCounts } from './ban-store.js';
export { importFail2banDb, type Fail2banImportReport } from './import-fail2ban-db.js';
export { MemoryBanStore } from './memory-ban-store.js';
export { SqliteBanStore } from './sqlite-ban-store.js';
export { ThreadedBanStore } from './threaded-ban-store.js';
export type { BanStoreOptions, SqliteBanStoreOptions, Synchronous } from './store-options.js';
