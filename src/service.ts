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
import { parseIpAddress, parseIpNetwork } from './core/ip-address.js';
import type { Logger } from './core/logger.js';
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
import { createActionRunner, createChildProcessRunner, type ActionRunner } from './actions/index.js';
import {
  banactionTable,
  bansToRefresh,
  createDryRunBackend,
  firewallSpecOf,
  readServiceTable,
  type FirewallBackend,
  type FirewallJailSpec,
} from './firewall/index.js';
import { createMatchEngine } from './matching/match-engine.js';
import type { Fail2nftMetrics } from './observability/index.js';
import { MemoryBanStore, type BanStore } from './persistence/index.js';
import type { MatchEngine } from './matching/match-engine-types.js';
import {
  createFileLogSource,
  createJournalLogSource,
  type FileLogSource,
  type FileSourceOptions,
  type LogChunk,
  type LogSource,
} from './sources/index.js';
import { createEnforcementSink, type EnforcementSink } from './service/enforcement-sink.js';
import {
  FailurePipeline,
  type FailurePipelineStats,
  type PipelineOutcome,
} from './service/failure-pipeline.js';
import { PositionGate } from './service/position-gate.js';
import { ServiceMetrics } from './service/service-metrics.js';
import { ReadTimes } from './service/read-times.js';
import { workerCount } from './service/worker-count.js';
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
  /** Bans, ban history and log positions; default in memory (the CLI opens the SQLite file). */
  readonly store?: BanStore;
  /** The kernel backend; default the dry-run backend (nothing reaches the kernel). */
  readonly backend?: FirewallBackend;
  /** Run the jails' other actions (mail, commands); default false (always false in a dry run). */
  readonly runActions?: boolean;
  readonly metrics?: Fail2nftMetrics;
  /** Match worker threads; default the configuration's `workers` (0 = one per core). */
  readonly workers?: number;
  /** Overrides for every file source (tests use short poll and rescan intervals). */
  readonly fileSource?: Partial<Omit<FileSourceOptions, 'id' | 'patterns' | 'startAt'>>;
  /** Environment of journalctl for journal jails (its PATH decides which one runs; tests use a stand-in). */
  readonly journalEnv?: NodeJS.ProcessEnv;
  /** The ignore lists' I/O (DNS, own addresses, files, ignorecommand); default the system's. */
  readonly decisionIo?: DecisionIo;
  /** How often long bans are re-added to the kernel and the store is purged (default 1 h). */
  readonly maintenanceIntervalMs?: number;
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

