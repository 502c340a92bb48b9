// The composition root: the one place that wires the stages into the running service.
//
//   config ──► plan (jails, sources; src/service/service-plan.ts)
//
//   sources ──chunks──► matching ──failures──► counting ──candidates──► decisions ──bans──► sink
//   (files,             (RE2 on worker          (maxretry in            (ignore lists,         (firewall batcher
//    journal)            threads, in log         findtime per id)        bantime policy)         + store, or the
//      ▲                 order per source)                                     │                 dry-run log)
//      │                                                                       │
//      └── positions saved through the position gate once the lines are decided and their bans committed
//                                                    ban notices ──► the recidive jail's matching source
//
// Backpressure: a source waits after each chunk for room in the match engine and in the failure
// pipeline, so a slow stage pauses reading instead of growing memory.
import { availableParallelism } from 'node:os';
import { loadConfigOrThrow, type Fail2nftConfig } from './config/index.js';
import { systemClock, type Clock } from './core/clock.js';
import { Fail2nftError } from './core/errors.js';
import type { Logger } from './core/logger.js';
import type { PositionStore } from './core/positions.js';
import type { BanDecision } from './core/records.js';
import { createCountingStage, type CountingStage } from './counting/index.js';
import {
  createDecisionStage,
  createSystemDecisionIo,
  formatBanNotice,
  type ActiveBan,
  type DecisionIo,
  type DecisionStage,
} from './decisions/index.js';
import { createMatchEngine } from './matching/match-engine.js';
import type { MatchEngine } from './matching/match-engine-types.js';
import {
  createFileLogSource,
  createJournalLogSource,
  MemoryPositionStore,
  type FileLogSource,
  type FileSourceOptions,
  type LogChunk,
  type LogSource,
} from './sources/index.js';
import { createDryRunSink, type BanSink } from './service/ban-sink.js';
import {
  FailurePipeline,
  type FailurePipelineStats,
  type PipelineOutcome,
} from './service/failure-pipeline.js';
import { PositionGate } from './service/position-gate.js';
import { ReadTimes } from './service/read-times.js';
import {
  NOTICE_SOURCE_ID,
  planService,
  type PlannedSource,
  type ServicePlan,
} from './service/service-plan.js';

export interface ServiceOptions {
  readonly configDir: string;
  readonly logger: Logger;
  /** Decide and log bans without touching the kernel. */
  readonly dryRun?: boolean;
  readonly clock?: Clock;
  /** Where sources keep positions; default in memory (the SQLite store is wired by the CLI). */
  readonly positionStore?: PositionStore;
  /** Where bans go; default the dry-run sink. */
  readonly sink?: BanSink;
  /** Match worker threads; default the configuration's `workers` (0 = one per core). */
  readonly workers?: number;
  /** Overrides for every file source (tests use short poll and rescan intervals). */
  readonly fileSource?: Partial<Omit<FileSourceOptions, 'id' | 'patterns' | 'startAt'>>;
  /** Environment of journalctl for journal jails (its PATH decides which one runs; tests use a stand-in). */
  readonly journalEnv?: NodeJS.ProcessEnv;
  /** The ignore lists' I/O (DNS, own addresses, files, ignorecommand); default the system's. */
  readonly decisionIo?: DecisionIo;
  /** How often decided positions are written to the store (default 1000 ms). */
  readonly positionCommitMs?: number;
  /** Observes every failure's fate (metrics, tests). */
  readonly onOutcome?: (jail: string, outcome: PipelineOutcome) => void;
  /** Observes every new ban (tests, the control socket). */
  readonly onBan?: (decision: BanDecision) => void;
}

export interface JailStatus {
  readonly jail: string;
  readonly failed: { readonly current: number; readonly total: number };
  readonly banned: { readonly current: number; readonly total: number; readonly list: readonly string[] };
  readonly files: readonly string[];
}

export interface ServiceStats {
  readonly pipeline: FailurePipelineStats;
  readonly lines: number;
  readonly positionsWaiting: number;
  readonly sources: Readonly<Record<string, ReturnType<LogSource['stats']>>>;
}

export interface Service {
  readonly config: Fail2nftConfig;
  readonly plan: ServicePlan;
  start(): Promise<void>;
  /** Stops reading, decides what was read, commits bans and positions; bans stay in the kernel. */
  stop(): Promise<void>;
  /** Settles when the service stopped by itself (a source or stage failed) or by stop(). */
  stopped(): Promise<Error | undefined>;
  jails(): string[];
  status(jail: string): JailStatus | undefined;
  banned(jail?: string): ActiveBan[];
  stats(): ServiceStats;
  /** Waits until everything read so far is matched and decided (tests, benchmarks). */
  settle(): Promise<void>;
}

