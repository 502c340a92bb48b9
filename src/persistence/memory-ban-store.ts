// A BanStore kept in Maps: for tests, dry runs and dbfile = None, and the model of the contract that
// the SQLite store is tested against.
import type { SourcePosition } from '../core/positions.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';
import { asPromise } from './as-promise.js';
import { banEndMs, isBanActive, isHistoryPurgeable } from './ban-times.js';
import type { ActiveBansOptions, BanHistoryRow, BanStore, PurgeReport, StoreCounts } from './ban-store.js';
import { storeClosedError } from './store-errors.js';
import { fillBanStoreOptions, type BanStoreOptions, type FilledBanStoreOptions } from './store-options.js';
import { trimMatches } from './trim-matches.js';

interface HistoryEntry {
  readonly jail: string;
  readonly address: string;
  count: number;
  lastStartMs: number;
  durationSec: number;
}

const keyOf = (jail: string, address: string): string => `${jail}\u0000${address}`;

export class MemoryBanStore implements BanStore {
  private readonly options: FilledBanStoreOptions;
  private readonly bans = new Map<string, BanDecision>();
  private readonly history = new Map<string, HistoryEntry>();
  private readonly positions = new Map<string, SourcePosition>();
  private closed = false;

  constructor(options: BanStoreOptions = {}) {
    this.options = fillBanStoreOptions(options);
  }

  private open<T>(body: () => T): Promise<T> {
    return asPromise(() => {
      if (this.closed) throw storeClosedError(':memory:');
      return body();
    });
  }

  private putCurrent(ban: BanDecision): void {
    const key = keyOf(ban.jail, ban.address);
    const current = this.bans.get(key);
    if (current !== undefined && current.startMs > ban.startMs) return;
    const matches = trimMatches(ban.matches, this.options);
    const { matches: _given, ...rest } = ban;
    this.bans.set(key, matches === undefined ? rest : { ...rest, matches });
  }

  /** Adds `row` to the history (recordBans), or merges it by maximum (importRecords). */
  private putHistory(row: BanHistoryRow, add: boolean): void {
    const key = keyOf(row.jail, row.address);
    const entry = this.history.get(key);
    if (entry === undefined) {
      this.history.set(key, { ...row });
      return;
    }
    entry.count = add ? entry.count + row.count : Math.max(entry.count, row.count);
    if (row.lastStartMs >= entry.lastStartMs) {
      entry.lastStartMs = row.lastStartMs;
      entry.durationSec = row.durationSec;
    }
  }

  recordBans(bans: readonly BanDecision[]): Promise<void> {
    return this.open(() => {
      for (const ban of bans) {
        this.putCurrent(ban);
        const { jail, address, startMs, durationSec } = ban;
        this.putHistory({ jail, address, count: 1, lastStartMs: startMs, durationSec }, true);
      }
    });
  }

  recordUnbans(unbans: readonly UnbanDecision[], atMs: number): Promise<number> {
    return this.open(() => {
      let removed = 0;
      for (const unban of unbans) {
        const key = keyOf(unban.jail, unban.address);
        const current = this.bans.get(key);
        if (current !== undefined && current.startMs <= atMs) {
          this.bans.delete(key);
          removed++;
        }
        const entry = this.history.get(key);
        if (entry !== undefined && entry.lastStartMs <= atMs) this.history.delete(key);
      }
      return removed;
    });
  }

  unbanAll(jail?: string): Promise<number> {
    return this.open(() => {
      let removed = 0;
      for (const [key, ban] of this.bans) {
        if (jail !== undefined && ban.jail !== jail) continue;
        this.bans.delete(key);
        removed++;
      }
      for (const [key, entry] of this.history) {
        if (jail === undefined || entry.jail === jail) this.history.delete(key);
      }
      return removed;
    });
  }

  activeBans(nowMs: number, options: ActiveBansOptions = {}): Promise<BanDecision[]> {
    return this.open(() => {
      const active: BanDecision[] = [];
      for (const ban of this.bans.values()) {
        if (!isBanActive(ban.startMs, ban.durationSec, nowMs)) continue;
        const { matches, ...rest } = ban;
        active.push(
          options.matches === true && matches !== undefined ? { ...rest, matches: [...matches] } : rest,
        );
      }
      return active;
    });
  }

  banHistory(): Promise<BanHistoryRow[]> {
    return this.open(() => [...this.history.values()].map((entry) => ({ ...entry })));
  }

  importRecords(bans: readonly BanDecision[], history: readonly BanHistoryRow[]): Promise<void> {
    return this.open(() => {
      for (const ban of bans) this.putCurrent(ban);
      for (const row of history) this.putHistory(row, false);
    });
  }

  purge(olderThanMs: number): Promise<PurgeReport> {
    return this.open(() => {
      let bans = 0;
      let history = 0;
      for (const [key, ban] of this.bans) {
        if (banEndMs(ban.startMs, ban.durationSec) >= olderThanMs) continue;
        this.bans.delete(key);
        bans++;
      }
      for (const [key, entry] of this.history) {
        if (!isHistoryPurgeable(entry.lastStartMs, entry.durationSec, olderThanMs)) continue;
        this.history.delete(key);
        history++;
      }
      return { bans, history };
    });
  }

  load(key: string): Promise<SourcePosition | undefined> {
    return this.open(() => this.positions.get(key));
  }

  save(key: string, position: SourcePosition): Promise<void> {
    return this.open(() => {
      this.positions.set(key, position);
    });
  }

  flushPositions(): Promise<void> {
    return this.open(() => undefined);
  }

  counts(): Promise<StoreCounts> {
    return this.open(() => ({
      bans: this.bans.size,
      history: this.history.size,
      positions: this.positions.size,
    }));
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