export interface ReloadReport {
  readonly jails: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export type ManualBanResult =
  | { readonly address: string; readonly result: 'banned'; readonly endMs: number }
  | { readonly address: string; readonly result: 'already-banned'; readonly endMs: number }
  | { readonly address: string; readonly result: 'invalid' | 'unknown-jail' };

export interface ManualUnbanResult {
  readonly unbanned: readonly { readonly jail: string; readonly address: string }[];
  readonly notBanned: readonly string[];
  readonly invalid: readonly string[];
}

export interface Service {
  /** fail2nft ban: bans now in the jail, skipping the ignore lists (the operator asked). */
  ban(jail: string, addresses: readonly string[]): Promise<ManualBanResult[]>;
  /** fail2nft unban: in one jail or all; 'all' lifts every active ban (of the jail). */
  unban(addresses: readonly string[] | 'all', jail?: string): Promise<ManualUnbanResult>;
  readonly config: Fail2nftConfig;
  readonly plan: ServicePlan;
  reload(): Promise<ReloadReport>;
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

export function createService(options: ServiceOptions): Service {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  let config = loadConfigOrThrow(options.configDir);
  // Service settings (workers, store, backend, batching) apply at start; reload changes the jails.
  const settings = config.service;
  let plan = planService(config, settings.logtarget);
  for (const skip of plan.skipped) logger.warn({ jail: skip.jail }, `jail not started: ${skip.reason}`);
  let jails = new Map(plan.jails.map((jail) => [jail.name, jail]));

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
  const store = options.store ?? new MemoryBanStore();
  const backend = options.backend ?? createDryRunBackend();
  const metrics = options.metrics;
  const actions: ActionRunner | undefined =
    options.runActions === true && options.dryRun !== true
      ? createActionRunner({
          actions: Object.fromEntries(plan.jails.map((jail) => [jail.name, jail.settings.actions])),
          // The actions fail2ban's banaction table names are carried out by the native firewall.
          skip: (file) => banactionTable.has(file),
          runner: createChildProcessRunner(),
          clock,
          onOutcome: (report) => {
            if (report.outcome.ok) return;
            logger.warn(
              { jail: report.jail, action: report.action, err: report.outcome.error },
              `action ${report.action} failed`,
            );
          },
        })
      : undefined;
  for (const problem of actions?.problems ?? [])
    logger.warn({ err: problem, code: problem.code }, `action not run: ${problem.message}`);
  const enforcedJails = new Set<string>();
  const sink: EnforcementSink = createEnforcementSink({
    backend,
    store,
    clock,
    logger: logger.child({ stage: 'firewall' }),
    maxBatch: settings.batchSize,
    maxDelayMs: settings.batchDelayMs,
    enforcedJails,
    ...(metrics === undefined ? {} : { metrics }),
    ...(actions === undefined ? {} : { actions }),
  });
  const gate = new PositionGate(store);
  const readTimes = new ReadTimes();
  let hasNotices = plan.sources.some((source) => source.kind === 'notices');

  let engine: MatchEngine | undefined;
  /** Manual unbans per jail, to tell expired bans from lifted ones in the metrics. */
  const manualUnbans = new Map<string, number>();
  let running: RunningSource[] = [];
  const serviceMetrics =
    metrics === undefined
      ? undefined
      : new ServiceMetrics(metrics, {
          bans: (jail) => {
            const status = decisions.status(jail);
            if (status === undefined) return { active: 0, expired: 0 };
            const expired = status.total - status.current - (manualUnbans.get(jail) ?? 0);
            return { active: status.current, expired: Math.max(0, expired) };
          },
          chunksInFlight: () => engine?.stats().chunksInFlight ?? 0,
          matchRetries: () => engine?.stats().retries ?? 0,
          firewallRetries: () => sink.batcher.stats().retries,
          backend: backend.kind,
          sourceCounters: () =>
            new Map(
              running.flatMap((entry) => {
                if (entry.source === undefined) return [];
                const stats = entry.source.stats();
                return [[entry.plan.id, stats] as const];
              }),
            ),
        });
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
    onOutcome: (jail, outcome) => {
      serviceMetrics?.outcome(jail, outcome);
      options.onOutcome?.(jail, outcome);
    },
    onBan: (decision) => {
      metrics?.recordBan(decision.jail, 'failures');
      if (hasNotices && engine !== undefined) {
        // The recidive jail counts bans from the lines fail2ban would have logged for them.
        const line = Buffer.from(`${formatBanNotice(decision, { pid: process.pid, timeMs: clock.now() })}\n`);
        metrics?.recordLinesRead(NOTICE_SOURCE_ID, 1, line.length);
        void engine.push(NOTICE_SOURCE_ID, line);
      }
      options.onBan?.(decision);
    },
  });