interface RunningSource {
  readonly plan: PlannedSource;
  readonly source: LogSource | undefined;
  /** Still reading what was there at start (file sources): old lines are judged by their dates. */
  backlog: boolean;
}

function workerCount(configured: number): number {
  return configured > 0 ? configured : Math.max(1, Math.min(availableParallelism(), 8));
}

export function createService(options: ServiceOptions): Service {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const config = loadConfigOrThrow(options.configDir);
  const settings = config.service;
  const plan = planService(config, settings.logtarget);
  for (const skip of plan.skipped) logger.warn({ jail: skip.jail }, `jail not started: ${skip.reason}`);
  const jails = new Map(plan.jails.map((jail) => [jail.name, jail]));

  const counting: CountingStage = createCountingStage({
    clock,
    jails: Object.fromEntries(plan.jails.map((jail) => [jail.name, jail.counting])),
  });
  const decisions: DecisionStage = createDecisionStage({
    clock,
    io: options.decisionIo ?? createSystemDecisionIo(),
    jails: Object.fromEntries(plan.jails.map((jail) => [jail.name, jail.decision])),
    historyPurgeAgeSec: settings.dbpurgeage,
  });
  const sink = options.sink ?? createDryRunSink(logger.child({ stage: 'sink' }));
  const gate = new PositionGate(options.positionStore ?? new MemoryPositionStore());
  const readTimes = new ReadTimes();
  const hasNotices = plan.sources.some((source) => source.kind === 'notices');

  let engine: MatchEngine | undefined;
  const pipeline = new FailurePipeline({
    counting,
    decisions,
    sink,
    clock,
    logger: logger.child({ stage: 'decisions' }),
    onProcessed: (sourceId, line) => {
      gate.noteProcessed(sourceId, line);
      readTimes.forget(sourceId, line);
    },
    ...(options.onOutcome === undefined ? {} : { onOutcome: options.onOutcome }),
    onBan: (decision) => {
      if (hasNotices && engine !== undefined) {
        // The recidive jail counts bans from the lines fail2ban would have logged for them.
        const line = formatBanNotice(decision, { pid: process.pid, timeMs: clock.now() });
        void engine.push(NOTICE_SOURCE_ID, Buffer.from(`${line}\n`));
      }
      options.onBan?.(decision);
    },
  });

  const running: RunningSource[] = [];
  let timer: NodeJS.Timeout | undefined;
  let state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
  let resolveStopped: (error: Error | undefined) => void = () => undefined;
  const stoppedPromise = new Promise<Error | undefined>((resolve) => (resolveStopped = resolve));
  let committing: Promise<unknown> = Promise.resolve();

  const commitPositions = (): Promise<unknown> => {
    committing = committing
      .then(() => gate.commit(() => sink.flush()))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'cannot save log positions');
      });
    return committing;
  };

  function consumerFor(entry: RunningSource) {
    const id = entry.plan.id;
    return async (chunk: LogChunk): Promise<void> => {
      if (engine === undefined) return;
      if (entry.backlog && entry.source?.inBacklog() === false) {
        entry.backlog = false;
        engine.setInOperation(id, true);
        logger.info({ source: id }, 'read the backlog; following new lines');
      }
      readTimes.note(id, chunk.lines, clock.now());
      const wait = engine.push(id, chunk.chunk);
      gate.notePushed(id, chunk.lines);
      if (wait !== undefined) await wait;
      const room = pipeline.room();
      if (room !== undefined) await room;
    };
  }

  function createSource(planned: PlannedSource): LogSource | undefined {
    const store = gate.storeFor(planned.id);
    const sourceLogger = logger.child({ stage: 'sources' });
    if (planned.kind === 'file') {
      return createFileLogSource(
        {
          ...options.fileSource,
          id: planned.id,
          patterns: [planned.pattern],
          startAt: planned.startAt,
          maxLineLength: settings.maxLineLength,
        },
        { store, clock, logger: sourceLogger },
      );
    }
    if (planned.kind === 'journal') {
      return createJournalLogSource(
        {
          id: planned.id,
          matches: planned.matches,
          sinceMs: clock.now() - planned.findtime * 1000,
          maxLineLength: settings.maxLineLength,
        },
        {
          store,
          clock,
          logger: sourceLogger,
          ...(options.journalEnv === undefined ? {} : { env: options.journalEnv }),
        },
      );
    }
    return undefined;
  }

  async function fail(error: Error): Promise<void> {
    if (state !== 'running') return;
    logger.error({ err: error }, 'service failed; stopping');
    await stop(error);
  }

  async function start(): Promise<void> {
    if (state !== 'new') throw new Fail2nftError('F2N_ERR_INTERNAL', 'the service was started already');
    state = 'running';
    const refresh = await decisions.refreshIgnoreSources();
    for (const problem of refresh.problems) logger.warn({ problem }, 'ignore list problem');
    engine = createMatchEngine(
      plan.sources.map((source) => ({
        id: source.id,
        jails: source.jails.flatMap((name) => {
          const jail = jails.get(name);
          return jail === undefined ? [] : [jail.filter];
        }),
      })),
      {
        workers: workerCount(options.workers ?? settings.workers),
        maxLineLength: settings.maxLineLength,
        clock,
        // Backlogs, the journal (exact entry times) and ban notices are judged by their own dates.
        inOperation: false,
        findtimeMs: Object.fromEntries(plan.jails.map((jail) => [jail.name, jail.settings.findtime * 1000])),
        onResult: (result) => {
          pipeline.handle(result, readTimes.at(result.sourceId, result.firstLine) ?? clock.now());
        },
      },
    );
    for (const planned of plan.sources) {
      const entry: RunningSource = {
        plan: planned,
        source: createSource(planned),
        backlog: planned.kind === 'file',
      };
      running.push(entry);
    }
    try {
      for (const entry of running) {
        if (entry.source === undefined) continue;
        await entry.source.start(consumerFor(entry));
        void entry.source.ended().then((end) => {
          if (end.reason === 'failed') void fail(end.error);
        });
      }
    } catch (error) {
      await stop(error as Error);
      throw error;
    }
    timer = setInterval(() => void commitPositions(), options.positionCommitMs ?? 1000);
    timer.unref();
    logger.info(
      {
        jails: plan.jails.map((jail) => jail.name),
        sources: plan.sources.map((source) => source.id),
        workers: engine.stats().workers,
        dryRun: options.dryRun === true,
      },
      'started',
    );
  }

  async function stop(cause?: Error): Promise<void> {
    if (state === 'stopping' || state === 'stopped') return stoppedPromise.then(() => undefined);
    state = 'stopping';
    if (timer !== undefined) clearInterval(timer);
    for (const entry of running) await entry.source?.stop();
    if (engine !== undefined) {
      await engine.drain().catch((error: unknown) => {
        logger.error({ err: error }, 'matching failed at stop');
      });
      await pipeline.idle();
      await commitPositions();
      await engine.close().catch((error: unknown) => {
        logger.error({ err: error }, 'closing matching failed');
      });
    }
    await sink.close();
    state = 'stopped';
    logger.info({ cause: cause?.message }, 'stopped');
    resolveStopped(cause);
  }

  function status(name: string): JailStatus | undefined {
    const jail = jails.get(name);
    if (jail === undefined) return undefined;
    const failed = counting.status(name);
    const banned = decisions.status(name);
    const files = new Set<string>();
    for (const entry of running) {
      if (!entry.plan.jails.includes(name) || entry.source === undefined) continue;
      if ('files' in entry.source)
        for (const file of (entry.source as FileLogSource).files()) files.add(file);
    }
    return {
      jail: name,
      failed: { current: failed?.current ?? 0, total: failed?.total ?? 0 },
      banned: {
        current: banned?.current ?? 0,
        total: banned?.total ?? 0,
        list: decisions.banned(name).map((ban) => ban.address),
      },
      files: [...files].sort(),
    };
  }

  return {
    config,
    plan,
    start,
    stop: () => stop(),
    stopped: () => stoppedPromise,
    jails: () => plan.jails.map((jail) => jail.name),
    status,
    banned: (jail) => decisions.banned(jail),
    stats: () => {
      const sources: Record<string, ReturnType<LogSource['stats']>> = {};
      let lines = 0;
      for (const entry of running) {
        if (entry.source === undefined) continue;
        const stats = entry.source.stats();
        sources[entry.plan.id] = stats;
        lines += stats.lines;
      }
      return { pipeline: pipeline.stats(), lines, positionsWaiting: gate.waiting(), sources };
    },
    settle: async () => {
      if (engine === undefined) return;
      await engine.drain();
      await pipeline.idle();
    },
  };
}
