// The matching stage on worker threads: sources' bytes in, failures out in log order per source.
//
//   push(source, bytes) ─▶ LineChunker (into shared memory) ─▶ chunk ─┬─▶ stateless task: any shard
//                                                                     └─▶ stateful task: the source's shard
//   shard = a one-thread piscina pool; results ─▶ per-source sequencer ─▶ onResult / results()
//
// - Stateless jails (maxlines 1, no <F-MLFID>) of a chunk run on the least busy shard, so chunks of one
//   source run in parallel; the sequencer delivers them in order. A chunk whose first lines have no
//   date needs the previous chunk's date memory: such a task says so (needsCarry) and runs again once
//   its predecessor is delivered (rare: syslog lines all carry a date).
// - Stateful jails (sessions, multi-line buffers) keep their state in the one worker their source is
//   pinned to (hash of the source id), one task at a time per source, in order. Pinning was chosen over
//   carrying the state in and out of each task: the state (session maps, buffered lines, the date
//   detector's memory) would be serialised twice per chunk, while these jails are few and not the hot
//   path. One task at a time also keeps a retried chunk ahead of its successors, and is what keeps
//   the order at all: sending the next task before the previous one's result (tried in session 4, the
//   worker idles 12-20% of the time on the mail set while results travel) made piscina 5.3 run two
//   tasks submitted back to back on a one-thread pool in the opposite order, after the thread had been
//   idle. Pipelining would need a sequence check in the worker.
// - With a single worker both parts would run on the same thread, one after the other: a source with a
//   stateful jail then has only a stateful part holding all its jails, so each chunk's lines are scanned,
//   split and dated once, not twice (mail set with sshd, one worker: 1.53-1.74M -> 1.88-1.99M lines/s).
// - A task whose worker fails (throws, or exits: piscina replaces the thread) is tried again, up to
//   maxAttempts; its chunk's failures are counted once, as only a finished task has any. A replaced
//   worker has lost the stateful jails' sessions and multi-line buffers (counted as stateResets); their
//   date memory is handed in with every task and survives.
// - Backpressure: at most maxChunksInFlight chunks are formed and not yet delivered; push() returns a
//   promise while the bound is reached (bytes beyond it wait, in the caller's buffers, until there is
//   room). A source with nothing in flight sends its whole lines at once (low latency when tailing); one
//   that is busy gathers them into bigger chunks.
// - Chunks are views of shared memory (SharedChunkPool): no copy per worker.
import { Piscina } from 'piscina';
import { Fail2nftError } from '../core/errors.js';
import { LineChunker, type LineChunk } from './line-chunker.js';
import { mergeFailures } from './failure-order.js';
import { unpackFailures } from './packed-failures.js';
import { fillMatchEngineOptions, type FilledMatchEngineOptions } from './match-engine-options.js';
import type { EngineResult, EngineStats, MatchEngine, MatchEngineOptions } from './match-engine-types.js';
import type { MatchTask, MatchTaskResult, SourcePart, WorkerSetup, WorkerSource } from './match-task.js';
import { SharedChunkPool } from './shared-chunk-pool.js';
import { countDateGroups } from './source-matcher.js';
import { splitSource } from './source-parts.js';
import type { DateCarry, SourceSpec } from './source-matcher-types.js';

type Carry = (DateCarry | null)[];

interface PartRun {
  readonly part: SourcePart;
  result: MatchTaskResult | undefined;
  error: Fail2nftError | undefined;
  attempts: number;
  running: boolean;
  /** Ran without the predecessor's date memory and needs it: run again when the chunk is next. */
  rerun: boolean;
}

interface ChunkJob {
  readonly seq: number;
  readonly bytes: Buffer;
  readonly skippedBefore: number;
  readonly nowMs: number;
  readonly inOperation: boolean;
  readonly stateless: PartRun | undefined;
  readonly stateful: PartRun | undefined;
}

type PendingInput = Buffer | { readonly inOperation: boolean };

interface SourceState {
  readonly id: string;
  readonly chunker: LineChunker;
  readonly jailOrder: ReadonlyMap<string, number>;
  /** Jail names of each part, as the workers number them. */
  readonly statelessJails: readonly string[];
  readonly statefulJails: readonly string[];
  readonly hasStateless: boolean;
  readonly hasStateful: boolean;
  readonly shard: number;
  readonly statelessGroups: number;
  readonly jobs: Map<number, ChunkJob>;
  nextSeq: number;
  deliverSeq: number;
  linesDelivered: number;
  inOperation: boolean;
  /** Date memory after the last delivered chunk (stateless part). */
  statelessCarry: Carry;
  /** Date memory after the last finished stateful task. */
  statefulCarry: Carry;
  readonly statefulQueue: ChunkJob[];
  statefulBusy: boolean;
  readonly pending: PendingInput[];
  pumping: Promise<void> | undefined;
}

