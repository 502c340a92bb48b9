// A BanStore on one SQLite file with its writes on a worker thread. better-sqlite3 runs each statement
// synchronously; on a flood the service's main thread spent a third of its time waiting for write
// transactions. Here writes (bans, unbans, positions, purge, import) go to a writer thread in order,
// and reads (active bans and history at start, positions, counts) use a connection on the calling
// thread, which also creates and migrates the file before the writer opens it (WAL lets both work at
// once). A read of positions first waits for the writer to flush the ones saved before it.
import { Worker } from 'node:worker_threads';
import type { SourcePosition } from '../core/positions.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';
import { Fail2nftError } from '../core/errors.js';
import type { ErrorCode } from '../core/error-codes.js';
import type { ActiveBansOptions, BanHistoryRow, BanStore, PurgeReport, StoreCounts } from './ban-store.js';
import type { StoreRequest, StoreResponse } from './ban-store-messages.js';
import { SqliteBanStore } from './sqlite-ban-store.js';
import { storeClosedError } from './store-errors.js';
import type { SqliteBanStoreOptions } from './store-options.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Request = StoreRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class ThreadedBanStore implements BanStore {
  readonly path: string;
  private readonly reader: SqliteBanStore;
  private readonly writer: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private writerError: Error | undefined;
  private closing: Promise<void> | undefined;
  private acceptingWrites = true;

  constructor(options: SqliteBanStoreOptions) {
    this.reader = new SqliteBanStore(options);
    this.path = this.reader.path;
    this.writer = new Worker(new URL('./ban-store-worker.js', import.meta.url), { workerData: options });
    this.writer.on('message', (response: StoreResponse) => {
      const waiting = this.pending.get(response.id);
      if (waiting === undefined) return;
      this.pending.delete(response.id);
      if (response.ok) waiting.resolve(response.result);
      else {
        const error = response.error ?? {
          code: 'F2N_ERR_STORE_WRITE',
          message: 'store write failed',
          details: {},
        };
        waiting.reject(new Fail2nftError(error.code as ErrorCode, error.message, error.details));
      }
    });
    this.writer.on('error', (error) => {
      this.fail(error);
    });
    this.writer.on('exit', (code) => {
      if (this.closing === undefined) this.fail(new Error(`the store's writer thread exited with ${code}`));
    });
  }

  private fail(cause: Error): void {
    this.writerError = new Fail2nftError(
      'F2N_ERR_STORE_WRITE',
      `${this.path}: the store's writer thread failed: ${cause.message}`,
      { path: this.path },
      cause,
    );
    for (const waiting of this.pending.values()) waiting.reject(this.writerError);
    this.pending.clear();
  }

  private request<T>(request: Request): Promise<T> {
    if (!this.acceptingWrites) return Promise.reject(storeClosedError(this.path));
    if (this.writerError !== undefined) return Promise.reject(this.writerError);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.writer.postMessage({ id, ...request });
    });
  }

  recordBans(bans: readonly BanDecision[]): Promise<void> {
    return this.request({ method: 'recordBans', args: [bans] });
  }

  recordUnbans(unbans: readonly UnbanDecision[], atMs: number): Promise<number> {
    return this.request({ method: 'recordUnbans', args: [unbans, atMs] });
  }

  unbanAll(jail?: string): Promise<number> {
    return this.request({ method: 'unbanAll', args: [jail] });
  }

  importRecords(bans: readonly BanDecision[], history: readonly BanHistoryRow[]): Promise<void> {
    return this.request({ method: 'importRecords', args: [bans, history] });
  }

  purge(olderThanMs: number): Promise<PurgeReport> {
    return this.request({ method: 'purge', args: [olderThanMs] });
  }

  save(key: string, position: SourcePosition): Promise<void> {
    return this.request({ method: 'save', args: [key, position] });
  }

  flushPositions(): Promise<void> {
    return this.request({ method: 'flushPositions', args: [] });
  }

  async load(key: string): Promise<SourcePosition | undefined> {
    await this.flushPositions();
    return this.reader.load(key);
  }

  activeBans(nowMs: number, options?: ActiveBansOptions): Promise<BanDecision[]> {
    return this.reader.activeBans(nowMs, options);
  }

  banHistory(): Promise<BanHistoryRow[]> {
    return this.reader.banHistory();
  }

  async counts(): Promise<StoreCounts> {
    await this.flushPositions();
    return this.reader.counts();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        const closed =
          this.writerError === undefined ? this.request({ method: 'close', args: [] }) : undefined;
        this.acceptingWrites = false;
        await closed;
      } finally {
        this.acceptingWrites = false;
        await this.writer.terminate();
        await this.reader.close();
      }
    })();
    return this.closing;
  }
}
