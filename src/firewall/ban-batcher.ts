// Collects bans and unbans into few, large firewall transactions: a batch is committed when maxBatch
// changes are queued or maxDelayMs after its first change, one transaction at a time (changes arriving
// meanwhile form the next batch). A failing transaction is retried with exponential backoff, then split
// in halves until the changes the kernel refuses are isolated: those are reported through onFailed,
// the others committed. Every submitted change ends committed or reported, never silently dropped.
import type { Clock } from '../core/clock.js';
import { Fail2nftError } from '../core/errors.js';
import type { BanDecision, UnbanDecision } from '../core/records.js';
import type { ApplyResult, FirewallBatch } from './firewall-batch.js';
import type { FirewallBackend } from './firewall-backend.js';
import { checkInteger } from './firewall-option-rules.js';
import { createSystemTimers, type FirewallTimers, type TimerHandle } from './firewall-timers.js';

export type FirewallChange = BanDecision | UnbanDecision;

export function isBan(change: FirewallChange): change is BanDecision {
  return 'durationSec' in change;
}

export interface BanBatcherRetry {
  /** Tries of a whole batch before it is split (1 = no retry). */
  readonly attempts?: number;
  /** Wait before the first retry; doubled before each further one. */
  readonly baseDelayMs?: number;
  /** Longest wait between retries. */
  readonly maxDelayMs?: number;
  /** Most transactions spent splitting one failed batch; what is left unresolved is reported failed. */
  readonly isolationBudget?: number;
}

export interface BatchFailure {
  readonly changes: readonly FirewallChange[];
  readonly error: Fail2nftError;
}

export interface BanBatcherOptions {
  readonly backend: Pick<FirewallBackend, 'apply'>;
  readonly clock: Clock;
  readonly timers?: FirewallTimers;
  readonly maxBatch?: number;
  readonly maxDelayMs?: number;
  readonly retry?: BanBatcherRetry;
  /** After each successful transaction. Must not throw (a throw surfaces as an uncaught exception). */
  readonly onCommitted?: (batch: FirewallBatch, result: ApplyResult) => void;
  /** Changes that could not be applied: refused at the boundary, or isolated by splitting. Must not throw. */
  readonly onFailed?: (failure: BatchFailure) => void;
}

export interface BanBatcherStats {
  /** Transactions tried (each retry and each split part counts). */
  readonly transactions: number;
  /** Elements committed. */
  readonly elements: number;
  /** Transactions that failed. */
  readonly failures: number;
  readonly retries: number;
  /** Changes reported through onFailed. */
  readonly failedChanges: number;
  /** Clock time of the last successful transaction (0 before the first). */
  readonly lastCommitMs: number;
  /** How long the last successful transaction took. */
  readonly lastCommitDurationMs: number;
  /** Changes waiting for a transaction. */
  readonly queued: number;
  /** Changes in the transaction under way. */
  readonly inFlight: number;
}

export interface BanBatcher {
  /** Queues a change; a later change of the same jail and address replaces it (the last one wins). */
  submit(change: FirewallChange): void;
  /** Resolves when every change submitted so far is committed or reported failed. */
  flush(): Promise<void>;
  /** Flushes, then refuses further changes (F2N_ERR_FIREWALL_BATCHER_CLOSED). */
  close(): Promise<void>;
  stats(): BanBatcherStats;
}

export const banBatcherDefaults = {
  maxBatch: 5000,
  maxDelayMs: 5,
  retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 2000, isolationBudget: 256 },
} as const;

interface Entry {
  readonly change: FirewallChange;
  readonly seq: number;
}

const owner = 'ban batcher';

function batchOf(changes: readonly FirewallChange[]): FirewallBatch {
  const bans: BanDecision[] = [];
  const unbans: UnbanDecision[] = [];
  for (const change of changes) {
    if (isBan(change)) bans.push(change);
    else unbans.push(change);
  }
  return { bans, unbans };
}