interface Shard {
  readonly pool: Piscina<MatchTask, MatchTaskResult>;
  outstanding: number;
}

interface Counters {
  chunks: number;
  bytes: number;
  lines: number;
  failures: number;
  skippedLong: number;
  invalidUtf8: number;
  nulLines: number;
  retries: number;
  tasks: number;
  failedChunks: number;
  carryReruns: number;
  stateResets: number;
}

function emptyCarry(groups: number): Carry {
  return Array.from({ length: groups }, () => ({ lastDate: undefined, lastTimeText: '' }));
}

/** The memory after a chunk: its own, or the one before where the chunk had no dated line. */
function nextCarry(before: Carry, after: readonly (DateCarry | null)[]): Carry {
  return before.map((entry, g) => after[g] ?? entry);
}

function hashSourceId(id: string, shards: number): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % shards;
}

function countLines(bytes: Buffer): number {
  let lines = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
  return lines;
}

class WorkerMatchEngine implements MatchEngine {
  private readonly options: FilledMatchEngineOptions;
  private readonly sources = new Map<string, SourceState>();
  private readonly shards: Shard[] = [];
  private readonly pool: SharedChunkPool;
  private readonly counters: Counters = {
    chunks: 0,
    bytes: 0,
    lines: 0,
    failures: 0,
    skippedLong: 0,
    invalidUtf8: 0,
    nulLines: 0,
    retries: 0,
    tasks: 0,
    failedChunks: 0,
    carryReruns: 0,
    stateResets: 0,
  };
  /** Chunks formed and not yet taken by the consumer (the backpressure bound). */
  private undelivered = 0;
  /** Chunks formed and not yet delivered (to onResult or the results queue). */
  private unfinished = 0;
  private nextStatelessShard = 0;
  private roomWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private readonly queue: EngineResult[] = [];
  private readers: ((result: IteratorResult<EngineResult>) => void)[] = [];
  private closed = false;
  /** An exception thrown by onResult: the engine stops and hands it to the next caller. */
  private fatal: Error | undefined;

  constructor(specs: readonly SourceSpec[], options: MatchEngineOptions) {
    this.options = fillMatchEngineOptions(options);
    const { workers, chunkBytes, maxLineLength } = this.options;
    this.pool = new SharedChunkPool(chunkBytes, this.options.maxChunksInFlight + 2 * specs.length);
    const workerSources: Record<string, WorkerSource> = {};
    for (const spec of specs) {
      if (this.sources.has(spec.id)) {
        throw new Fail2nftError('F2N_ERR_MATCH_UNKNOWN_SOURCE', `source ${spec.id} is given twice`, {
          source: spec.id,
        });
      }
      const names = new Set(spec.jails.map((j) => j.name));
      if (names.size !== spec.jails.length) {
        throw new Fail2nftError('F2N_ERR_MATCH_BAD_OPTION', `source ${spec.id} lists a jail twice`, {
          source: spec.id,
        });
      }
      const parts = splitSource(spec, workers === 1);
      workerSources[spec.id] = {
        ...(parts.stateless === undefined ? {} : { stateless: parts.stateless }),
        ...(parts.stateful === undefined ? {} : { stateful: parts.stateful }),
      };
      const statefulGroups = countDateGroups(parts.stateful?.jails ?? []);
      const statelessGroups = countDateGroups(parts.stateless?.jails ?? []);
      this.sources.set(spec.id, {
        id: spec.id,
        chunker: new LineChunker({
          maxLineLength,
          chunkBytes,
          allocate: (size) => this.pool.allocate(size),
        }),
        jailOrder: parts.jailOrder,
        statelessJails: (parts.stateless?.jails ?? []).map((j) => j.name),
        statefulJails: (parts.stateful?.jails ?? []).map((j) => j.name),
        hasStateless: parts.stateless !== undefined,
        hasStateful: parts.stateful !== undefined,
        shard: hashSourceId(spec.id, workers),
        statelessGroups,
        jobs: new Map(),
        nextSeq: 0,
        deliverSeq: 0,
        linesDelivered: 0,
        inOperation: this.options.inOperation,
        statelessCarry: emptyCarry(statelessGroups),
        statefulCarry: emptyCarry(statefulGroups),
        statefulQueue: [],
        statefulBusy: false,
        pending: [],
        pumping: undefined,
      });
    }
    const fault = this.options.faultInjection;
    const setup: WorkerSetup = {
      sources: workerSources,
      options: {
        maxLineLength,
        checkFindTime: this.options.checkFindTime,
        inOperation: this.options.inOperation,
        findtimeMs: this.options.findtimeMs,
      },
      ...(fault === undefined
        ? {}
        : {
            fault: {
              ...fault,
              remaining: new Int32Array(new SharedArrayBuffer(4)).fill(fault.times),
            },
          }),
    };
    const filename = new URL('./match-worker.js', import.meta.url).href;
    for (let i = 0; i < workers; i++) {
      this.shards.push({
        pool: new Piscina<MatchTask, MatchTaskResult>({
          filename,
          minThreads: 1,
          maxThreads: 1,
          concurrentTasksPerWorker: 1,
          idleTimeout: 2 ** 31 - 1,
          workerData: setup,
          // A worker's failures live only until its chunk is answered, so a smaller young generation
          // than V8's default does: with 1M tracked addresses the service peaked at 498 MiB instead of
          // 502 (8 MiB: 479, but the flood matched 10-17 % slower); matching speed unchanged.
          resourceLimits: { maxYoungGenerationSizeMb: 16 },
        }),
        outstanding: 0,
      });
    }
  }

