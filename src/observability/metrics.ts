// The one place that declares fail2nft's Prometheus metrics. Stages never create metrics themselves: the
// composition root owns one Fail2nftMetrics and feeds it from the stages' counters and events. Every
// name starts with the prefix (fail2nft_), every label is from metric-labels.ts, and docs/metrics.md
// describes each metric (a test keeps the three in step).
import { Counter, Gauge, Histogram, Registry, Summary, collectDefaultMetrics } from 'prom-client';
import { errorCodes, type ErrorCode } from '../core/error-codes.js';
import { Fail2nftAggregateError, Fail2nftError } from '../core/errors.js';
import {
  banLatencyBuckets,
  commitDurationBuckets,
  firewallBatchSizeBuckets,
  matchBatchBuckets,
  queueWaitBuckets,
  storeWriteBuckets,
} from './metric-buckets.js';
import {
  banReasons,
  candidateResults,
  irregularLineReasons,
  lineSkipReasons,
  reloadResults,
  rotationReasons,
  transactionResults,
  unbanReasons,
  type BanReason,
  type CandidateResult,
  type IrregularLineReason,
  type LineSkipReason,
  type MetricStage,
  type ReloadResult,
  type RotationReason,
  type TransactionResult,
  type UnbanReason,
} from './metric-labels.js';

export const defaultMetricsPrefix = 'fail2nft_';

export interface CreateMetricsOptions {
  /** Registry to declare the metrics in (default: a new one, so two instances never collide). */
  readonly registry?: Registry;
  /** Prefix of every name, the default process metrics included (default 'fail2nft_'). */
  readonly prefix?: string;
  /** Also collect prom-client's default process and Node.js metrics (default true). */
  readonly collectDefault?: boolean;
}

/** One firewall transaction (one nft -f / ipset restore run) as the firewall stage reports it. */
export interface FirewallTransaction {
  /** Elements added and removed in the transaction. */
  readonly elements: number;
  readonly seconds: number;
  readonly result: TransactionResult;
}

/** Called before every render(): the place to copy sampled values (queue depth) into gauges. */
export type ScrapeHook = () => void;

type NoLabels = never;

export interface Fail2nftMetrics {
  readonly registry: Registry;
  readonly prefix: string;
  /** Content-Type header of render()'s text (Prometheus text format 0.0.4). */
  readonly contentType: string;

  // Sources: what is read.
  readonly linesRead: Counter<'source'>;
  readonly bytesRead: Counter<'source'>;
  readonly linesSkipped: Counter<'source' | 'reason'>;
  readonly linesIrregular: Counter<'source' | 'reason'>;
  readonly sourceRotations: Counter<'source' | 'reason'>;
  readonly sourceBackpressureSeconds: Counter<'source'>;

  // Matching: what matched and what it cost.
  readonly linesMatched: Counter<'jail' | 'filter'>;
  readonly failures: Counter<'jail' | 'filter'>;
  readonly matchBatchDuration: Histogram<'worker'>;
  readonly matchWorkerBusySeconds: Counter<'worker'>;
  readonly matchWorkers: Gauge<NoLabels>;
  readonly matchQueueDepth: Gauge<NoLabels>;
  readonly matchQueueWait: Histogram<NoLabels>;
  readonly matchRetries: Counter<NoLabels>;

  // Decisions: bans.
  readonly banCandidates: Counter<'jail' | 'result'>;
  readonly bans: Counter<'jail' | 'reason'>;
  readonly unbans: Counter<'jail' | 'reason'>;
  readonly bansActive: Gauge<'jail'>;
  readonly banLatency: Histogram<'jail'>;

  // Firewall.
  readonly firewallTransactions: Counter<'backend' | 'result'>;
  readonly firewallBatchSize: Histogram<'backend'>;
  readonly firewallCommitDuration: Histogram<'backend'>;
  readonly firewallRetries: Counter<'backend'>;

  // Store and service.
  readonly storeWriteDuration: Histogram<NoLabels>;
  readonly configReloads: Counter<'result'>;
  readonly errors: Counter<'stage' | 'code'>;