function asFail2nftError(error: unknown): Fail2nftError {
  if (error instanceof Fail2nftError) return error;
  return new Fail2nftError(
    'F2N_ERR_FIREWALL_COMMAND_FAILED',
    `firewall transaction failed: ${String(error)}`,
    {},
    error,
  );
}

/** Callback errors are bugs of the caller: surface them without breaking the batcher's loop. */
function callSafely(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

class QueuedBanBatcher implements BanBatcher {
  private readonly backend: Pick<FirewallBackend, 'apply'>;
  private readonly clock: Clock;
  private readonly timers: FirewallTimers;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly isolationBudget: number;
  private readonly onCommitted: BanBatcherOptions['onCommitted'];
  private readonly onFailed: BanBatcherOptions['onFailed'];

  private readonly queue = new Map<string, Entry>();
  private delayTimer: TimerHandle | undefined;
  private delayElapsed = false;
  private inFlight = 0;
  private submittedSeq = 0;
  private completedSeq = 0;
  private flushTarget = 0;
  private closed = false;
  private waiters: { seq: number; resolve: () => void }[] = [];
  private counters = {
    transactions: 0,
    elements: 0,
    failures: 0,
    retries: 0,
    failedChanges: 0,
    lastCommitMs: 0,
    lastCommitDurationMs: 0,
  };

  constructor(options: BanBatcherOptions) {
    const retry = options.retry ?? {};
    const d = banBatcherDefaults;
    this.backend = options.backend;
    this.clock = options.clock;
    this.timers = options.timers ?? createSystemTimers();
    this.maxBatch = checkInteger(owner, 'maxBatch', options.maxBatch ?? d.maxBatch, 1, 10_000_000);
    this.maxDelayMs = checkInteger(owner, 'maxDelayMs', options.maxDelayMs ?? d.maxDelayMs, 0, 60_000);
    this.attempts = checkInteger(owner, 'retry.attempts', retry.attempts ?? d.retry.attempts, 1, 100);
    this.baseDelayMs = checkInteger(
      owner,
      'retry.baseDelayMs',
      retry.baseDelayMs ?? d.retry.baseDelayMs,
      0,
      600_000,
    );
    this.maxRetryDelayMs = checkInteger(
      owner,
      'retry.maxDelayMs',
      retry.maxDelayMs ?? d.retry.maxDelayMs,
      0,
      3_600_000,
    );
    this.isolationBudget = checkInteger(
      owner,
      'retry.isolationBudget',
      retry.isolationBudget ?? d.retry.isolationBudget,
      0,
      1_000_000,
    );
    this.onCommitted = options.onCommitted;
    this.onFailed = options.onFailed;
  }

  submit(change: FirewallChange): void {
    if (this.closed) throw new Fail2nftError('F2N_ERR_FIREWALL_BATCHER_CLOSED');
    const key = `${change.jail}\0${change.address}`;
    // Re-inserting keeps the queue ordered by submission, so batches are prefixes of it (flush relies on it).
    this.queue.delete(key);
    this.queue.set(key, { change, seq: ++this.submittedSeq });
    if (this.delayTimer === undefined && !this.delayElapsed) {
      this.delayTimer = this.timers.setTimeout(() => {
        this.delayTimer = undefined;
        this.delayElapsed = true;
        this.pump();
      }, this.maxDelayMs);
    }
    this.pump();
  }

  flush(): Promise<void> {
    const seq = this.submittedSeq;
    if (this.completedSeq >= seq) return Promise.resolve();
    this.flushTarget = Math.max(this.flushTarget, seq);
    const done = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    this.pump();
    return done;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    if (this.delayTimer !== undefined) this.timers.clearTimeout(this.delayTimer);
    this.delayTimer = undefined;
  }

  stats(): BanBatcherStats {
    return { ...this.counters, queued: this.queue.size, inFlight: this.inFlight };
  }

  private due(): boolean {
    return this.delayElapsed || this.queue.size >= this.maxBatch || this.completedSeq < this.flushTarget;
  }

  private pump(): void {
    if (this.inFlight > 0 || this.queue.size === 0 || !this.due()) return;
    const entries: Entry[] = [];
    for (const [key, entry] of this.queue) {
      if (entries.length >= this.maxBatch) break;
      entries.push(entry);
      this.queue.delete(key);
    }
    if (this.queue.size === 0) {
      this.delayElapsed = false;
      if (this.delayTimer !== undefined) this.timers.clearTimeout(this.delayTimer);
      this.delayTimer = undefined;
    }
    this.inFlight = entries.length;
    const lastSeq = entries.at(-1)?.seq ?? this.completedSeq;
    void this.commit(entries.map((entry) => entry.change)).then(() => {
      this.inFlight = 0;
      this.completedSeq = lastSeq;
      this.releaseWaiters();
      this.pump();
    });
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((waiter) => waiter.seq <= this.completedSeq);
    this.waiters = this.waiters.filter((waiter) => waiter.seq > this.completedSeq);
    for (const waiter of ready) waiter.resolve();
  }

  /** Never rejects: every change ends committed or reported. */
  private async commit(changes: readonly FirewallChange[]): Promise<void> {
    let lastError: Fail2nftError | undefined;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (attempt > 0) {
        this.counters.retries++;
        await this.sleep(Math.min(this.maxRetryDelayMs, this.baseDelayMs * 2 ** (attempt - 1)));
      }
      const error = await this.tryApply(changes);
      if (error === undefined) return;
      lastError = error;
    }
    if (lastError !== undefined) await this.isolate(changes, lastError);
  }

  /** Splits a failing batch in halves, breadth first, until each failing part is one change. */
  private async isolate(changes: readonly FirewallChange[], error: Fail2nftError): Promise<void> {
    if (changes.length === 1) {
      this.fail(changes, error);
      return;
    }
    let budget = this.isolationBudget;
    const parts: { changes: readonly FirewallChange[]; error: Fail2nftError }[] = [];
    const split = (part: readonly FirewallChange[], cause: Fail2nftError): void => {
      const middle = Math.ceil(part.length / 2);
      parts.push(
        { changes: part.slice(0, middle), error: cause },
        { changes: part.slice(middle), error: cause },
      );
    };
    split(changes, error);
    for (let part = parts.shift(); part !== undefined; part = parts.shift()) {
      if (budget <= 0) {
        this.fail(part.changes, part.error);
        continue;
      }
      budget--;
      const partError = await this.tryApply(part.changes);
      if (partError === undefined) continue;
      if (part.changes.length === 1) this.fail(part.changes, partError);
      else split(part.changes, partError);
    }
  }

  private async tryApply(changes: readonly FirewallChange[]): Promise<Fail2nftError | undefined> {
    const batch = batchOf(changes);
    const started = this.clock.now();
    this.counters.transactions++;
    let result: ApplyResult;
    try {
      result = await this.backend.apply(batch, started);
    } catch (error) {
      this.counters.failures++;
      return asFail2nftError(error);
    }
    this.counters.elements += result.applied;
    this.counters.lastCommitMs = this.clock.now();
    this.counters.lastCommitDurationMs = this.counters.lastCommitMs - started;
    const { onCommitted } = this;
    if (onCommitted !== undefined)
      callSafely(() => {
        onCommitted(batch, result);
      });
    for (const rejected of result.rejected) this.fail([rejected.change], rejected.error);
    return undefined;
  }

  private fail(changes: readonly FirewallChange[], error: Fail2nftError): void {
    this.counters.failedChanges += changes.length;
    const { onFailed } = this;
    if (onFailed !== undefined)
      callSafely(() => {
        onFailed({ changes, error });
      });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.setTimeout(resolve, ms));
  }
}

export function createBanBatcher(options: BanBatcherOptions): BanBatcher {
  return new QueuedBanBatcher(options);
}