  push(sourceId: string, bytes: Buffer): Promise<void> | undefined {
    this.assertUsable();
    const source = this.source(sourceId);
    this.counters.bytes += bytes.length;
    if (source.pumping !== undefined) {
      source.pending.push(bytes);
      return source.pumping;
    }
    const rest = this.consume(source, bytes);
    if (rest !== undefined) {
      source.pending.push(rest);
      source.pumping = this.pump(source);
      return source.pumping;
    }
    return this.undelivered >= this.options.maxChunksInFlight ? this.room() : undefined;
  }

  setInOperation(sourceId: string, inOperation: boolean): void {
    this.assertUsable();
    const source = this.source(sourceId);
    if (source.pumping !== undefined) {
      source.pending.push({ inOperation });
      return;
    }
    this.flush(source);
    source.inOperation = inOperation;
  }

  results(): AsyncIterableIterator<EngineResult> {
    const next = (): Promise<IteratorResult<EngineResult>> => {
      const result = this.queue.shift();
      if (result !== undefined) {
        this.handedOver();
        return Promise.resolve({ value: result, done: false });
      }
      if (this.closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        this.readers.push(resolve);
      });
    };
    const iterator: AsyncIterableIterator<EngineResult> = {
      next,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  async drain(): Promise<void> {
    for (const source of this.sources.values()) {
      // Bounded: each round waits for one pump, and pushes during a drain only add rounds for new bytes.
      for (let round = 0; source.pumping !== undefined && round < 1_000_000; round++) await source.pumping;
      this.flush(source);
    }
    if (this.unfinished > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.assertHealthy();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.drain();
    this.closed = true;
    const readers = this.readers;
    this.readers = [];
    for (const reader of readers) reader({ value: undefined, done: true });
    await Promise.all(this.shards.map((s) => s.pool.destroy()));
  }

  stats(): EngineStats {
    return { workers: this.shards.length, chunksInFlight: this.undelivered, ...this.counters };
  }

  private assertUsable(): void {
    if (this.closed) throw new Fail2nftError('F2N_ERR_MATCH_CLOSED', 'the match engine is closed');
    this.assertHealthy();
  }

  private assertHealthy(): void {
    if (this.fatal !== undefined) throw this.fatal;
  }

  private source(sourceId: string): SourceState {
    const source = this.sources.get(sourceId);
    if (source === undefined) {
      throw new Fail2nftError('F2N_ERR_MATCH_UNKNOWN_SOURCE', `no source ${sourceId} in the match engine`, {
        source: sourceId,
      });
    }
    return source;
  }

  /** Resolves when fewer than maxChunksInFlight chunks are undelivered. */
  private room(): Promise<void> {
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /**
   * Feeds bytes to the chunker one chunk's worth at a time while there is room; returns what is left
   * when the bound is reached. Then sends the whole lines at once if the source is idle.
   */
  private consume(source: SourceState, bytes: Buffer): Buffer | undefined {
    const step = this.options.chunkBytes;
    let offset = 0;
    for (; offset < bytes.length; offset += step) {
      if (offset > 0 && this.undelivered >= this.options.maxChunksInFlight) break;
      source.chunker.push(bytes.subarray(offset, offset + step), (chunk) => {
        this.enqueue(source, chunk);
      });
    }
    if (source.jobs.size === 0) this.flush(source);
    return offset < bytes.length ? bytes.subarray(offset) : undefined;
  }

  private async pump(source: SourceState): Promise<void> {
    // Bounded by the inputs queued: each round takes one off (or waits for room first).
    for (let round = 0; source.pending.length > 0 && round < 1_000_000_000; round++) {
      if (this.undelivered >= this.options.maxChunksInFlight) await this.room();
      const next = source.pending.shift();
      if (next === undefined) break;
      if (!Buffer.isBuffer(next)) {
        this.flush(source);
        source.inOperation = next.inOperation;
        continue;
      }
      const rest = this.consume(source, next);
      if (rest !== undefined) source.pending.unshift(rest);
    }
    source.pumping = undefined;
  }

  private flush(source: SourceState): void {
    source.chunker.flush((chunk) => {
      this.enqueue(source, chunk);
    });
  }

  private enqueue(source: SourceState, chunk: LineChunk): void {
    const run = (part: SourcePart): PartRun => ({
      part,
      result: undefined,
      error: undefined,
      attempts: 0,
      running: false,
      rerun: false,
    });
    const job: ChunkJob = {
      seq: source.nextSeq++,
      bytes: chunk.bytes,
      skippedBefore: chunk.skippedLong,
      nowMs: this.options.clock.now(),
      inOperation: source.inOperation,
      stateless: source.hasStateless ? run('stateless') : undefined,
      stateful: source.hasStateful ? run('stateful') : undefined,
    };
    source.jobs.set(job.seq, job);
    this.undelivered++;
    this.unfinished++;
    this.counters.chunks++;
    if (job.stateless !== undefined) this.runStateless(source, job, job.stateless);
    if (job.stateful !== undefined) {
      source.statefulQueue.push(job);
      this.pumpStateful(source);
    }
    if (job.stateless === undefined && job.stateful === undefined) this.deliverReady(source);
  }

  private task(source: SourceState, job: ChunkJob, part: SourcePart, carry: Carry): MatchTask {
    return {
      sourceId: source.id,
      part,
      seq: job.seq,
      buffer: job.bytes.buffer,
      offset: job.bytes.byteOffset,
      length: job.bytes.length,
      nowMs: job.nowMs,
      inOperation: job.inOperation,
      carry,
    };
  }

  private runStateless(source: SourceState, job: ChunkJob, run: PartRun): void {
    const carry: Carry =
      source.deliverSeq === job.seq
        ? source.statelessCarry
        : Array.from({ length: source.statelessGroups }, () => null);
    let shard = this.nextStatelessShard;
    for (let i = 0; i < this.shards.length; i++) {
      const candidate = (this.nextStatelessShard + i) % this.shards.length;
      if ((this.shards[candidate]?.outstanding ?? 0) < (this.shards[shard]?.outstanding ?? 0))
        shard = candidate;
    }
    this.nextStatelessShard = (shard + 1) % this.shards.length;
    this.runPart(source, job, run, shard, this.task(source, job, 'stateless', carry));
  }

  private pumpStateful(source: SourceState): void {
    if (source.statefulBusy) return;
    const job = source.statefulQueue[0];
    if (job?.stateful === undefined) return;
    source.statefulBusy = true;
    this.runPart(
      source,
      job,
      job.stateful,
      source.shard,
      this.task(source, job, 'stateful', source.statefulCarry),
    );
  }

  private runPart(
    source: SourceState,
    job: ChunkJob,
    run: PartRun,
    shardIndex: number,
    task: MatchTask,
  ): void {
    const shard = this.shards[shardIndex] as Shard;
    run.running = true;
    run.attempts++;
    this.counters.tasks++;
    shard.outstanding++;
    shard.pool.run(task).then(
      (result) => {
        shard.outstanding--;
        run.running = false;
        this.options.onTask?.(shardIndex, result.busyMs);
        this.finished(source, job, run, result);
      },
      (error: unknown) => {
        shard.outstanding--;
        run.running = false;
        this.failed(source, job, run, shardIndex, task, error);
      },
    );
  }

  private finished(source: SourceState, job: ChunkJob, run: PartRun, result: MatchTaskResult): void {
    if (run.part === 'stateless' && result.needsCarry) {
      this.counters.carryReruns++;
      run.rerun = true;
    } else {
      run.result = result;
    }
    if (run.part === 'stateful') {
      if (result.stateLost) this.counters.stateResets++;
      source.statefulCarry = nextCarry(source.statefulCarry, result.lastDates);
      this.statefulDone(source);
    }
    this.deliverReady(source);
  }

  private failed(
    source: SourceState,
    job: ChunkJob,
    run: PartRun,
    shardIndex: number,
    task: MatchTask,
    error: unknown,
  ): void {
    if (run.attempts < this.options.maxAttempts) {
      this.counters.retries++;
      if (run.part === 'stateless') this.runStateless(source, job, run);
      else this.runPart(source, job, run, shardIndex, task);
      return;
    }
    run.error = new Fail2nftError(
      'F2N_ERR_MATCH_WORKER_FAILED',
      `matching chunk ${job.seq} of source ${source.id} (${run.part} jails) failed ${run.attempts} times: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { source: source.id, chunk: job.seq, part: run.part, attempts: run.attempts },
      error,
    );
    if (run.part === 'stateful') this.statefulDone(source);
    this.deliverReady(source);
  }

  private statefulDone(source: SourceState): void {
    source.statefulQueue.shift();
    source.statefulBusy = false;
    this.pumpStateful(source);
  }

  /** Delivers the source's finished chunks in order; reruns the next one if it needs the date memory. */
  private deliverReady(source: SourceState): void {
    for (
      let job = source.jobs.get(source.deliverSeq);
      job !== undefined;
      job = source.jobs.get(source.deliverSeq)
    ) {
      const { stateless, stateful } = job;
      if (stateless?.rerun === true && !stateless.running) {
        stateless.rerun = false;
        this.runStateless(source, job, stateless);
        return;
      }
      const done = (run: PartRun | undefined): boolean =>
        run === undefined || run.result !== undefined || run.error !== undefined;
      if (!done(stateless) || !done(stateful)) return;
      source.jobs.delete(job.seq);
      source.deliverSeq++;
      this.deliver(source, job);
    }
    if (source.jobs.size === 0 && source.pumping === undefined && source.chunker.hasWholeLines)
      this.flush(source);
  }

  private deliver(source: SourceState, job: ChunkJob): void {
    const a = job.stateless?.result;
    const b = job.stateful?.result;
    if (a !== undefined) source.statelessCarry = nextCarry(source.statelessCarry, a.lastDates);
    const counts = a ?? b;
    const lines = counts?.lines ?? countLines(job.bytes);
    const failures = mergeFailures(
      a === undefined ? [] : unpackFailures(a.failures, source.statelessJails),
      b === undefined ? [] : unpackFailures(b.failures, source.statefulJails),
      source.jailOrder,
    );
    const error = job.stateless?.error ?? job.stateful?.error;
    const result: EngineResult = {
      sourceId: source.id,
      seq: job.seq,
      firstLine: source.linesDelivered + job.skippedBefore + 1,
      lines: lines + job.skippedBefore,
      skippedLong: (counts?.skippedLong ?? 0) + job.skippedBefore,
      invalidUtf8: counts?.invalidUtf8 ?? 0,
      nulLines: counts?.nulLines ?? 0,
      failures,
      ...(error === undefined ? {} : { error }),
    };
    source.linesDelivered += result.lines;
    this.pool.release(job.bytes);
    const c = this.counters;
    c.lines += result.lines;
    c.failures += failures.length;
    c.skippedLong += result.skippedLong;
    c.invalidUtf8 += result.invalidUtf8;
    c.nulLines += result.nulLines;
    if (error !== undefined) c.failedChunks++;
    this.unfinished--;
    if (this.unfinished === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
    const onResult = this.options.onResult;
    if (onResult !== undefined) {
      try {
        onResult(result);
      } catch (callbackError) {
        this.fatal ??= callbackError instanceof Error ? callbackError : new Error(String(callbackError));
      }
      this.handedOver();
    } else if (this.readers.length > 0) {
      const reader = this.readers.shift();
      this.handedOver();
      reader?.({ value: result, done: false });
    } else {
      this.queue.push(result);
    }
  }

  /** A result reached the consumer: room for another chunk. */
  private handedOver(): void {
    this.undelivered--;
    if (this.undelivered < this.options.maxChunksInFlight) {
      const waiters = this.roomWaiters;
      this.roomWaiters = [];
      for (const wake of waiters) wake();
    }
  }
}

export function createMatchEngine(
  sources: readonly SourceSpec[],
  options: MatchEngineOptions = {},
): MatchEngine {
  return new WorkerMatchEngine(sources, options);
}