  /** Creates the source's series at zero, so rates start at its first scrape. */
  declareSource(source: string): void;
  /** Creates the jail's series at zero (bans active keeps its value when the jail is declared again). */
  declareJail(jail: string, filter: string): void;
  /** Removes the series of a jail that a reload dropped. */
  forgetJail(jail: string, filter: string): void;
  declareBackend(backend: string): void;
  /** Sets the worker count and creates each worker's series (worker label "0".."count-1"). */
  declareWorkers(count: number): void;

  recordLinesRead(source: string, lines: number, bytes: number): void;
  recordLinesSkipped(source: string, reason: LineSkipReason, lines: number): void;
  recordLinesIrregular(source: string, reason: IrregularLineReason, lines: number): void;
  recordRotation(source: string, reason: RotationReason): void;
  /** One chunk matched on a worker (index from 0): the batch histogram and the worker's busy time. */
  observeMatchBatch(worker: number, seconds: number): void;
  recordCandidate(jail: string, result: CandidateResult): void;
  recordBan(jail: string, reason: BanReason): void;
  recordUnban(jail: string, reason: UnbanReason): void;
  /** From the moment the line was read to the kernel commit that holds its ban. */
  observeBanLatency(jail: string, seconds: number): void;
  observeFirewallTransaction(backend: string, transaction: FirewallTransaction): void;
  observeStoreWrite(seconds: number): void;
  recordReload(result: ReloadResult): void;
  /** Counts an error under its registered code (F2N_ERR_INTERNAL for anything else). */
  recordError(stage: MetricStage, error: unknown): void;

  /** Registers a hook run before every render(); returns its removal. */
  addScrapeHook(hook: ScrapeHook): () => void;
  /** Runs the scrape hooks, then renders the registry in Prometheus text format. */
  render(): Promise<string>;
}

function errorCodesOf(error: unknown): ErrorCode[] {
  if (error instanceof Fail2nftAggregateError) return error.errors.map((e) => e.code);
  if (error instanceof Fail2nftError) return [error.code];
  if (typeof error === 'string' && Object.hasOwn(errorCodes, error)) return [error as ErrorCode];
  return ['F2N_ERR_INTERNAL'];
}

