// The ban sink of a real run: each ban is written to the ban store first (one transaction for all
// bans handed over meanwhile), then to the kernel through the firewall batcher (one nft/ipset
// transaction per batch), then to the jail's other actions (mail, commands). A ban that reached the
// kernel is therefore always in the store. A kernel change the batcher gives up on is reported, kept
// and tried again every retryIntervalMs while its ban lasts: no ban is lost.
import type { ActionRunner } from '../actions/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';
import {
  createBanBatcher,
  isBan,
  type BanBatcher,
  type FirewallBackend,
  type FirewallChange,
} from '../firewall/index.js';
import type { Fail2nftMetrics } from '../observability/index.js';
import type { BanStore } from '../persistence/index.js';
import type { BanSink, BanSinkStats } from './ban-sink.js';

export interface EnforcementSinkOptions {
  readonly backend: FirewallBackend;
  readonly store: BanStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics?: Fail2nftMetrics;
  /** The jails' other actions; not run when absent. */
  readonly actions?: ActionRunner;
  readonly maxBatch?: number;
  readonly maxDelayMs?: number;
  /**
   * Jails with a firewall rule (the set may change on reload); bans of other jails (only mail or
   * command actions) are stored and passed to their actions but have no kernel element.
   */
  readonly enforcedJails: ReadonlySet<string>;
  /** How often kernel changes that failed are tried again (default 10 s). */
  readonly retryIntervalMs?: number;
}

export interface EnforcementSink extends BanSink {
  readonly batcher: BanBatcher;
  /** Changes given up by the batcher and waiting for their next try. */
  failedWaiting(): number;
}

type Pending =
  | { readonly kind: 'ban'; readonly decision: BanDecision; readonly readAtMs: number }
  | { readonly kind: 'unban'; readonly decision: UnbanDecision };

const keyOf = (change: { jail: string; address: string }): string => `${change.jail}\0${change.address}`;

export function createEnforcementSink(options: EnforcementSinkOptions): EnforcementSink {
  const { backend, store, clock, logger, metrics, actions } = options;
  let pending: Pending[] = [];
  let writing: Promise<void> | undefined;
  let failedWaitingChanges: FirewallChange[] = [];
  let bans = 0;
  let unbans = 0;
  const readAt = new Map<string, number>();

  const batcher = createBanBatcher({
    backend,
    clock,
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
    ...(options.maxDelayMs === undefined ? {} : { maxDelayMs: options.maxDelayMs }),
    onCommitted: (batch, result) => {
      const nowMs = clock.now();
      const seconds = batcher.stats().lastCommitDurationMs / 1000;
      metrics?.observeFirewallTransaction(backend.kind, {
        elements: batch.bans.length + batch.unbans.length,
        seconds,
        result: 'committed',
      });
      for (const ban of batch.bans) {
        const key = keyOf(ban);
        const read = readAt.get(key);
        readAt.delete(key);
        if (read !== undefined) metrics?.observeBanLatency(ban.jail, Math.max(0, nowMs - read) / 1000);
        if (actions !== undefined) void actions.ban(ban);
      }
      if (actions !== undefined) for (const unban of batch.unbans) void actions.unban(unban);
      for (const rejected of result.rejected)
        logger.error(
          { jail: rejected.change.jail, address: rejected.change.address, err: rejected.error },
          'firewall refused a change',
        );
    },
    onFailed: (failure) => {
      metrics?.observeFirewallTransaction(backend.kind, {
        elements: failure.changes.length,
        seconds: 0,
        result: 'failed',
      });
      metrics?.recordError('firewall', failure.error);
      logger.error(
        { err: failure.error, changes: failure.changes.length, retryInMs: options.retryIntervalMs ?? 10_000 },
        'firewall changes failed; they stay in the store and are tried again',
      );
      failedWaitingChanges.push(...failure.changes);
    },
  });

  const retryTimer = setInterval(() => {
    if (failedWaitingChanges.length === 0) return;
    const nowMs = clock.now();
    const changes = failedWaitingChanges;
    failedWaitingChanges = [];
    for (const change of changes) {
      // A ban that ended meanwhile needs no kernel element any more.
      if (isBan(change) && change.durationSec >= 0 && change.startMs + change.durationSec * 1000 <= nowMs)
        continue;
      batcher.submit(change);
    }
  }, options.retryIntervalMs ?? 10_000);
  retryTimer.unref();

  async function writeLoop(): Promise<void> {
    // Bounded by what is pending; ban() restarts the loop when it ended.
    for (let round = 0; pending.length > 0 && round < 1_000_000_000; round++) {
      const batch = pending;
      pending = [];
      const banBatch: BanDecision[] = [];
      const unbanBatch: UnbanDecision[] = [];
      for (const item of batch) {
        if (item.kind === 'ban') banBatch.push(item.decision);
        else unbanBatch.push(item.decision);
      }
      const started = performance.now();
      try {
        if (banBatch.length > 0) await store.recordBans(banBatch);
        if (unbanBatch.length > 0) await store.recordUnbans(unbanBatch, clock.now());
        metrics?.observeStoreWrite((performance.now() - started) / 1000);
      } catch (error) {
        // The kernel still gets the bans: protection first; the store error is reported loudly.
        metrics?.recordError('persistence', error);
        logger.error(
          { err: error, bans: banBatch.length, unbans: unbanBatch.length },
          'cannot record bans in the store',
        );
      }
      for (const item of batch) {
        if (!options.enforcedJails.has(item.decision.jail)) {
          if (actions === undefined) continue;
          if (item.kind === 'ban') void actions.ban(item.decision);
          else void actions.unban(item.decision);
          continue;
        }
        if (item.kind === 'ban') readAt.set(keyOf(item.decision), item.readAtMs);
        batcher.submit(item.decision);
      }
    }
  }

  function kick(): void {
    writing ??= writeLoop().finally(() => {
      writing = undefined;
      if (pending.length > 0) kick();
    });
  }

  async function settled(): Promise<void> {
    // Bounded: each round waits for one write loop; new work during a flush only adds rounds.
    for (let round = 0; (writing !== undefined || pending.length > 0) && round < 1000; round++) {
      if (writing === undefined) kick();
      await writing;
    }
  }

  return {
    batcher,
    ban(decision, readAtMs) {
      bans++;
      pending.push({ kind: 'ban', decision, readAtMs });
      kick();
    },
    unban(decision) {
      unbans++;
      pending.push({ kind: 'unban', decision });
      kick();
    },
    async flush() {
      await settled();
      await batcher.flush();
    },
    async close() {
      await settled();
      await batcher.close();
      clearInterval(retryTimer);
    },
    stats: (): BanSinkStats => ({ bans, unbans }),
    failedWaiting: () => failedWaitingChanges.length,
  };
}
