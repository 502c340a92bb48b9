// The part of the service between matching and enforcement: every failure the match engine found goes,
// in log order, through the ignore lists, the failure counter and the ban decision; bans go to the ban
// sink. The engine hands results over synchronously; they are queued here and processed by one loop
// (decisions may wait for an ignorecommand). The queue is bounded: sources ask room() after each chunk
// and wait, so reading pauses when deciding falls behind.
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { BanDecision, FailureEvent } from '../core/records.js';
import type { CountingStage } from '../counting/index.js';
import type { DecisionOutcome, DecisionStage } from '../decisions/index.js';
import type { EngineResult } from '../matching/match-engine-types.js';
import type { BanSink } from './ban-sink.js';

export interface FailurePipelineOptions {
  readonly counting: CountingStage;
  readonly decisions: DecisionStage;
  readonly sink: BanSink;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Results queued before room() makes sources wait (default 32). */
  readonly maxQueuedResults?: number;
  /** Called for each new ban after the sink took it (ban notices for recidive, metrics). */
  readonly onBan?: (decision: BanDecision) => void;
  /** Called when all lines of a source up to `line` are decided (the position gate). */
  readonly onProcessed?: (sourceId: string, line: number) => void;
  /** Called for every failure that was counted, ignored or decided (metrics, tests). */
  readonly onOutcome?: (jail: string, outcome: PipelineOutcome) => void;
}

/** Longest stretch the pipeline keeps the event loop before letting timers and I/O run. */
const TIME_SLICE_MS = 4;

export type PipelineOutcome = 'ignored' | 'counted' | DecisionOutcome['kind'];

export interface FailurePipelineStats {
  readonly results: number;
  readonly failures: number;
  readonly ignored: number;
  readonly bans: number;
  readonly alreadyBanned: number;
  /** Chunks whose matching failed for good (their failures are lost and were logged). */
  readonly failedChunks: number;
  readonly queued: number;
}

interface Queued {
  readonly result: EngineResult;
  readonly readAtMs: number;
}

export class FailurePipeline {
  private readonly queue: (Queued | undefined)[] = [];
  private head = 0;
  private running = false;
  private readonly roomWaiters: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private readonly maxQueued: number;
  private failure: Error | undefined;
  private readonly counters = {
    results: 0,
    failures: 0,
    ignored: 0,
    bans: 0,
    alreadyBanned: 0,
    failedChunks: 0,
  };

  constructor(private readonly options: FailurePipelineOptions) {
    this.maxQueued = options.maxQueuedResults ?? 32;
  }

  /** Takes one engine result (in order per source); `readAtMs`: when its first line was read. */
  handle(result: EngineResult, readAtMs: number): void {
    this.queue.push({ result, readAtMs });
    if (!this.running) {
      this.running = true;
      void this.run();
    }
  }

  /** A promise to wait on when too much is queued; undefined when there is room. */
  room(): Promise<void> | undefined {
    this.assertHealthy();
    if (this.queued() < this.maxQueued) return undefined;
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Resolves when nothing is queued or being processed. */
  idle(): Promise<void> {
    if (!this.running && this.queued() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stats(): FailurePipelineStats {
    return { ...this.counters, queued: this.queued() };
  }

  private queued(): number {
    return this.queue.length - this.head;
  }

  private assertHealthy(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private async run(): Promise<void> {
    try {
      // Bounded by what is queued; handle() restarts the loop when it ended.
      while (this.head < this.queue.length) {
        const next = this.queue[this.head];
        // Drop the reference at once: a result holds its failures and their log lines.
        this.queue[this.head] = undefined;
        this.head++;
        if (this.head === this.queue.length) {
          this.queue.length = 0;
          this.head = 0;
        } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
          this.queue.splice(0, this.head);
          this.head = 0;
        }
        if (next === undefined) break;
        await this.process(next);
        if (this.queued() < this.maxQueued) for (const wake of this.roomWaiters.splice(0)) wake();
      }
    } catch (error) {
      // A bug, not an input problem: stop taking results and let the service report it.
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.options.logger.error({ err: this.failure }, 'failure pipeline stopped');
      for (const wake of this.roomWaiters.splice(0)) wake();
    } finally {
      this.running = false;
      if (this.queued() === 0 || this.failure !== undefined)
        for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async process({ result, readAtMs }: Queued): Promise<void> {
    const { counting, decisions, logger } = this.options;
    this.counters.results++;
    if (result.error !== undefined) {
      this.counters.failedChunks++;
      logger.error(
        { source: result.sourceId, code: result.error.code, err: result.error },
        result.error.message,
      );
    }
    let sliceStart = performance.now();
    let sinceCheck = 0;
    for (const failure of result.failures) {
      // Awaiting decisions only queues microtasks, which never let timers or I/O run: a chunk of a
      // flood (thousands of bans) would hold the event loop for 100-300 ms, and with it the firewall
      // batcher's timer and its finished transactions. Hand the loop back every few milliseconds.
      if (++sinceCheck >= 64) {
        sinceCheck = 0;
        if (performance.now() - sliceStart > TIME_SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
      this.counters.failures++;
      const ignored = decisions.ignoredBy(failure.jail, failure.id, failure.kind);
      if (ignored !== undefined) {
        this.counters.ignored++;
        this.options.onOutcome?.(failure.jail, 'ignored');
        logger.debug({ jail: failure.jail, id: failure.id, by: ignored }, 'ignored');
        continue;
      }
      const event: FailureEvent = {
        jail: failure.jail,
        id: failure.id,
        kind: failure.kind,
        timeMs: failure.timeMs,
        ...(failure.user === undefined ? {} : { user: failure.user }),
        matches: failure.matches,
        source: result.sourceId,
      };
      const weight = decisions.failureWeight(failure.jail, failure.id, failure.timeMs);
      const candidate = counting.count(event, weight);
      if (candidate === undefined) {
        this.options.onOutcome?.(failure.jail, 'counted');
        continue;
      }
      const outcome = await decisions.decide(candidate);
      this.options.onOutcome?.(failure.jail, outcome.kind);
      this.apply(outcome, readAtMs);
    }
    this.options.onProcessed?.(result.sourceId, result.firstLine + result.lines - 1);
  }

  private apply(outcome: DecisionOutcome, readAtMs: number): void {
    const { logger } = this.options;
    switch (outcome.kind) {
      case 'ban': {
        const decision = outcome.decision;
        this.counters.bans++;
        this.options.sink.ban(decision, readAtMs);
        logger.info(
          {
            jail: decision.jail,
            address: decision.address,
            bantime: decision.durationSec,
            failures: decision.failures,
            bancount: decision.banCount,
            ...(outcome.problems.length === 0 ? {} : { problems: outcome.problems }),
          },
          `Ban ${decision.address}`,
        );
        this.options.onBan?.(decision);
        return;
      }
      case 'already-banned':
        this.counters.alreadyBanned++;
        return;
      default:
        return;
    }
  }
}