export function createMetrics(options: CreateMetricsOptions = {}): Fail2nftMetrics {
  const registry = options.registry ?? new Registry();
  const prefix = options.prefix ?? defaultMetricsPrefix;
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> =>
    new Counter<L>({ name: prefix + name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> =>
    new Gauge<L>({ name: prefix + name, help, labelNames, registers });
  const histogram = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: readonly number[],
  ): Histogram<L> =>
    new Histogram<L>({ name: prefix + name, help, labelNames, buckets: [...buckets], registers });

  if (options.collectDefault ?? true) collectDefaultMetrics({ register: registry, prefix });

  const linesRead = counter('lines_read_total', 'Lines read from each log source.', ['source']);
  const bytesRead = counter('bytes_read_total', 'Bytes read from each log source.', ['source']);
  const linesSkipped = counter(
    'lines_skipped_total',
    'Lines not matched at all: longer than maxlinelength (too_long) or not a usable line (invalid).',
    ['source', 'reason'],
  );
  const linesIrregular = counter(
    'lines_irregular_total',
    'Lines matched although they hold invalid UTF-8 (decoded with replacement characters) or NUL bytes.',
    ['source', 'reason'],
  );
  const sourceRotations = counter(
    'source_rotations_total',
    'Followed files replaced under their path (rotated) or shrunk or rewritten in place (truncated).',
    ['source', 'reason'],
  );
  const sourceBackpressureSeconds = counter(
    'source_backpressure_seconds_total',
    'Seconds each source waited for room in the matching queue (its rate is the fraction of time blocked).',
    ['source'],
  );
  const linesMatched = counter('lines_matched_total', 'Lines a failregex of the jail matched.', [
    'jail',
    'filter',
  ]);
  const failures = counter(
    'failures_total',
    'Failures found for the jail (one per failure id of a matched line or multi-line group).',
    ['jail', 'filter'],
  );
  const matchBatchDuration = histogram(
    'match_batch_duration_seconds',
    'Time a worker spent matching one chunk of lines.',
    ['worker'],
    matchBatchBuckets,
  );
  const matchWorkerBusySeconds = counter(
    'match_worker_busy_seconds_total',
    'Seconds each worker spent matching (its rate is the worker utilisation, 0 to 1).',
    ['worker'],
  );
  const matchWorkers = gauge('match_workers', 'Matching worker threads.', []);
  const matchQueueDepth = gauge(
    'match_queue_depth',
    'Chunks read and not yet matched and delivered (bounded; at the bound sources wait).',
    [],
  );
  const matchQueueWait = histogram(
    'match_queue_wait_seconds',
    'Time a chunk waited between being read and a worker starting on it.',
    [],
    queueWaitBuckets,
  );
  const matchRetries = counter('match_retries_total', 'Chunks matched again after a worker failed.', []);
  const banCandidates = counter(
    'ban_candidates_total',
    'Addresses that reached maxretry, by what the decision stage did: banned, ignored, already_banned.',
    ['jail', 'result'],
  );
  const bans = counter(
    'bans_total',
    'Bans carried out, by reason: failures, manual (control command), restored (from the store at start).',
    ['jail', 'reason'],
  );
  const unbans = counter(
    'unbans_total',
    'Unbans carried out, by reason: expired, manual (control command), flushed (jail stopped or removed).',
    ['jail', 'reason'],
  );
  const bansActive = gauge(
    'bans_active',
    'Addresses and networks currently banned (kept by the service, not read from the kernel).',
    ['jail'],
  );
  const banLatency = histogram(
    'ban_latency_seconds',
    'From reading the line that completed a ban to the firewall commit that holds the ban.',
    ['jail'],
    banLatencyBuckets,
  );
  const firewallTransactions = counter(
    'firewall_transactions_total',
    'Firewall transactions by result: committed or failed.',
    ['backend', 'result'],
  );
  const firewallBatchSize = histogram(
    'firewall_batch_size',
    'Elements (bans and unbans) per firewall transaction.',
    ['backend'],
    firewallBatchSizeBuckets,
  );
  const firewallCommitDuration = histogram(
    'firewall_commit_duration_seconds',
    'Duration of one firewall transaction, committed or failed.',
    ['backend'],
    commitDurationBuckets,
  );
  const firewallRetries = counter(
    'firewall_retries_total',
    'Firewall transactions tried again after a failure.',
    ['backend'],
  );
  const storeWriteDuration = histogram(
    'store_write_duration_seconds',
    'Duration of one write transaction of the ban store.',
    [],
    storeWriteBuckets,
  );
  const configReloads = counter('config_reloads_total', 'Configuration reloads by result.', ['result']);
  for (const result of reloadResults) configReloads.inc({ result }, 0);
  const errors = counter('errors_total', 'Errors by pipeline stage and registered error code.', [
    'stage',
    'code',
  ]);

  const hooks = new Set<ScrapeHook>();
  // zero() resets a histogram series; remember the jails already declared so a reload keeps them.
  const declaredJails = new Set<string>();
  const declaredBackends = new Set<string>();

  const metrics: Fail2nftMetrics = {
    registry,
    prefix,
    contentType: registry.contentType,
    linesRead,
    bytesRead,
    linesSkipped,
    linesIrregular,
    sourceRotations,
    sourceBackpressureSeconds,
    linesMatched,
    failures,
    matchBatchDuration,
    matchWorkerBusySeconds,
    matchWorkers,
    matchQueueDepth,
    matchQueueWait,
    matchRetries,
    banCandidates,
    bans,
    unbans,
    bansActive,
    banLatency,
    firewallTransactions,
    firewallBatchSize,
    firewallCommitDuration,
    firewallRetries,
    storeWriteDuration,
    configReloads,
    errors,

    declareSource(source) {
      linesRead.inc({ source }, 0);
      bytesRead.inc({ source }, 0);
      sourceBackpressureSeconds.inc({ source }, 0);
      for (const reason of lineSkipReasons) linesSkipped.inc({ source, reason }, 0);
      for (const reason of irregularLineReasons) linesIrregular.inc({ source, reason }, 0);
      for (const reason of rotationReasons) sourceRotations.inc({ source, reason }, 0);
    },
    declareJail(jail, filter) {
      linesMatched.inc({ jail, filter }, 0);
      failures.inc({ jail, filter }, 0);
      for (const result of candidateResults) banCandidates.inc({ jail, result }, 0);
      for (const reason of banReasons) bans.inc({ jail, reason }, 0);
      for (const reason of unbanReasons) unbans.inc({ jail, reason }, 0);
      bansActive.inc({ jail }, 0);
      if (!declaredJails.has(jail)) banLatency.zero({ jail });
      declaredJails.add(jail);
    },
    forgetJail(jail, filter) {
      linesMatched.remove({ jail, filter });
      failures.remove({ jail, filter });
      for (const result of candidateResults) banCandidates.remove({ jail, result });
      for (const reason of banReasons) bans.remove({ jail, reason });
      for (const reason of unbanReasons) unbans.remove({ jail, reason });
      bansActive.remove({ jail });
      banLatency.remove({ jail });
      declaredJails.delete(jail);
    },
    declareBackend(backend) {
      for (const result of transactionResults) firewallTransactions.inc({ backend, result }, 0);
      firewallRetries.inc({ backend }, 0);
      if (!declaredBackends.has(backend)) {
        firewallBatchSize.zero({ backend });
        firewallCommitDuration.zero({ backend });
      }
      declaredBackends.add(backend);
    },
    declareWorkers(count) {
      matchWorkers.set(count);
      for (let index = 0; index < count; index++) {
        const worker = String(index);
        matchWorkerBusySeconds.inc({ worker }, 0);
        matchBatchDuration.zero({ worker });
      }
    },

    recordLinesRead(source, lines, bytes) {
      linesRead.inc({ source }, lines);
      bytesRead.inc({ source }, bytes);
    },
    recordLinesSkipped(source, reason, lines) {
      if (lines > 0) linesSkipped.inc({ source, reason }, lines);
    },
    recordLinesIrregular(source, reason, lines) {
      if (lines > 0) linesIrregular.inc({ source, reason }, lines);
    },
    recordRotation(source, reason) {
      sourceRotations.inc({ source, reason });
    },
    observeMatchBatch(index, seconds) {
      const worker = String(index);
      matchBatchDuration.observe({ worker }, seconds);
      matchWorkerBusySeconds.inc({ worker }, seconds);
    },
    recordCandidate(jail, result) {
      banCandidates.inc({ jail, result });
    },
    recordBan(jail, reason) {
      bans.inc({ jail, reason });
    },
    recordUnban(jail, reason) {
      unbans.inc({ jail, reason });
    },
    observeBanLatency(jail, seconds) {
      banLatency.observe({ jail }, seconds);
    },
    observeFirewallTransaction(backend, transaction) {
      firewallTransactions.inc({ backend, result: transaction.result });
      firewallBatchSize.observe({ backend }, transaction.elements);
      firewallCommitDuration.observe({ backend }, transaction.seconds);
    },
    observeStoreWrite(seconds) {
      storeWriteDuration.observe(seconds);
    },
    recordReload(result) {
      configReloads.inc({ result });
    },
    recordError(stage, error) {
      for (const code of errorCodesOf(error)) errors.inc({ stage, code });
    },

    addScrapeHook(hook) {
      hooks.add(hook);
      return () => {
        hooks.delete(hook);
      };
    },
    async render() {
      for (const hook of hooks) hook();
      return registry.metrics();
    },
  };
  return metrics;
}

/**
 * Every series name the registry can expose: a histogram's _bucket, _sum and _count besides its own
 * name, a summary's _sum and _count. The dashboard test checks each PromQL selector against this list.
 */
export function listDeclaredMetricNames(metrics: Pick<Fail2nftMetrics, 'registry'>): string[] {
  const names = new Set<string>();
  for (const metric of metrics.registry.getMetricsAsArray()) {
    const { name } = metric;
    names.add(name);
    if (metric instanceof Histogram)
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (metric instanceof Summary) for (const suffix of ['_sum', '_count']) names.add(name + suffix);
  }
  return [...names].sort();
}