  let timer: NodeJS.Timeout | undefined;
  let maintenanceTimer: NodeJS.Timeout | undefined;
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
      metrics?.recordLinesRead(id, chunk.lines, chunk.chunk.length);
      const wait = engine.push(id, chunk.chunk);
      gate.notePushed(id, chunk.lines);
      const room = pipeline.room();
      if (wait !== undefined || room !== undefined) {
        // Reading pauses here while matching or deciding catches up (backpressure).
        const waitStarted = performance.now();
        await wait;
        await (room ?? pipeline.room());
        const seconds = (performance.now() - waitStarted) / 1000;
        metrics?.sourceBackpressureSeconds.inc({ source: id }, seconds);
        metrics?.matchQueueWait.observe(seconds);
      }
    };
  }

  function createSource(planned: PlannedSource): LogSource | undefined {
    const store = gate.storeFor(planned.id);
    const sourceLogger = logger.child({ stage: 'sources' });
    if (planned.kind === 'file') {
      return createFileLogSource(
        {
          // 1 MiB reads: the bench measured 14 % less CPU than 64 KiB reads on a busy mail log; a
          // source's read-ahead (8 chunks) stays bounded at 8 MiB.
          readChunkBytes: 1 << 20,
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

  async function firewallSpecs(): Promise<FirewallJailSpec[]> {
    const services = await readServiceTable();
    const specs: FirewallJailSpec[] = [];
    enforcedJails.clear();
    for (const jail of plan.jails) {
      const result = firewallSpecOf(jail.name, jail.settings.actions, services);
      for (const problem of result.problems)
        logger.warn({ jail: jail.name, err: problem.error }, problem.error.message);
      if (result.spec === undefined) continue;
      specs.push(result.spec);
      enforcedJails.add(jail.name);
    }
    return specs;
  }

  /** Creates the kernel objects, then puts every stored active ban back in one transaction. */
  async function startEnforcement(): Promise<void> {
    const specs = await firewallSpecs();
    const setup = await backend.start(specs);
    if (setup.removedSets.length > 0)
      logger.info({ sets: setup.removedSets }, 'removed the sets of jails no longer configured');
    const nowMs = clock.now();
    decisions.seedHistory(await store.banHistory());
    const active = await store.activeBans(nowMs);
    let restored = 0;
    for (const ban of active) {
      if (!jails.has(ban.jail) || !decisions.restore(ban, false)) continue;
      restored++;
      metrics?.recordBan(ban.jail, 'restored');
    }
    const result = await backend.reconcile(
      active.filter((ban) => enforcedJails.has(ban.jail)),
      nowMs,
    );
    for (const rejected of result.rejected)
      logger.warn(
        { jail: rejected.change.jail, address: rejected.change.address, err: rejected.error },
        'stored ban not restored',
      );
    if (actions !== undefined) await actions.start(plan.jails.map((jail) => jail.name));
    logger.info(
      { restored, stored: active.length, kernel: result.applied, backend: backend.kind },
      'restored active bans',
    );
  }

  /**
   * Hourly upkeep: bans longer than the kernel's largest timeout are added again before their element
   * expires (every call extends them by the cap), and the store forgets what dbpurgeage allows.
   */
  async function maintain(periodMs: number): Promise<void> {
    try {
      const nowMs = clock.now();
      const periodSec = Math.min(periodMs / 1000, Math.floor(backend.maxTimeoutSec / 2) - 1);
      const active = (await store.activeBans(nowMs)).filter((ban) => enforcedJails.has(ban.jail));
      const refresh = bansToRefresh(active, nowMs, { maxTimeoutSec: backend.maxTimeoutSec, periodSec });
      for (const ban of refresh) sink.batcher.submit(ban);
      const purged = await store.purge(nowMs - settings.dbpurgeage * 1000);
      logger.debug({ refreshed: refresh.length, purged }, 'maintenance');
    } catch (error) {
      metrics?.recordError('service', error);
      logger.error({ err: error }, 'maintenance failed; trying again next period');
    }
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
    await startEnforcement();
    await startReading();
    timer = setInterval(() => void commitPositions(), options.positionCommitMs ?? 1000);
    timer.unref();
    const maintenanceMs = options.maintenanceIntervalMs ?? 3_600_000;
    maintenanceTimer = setInterval(() => void maintain(maintenanceMs), maintenanceMs);
    maintenanceTimer.unref();
    logger.info(
      {
        jails: plan.jails.map((jail) => jail.name),
        sources: plan.sources.map((source) => source.id),
        workers: engine?.stats().workers,
        dryRun: options.dryRun === true,
      },
      'started',
    );
  }

  /** Matching and the sources of the current plan (again after a reload). */
  async function startReading(): Promise<void> {
    engine = createMatchEngine(
      plan.sources.map((source) => ({
        id: source.id,
        jails: source.jails.flatMap((name) => {
          const jail = jails.get(name);
          return jail === undefined ? [] : [jail.filter];
        }),
      })),
      {
        workers: workerCount(options.workers ?? settings.workers, availableParallelism()),
        maxLineLength: settings.maxLineLength,
        clock,
        // Backlogs, the journal (exact entry times) and ban notices are judged by their own dates.
        inOperation: false,
        findtimeMs: Object.fromEntries(plan.jails.map((jail) => [jail.name, jail.settings.findtime * 1000])),
        ...(metrics === undefined
          ? {}
          : {
              onTask: (worker: number, busyMs: number) => {
                metrics.observeMatchBatch(worker, busyMs / 1000);
              },
            }),
        onResult: (result) => {
          serviceMetrics?.irregularLines(result.sourceId, result.invalidUtf8, result.nulLines);
          pipeline.handle(result, readTimes.at(result.sourceId, result.firstLine) ?? clock.now());
        },
      },
    );
    if (metrics !== undefined && serviceMetrics !== undefined) {
      metrics.declareWorkers(engine.stats().workers);
      metrics.declareBackend(backend.kind);
      for (const source of plan.sources) metrics.declareSource(source.id);
      for (const jail of plan.jails)
        serviceMetrics.declareJail(jail.name, jail.settings.filter?.name ?? jail.name);
    }
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
  }

  /** Stops the sources, decides what they read, saves their positions and closes matching. */
  async function stopReading(): Promise<void> {
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
      engine = undefined;
    }
    gate.reset();
    readTimes.reset();
    serviceMetrics?.readingReplaced();
    running = [];
  }

  /**
   * Re-reads the configuration and applies its jails: reading restarts from the saved positions,
   * unchanged jails keep their failure counts, every jail keeps its bans, removed jails lose their
   * kernel sets and added ones get theirs. Service settings, and the other actions (mail, commands)
   * of added or changed jails, need a restart.
   */
  async function reload(): Promise<ReloadReport> {
    if (state !== 'running') throw new Fail2nftError('F2N_ERR_INTERNAL', 'the service is not running');
    const next = loadConfigOrThrow(options.configDir);
    const nextPlan = planService(next, settings.logtarget);
    const before = new Set(jails.keys());
    // Both stages validate the new jails before anything changes.
    counting.reconfigure(Object.fromEntries(nextPlan.jails.map((jail) => [jail.name, jail.counting])));
    decisions.reconfigure(Object.fromEntries(nextPlan.jails.map((jail) => [jail.name, jail.decision])));
    await stopReading();
    config = next;
    plan = nextPlan;
    jails = new Map(plan.jails.map((jail) => [jail.name, jail]));
    hasNotices = plan.sources.some((source) => source.kind === 'notices');
    await decisions.refreshIgnoreSources();
    const setup = await backend.reconfigure(await firewallSpecs());
    await startReading();
    const added = [...jails.keys()].filter((name) => !before.has(name));
    const removed = [...before].filter((name) => !jails.has(name));
    for (const name of removed) serviceMetrics?.forgetJail(name);
    metrics?.recordReload('ok');
    logger.info({ jails: [...jails.keys()], added, removed, removedSets: setup.removedSets }, 'reloaded');
    return { jails: [...jails.keys()], added, removed };
  }

  async function stop(cause?: Error): Promise<void> {
    if (state === 'stopping' || state === 'stopped') return stoppedPromise.then(() => undefined);
    state = 'stopping';
    if (timer !== undefined) clearInterval(timer);
    if (maintenanceTimer !== undefined) clearInterval(maintenanceTimer);
    await stopReading();
    await commitPositions();
    await sink.close();
    if (actions !== undefined) await actions.stop();
    await backend.stop();
    await store.flushPositions();
    state = 'stopped';
    logger.info({ cause: cause?.message }, 'stopped');
    resolveStopped(cause);
  }

  async function banManually(jail: string, addresses: readonly string[]): Promise<ManualBanResult[]> {
    const results: ManualBanResult[] = [];
    for (const address of addresses) {
      const outcome = decisions.banManually(jail, address);
      if (outcome.kind === 'ban') {
        const decision = outcome.decision;
        counting.forget(jail, decision.address);
        sink.ban(decision, clock.now());
        metrics?.recordBan(jail, 'manual');
        logger.info(
          { jail, address: decision.address, bantime: decision.durationSec, manual: true },
          `Ban ${decision.address}`,
        );
        const endMs = decision.durationSec < 0 ? Infinity : decision.startMs + decision.durationSec * 1000;
        results.push({ address: decision.address, result: 'banned', endMs });
      } else if (outcome.kind === 'already-banned')
        results.push({ address, result: 'already-banned', endMs: outcome.untilMs });
      else results.push({ address, result: outcome.kind === 'unknown-jail' ? 'unknown-jail' : 'invalid' });
    }
    await sink.flush();
    return results;
  }

  async function unbanManually(
    addresses: readonly string[] | 'all',
    jail?: string,
  ): Promise<ManualUnbanResult> {
    const unbanned: { jail: string; address: string }[] = [];
    const notBanned: string[] = [];
    const invalid: string[] = [];
    const targets =
      addresses === 'all' ? [...new Set(decisions.banned(jail).map((ban) => ban.address))] : addresses;
    for (const text of targets) {
      const address = parseIpAddress(text) ?? parseIpNetwork(text);
      if (address === undefined) {
        invalid.push(text);
        continue;
      }
      const from = decisions.unban(address.text, jail);
      if (from.length === 0) notBanned.push(address.text);
      for (const name of from) {
        counting.forget(name, address.text);
        sink.unban({ jail: name, address: address.text, family: address.family });
        metrics?.recordUnban(name, 'manual');
        manualUnbans.set(name, (manualUnbans.get(name) ?? 0) + 1);
        logger.info({ jail: name, address: address.text, manual: true }, `Unban ${address.text}`);
        unbanned.push({ jail: name, address: address.text });
      }
    }
    await sink.flush();
    return { unbanned, notBanned, invalid };
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
    get config() {
      return config;
    },
    get plan() {
      return plan;
    },
    ban: banManually,
    unban: unbanManually,
    reload: async () => {
      try {
        return await reload();
      } catch (error) {
        metrics?.recordReload('failed');
        metrics?.recordError('config', error);
        throw error;
      }
    },
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
