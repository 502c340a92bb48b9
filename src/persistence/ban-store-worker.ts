// The writing half of ThreadedBanStore, run on its own worker thread: better-sqlite3 is synchronous, so
// each write transaction (and its fsync) would otherwise stall the service's main thread, where lines
// are matched and bans decided. Receives { id, method, args } and answers { id, ok, result | error }.
import { parentPort, workerData } from 'node:worker_threads';
import { Fail2nftError } from '../core/errors.js';
import { SqliteBanStore } from './sqlite-ban-store.js';
import type { SqliteBanStoreOptions } from './store-options.js';
import type { StoreRequest, StoreResponse } from './ban-store-messages.js';

const port = parentPort;
if (port === null) throw new Error('ban-store-worker runs on a worker thread');
const store = new SqliteBanStore(workerData as SqliteBanStoreOptions);

function errorOf(error: unknown): StoreResponse['error'] {
  if (error instanceof Fail2nftError)
    return {
      code: error.code,
      message: error.message,
      details: JSON.parse(JSON.stringify(error.details)) as Record<string, unknown>,
    };
  return {
    code: 'F2N_ERR_STORE_WRITE',
    message: error instanceof Error ? error.message : String(error),
    details: {},
  };
}

port.on('message', (request: StoreRequest) => {
  const run = async (): Promise<unknown> => {
    switch (request.method) {
      case 'recordBans':
        return store.recordBans(request.args[0]);
      case 'recordUnbans':
        return store.recordUnbans(request.args[0], request.args[1]);
      case 'unbanAll':
        return store.unbanAll(request.args[0]);
      case 'importRecords':
        return store.importRecords(request.args[0], request.args[1]);
      case 'purge':
        return store.purge(request.args[0]);
      case 'save':
        return store.save(request.args[0], request.args[1]);
      case 'flushPositions':
        return store.flushPositions();
      case 'close':
        return store.close();
    }
  };
  run().then(
    (result) => {
      port.postMessage({ id: request.id, ok: true, result } satisfies StoreResponse);
    },
    (error: unknown) => {
      port.postMessage({ id: request.id, ok: false, error: errorOf(error) } satisfies StoreResponse);
    },
  );
});
