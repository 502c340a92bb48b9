// The fail2nft side of the service benchmark, as its own process (as fail2ban-server is): the composition
// root on a configuration directory, in dry-run mode, or with --netns with a real nftables backend inside
// that network namespace (the side-by-side bench); reporting on stdout in the messages of
// runner-protocol.ts.
//
//   node dist/bench/service/fail2nft-runner.js --config DIR [--workers N] [--expect-lines N]
//     [--netns NS [--nft-table NAME]] [--metrics]
//
// Progress every 100 ms; `done` as soon as the source has handed over --expect-lines lines and everything
// is matched and decided (checked every 5 ms, so the end time is exact to a few ms); `final` (bans, CPU,
// peak RSS) when "final" arrives on stdin or on SIGTERM, after which the service stops and the process
// exits.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfigOrThrow } from '../../src/config/index.js';
import { createLogger } from '../../src/core/logger.js';
import { logDestination, pinoLevel } from '../../src/cli/service-logging.js';
import { createNftablesBackend } from '../../src/firewall/index.js';
import { createMetrics, type Fail2nftMetrics } from '../../src/observability/index.js';
import { ThreadedBanStore } from '../../src/persistence/index.js';
import { createService, type Service } from '../../src/service.js';
import { parsePeakRssKiB } from './proc-stats.js';
import {
  encodeRunnerMessage,
  FINAL_REQUEST,
  type HistogramBucket,
  type RunnerCounts,
  type RunnerMessage,
} from './runner-protocol.js';

const PROGRESS_MS = 100;
const DONE_CHECK_MS = 5;

function send(message: RunnerMessage): void {
  process.stdout.write(encodeRunnerMessage(message));
}

function cpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

function counts(service: Service): RunnerCounts {
  const stats = service.stats();
  return { lines: stats.lines, failures: stats.pipeline.failures, bans: stats.pipeline.bans };
}

function optionalCount(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === 'auto') return undefined;
  if (!/^\d+$/.test(value))
    throw new RangeError(`${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** The ban-latency histogram summed over jails, cumulative buckets in seconds (le = Infinity last). */
async function banLatencyBuckets(metrics: Fail2nftMetrics): Promise<HistogramBucket[]> {
  const counts = new Map<number, number>();
  for (const value of (await metrics.banLatency.get()).values) {
    if (value.metricName?.endsWith('_bucket') !== true) continue;
    const le = (value.labels as Readonly<Record<string, string | number | undefined>>).le;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    counts.set(bound, (counts.get(bound) ?? 0) + value.value);
  }
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([le, count]) => ({ le: Number.isFinite(le) ? le : null, count }));
}

/** With node --expose-gc: the JS heap still in use after a full collection (live data, not garbage). */
function liveHeap(): { liveHeapKiB?: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return {};
  gc();
  // For finding where the memory goes (bench/README.md); the file is as large as the heap.
  const snapshotDir = process.env.F2N_BENCH_HEAP_SNAPSHOT_DIR;
  if (snapshotDir !== undefined && snapshotDir !== '')
    writeHeapSnapshot(`${snapshotDir}/fail2nft-runner-${process.pid}.heapsnapshot`);
  return { liveHeapKiB: Math.round(process.memoryUsage().heapUsed / 1024) };
}

/**
 * F2N_BENCH_MAIN_PROFILE=FILE: a V8 CPU profile of the main thread only, taken through the inspector from
 * start to the final report (node --cpu-prof loses it: with worker threads the runner never finishes
 * writing it at exit and is killed). Returns the function that writes it.
 */
async function startMainProfile(): Promise<() => Promise<void>> {
  const file = process.env.F2N_BENCH_MAIN_PROFILE;
  if (file === undefined || file === '') return () => Promise.resolve();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/**
 * F2N_BENCH_DIAGNOSTICS=FILE: where the main thread's time went, as JSON written with the final report:
 * event-loop delay percentiles, garbage-collection pauses, and the service's own histograms (firewall
 * commit duration and batch size, store writes, match queue wait). For finding what makes ban latency.
 */
function startDiagnostics(metrics: Fail2nftMetrics | undefined): () => Promise<void> {
  const file = process.env.F2N_BENCH_DIAGNOSTICS;
  if (file === undefined || file === '') return () => Promise.resolve();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return async () => {
    delay.disable();
    observer.disconnect();
    const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
    pauses.sort((a, b) => a - b);
    const wanted = /firewall_commit|firewall_batch|store_write|match_queue/;
    const histograms =
      metrics === undefined
        ? []
        : (await metrics.registry.getMetricsAsJSON()).filter((metric) => wanted.test(metric.name));
    writeFileSync(
      file,
      JSON.stringify(
        {
          eventLoopDelayMs: {
            p50: ms(delay.percentile(50)),
            p99: ms(delay.percentile(99)),
            p999: ms(delay.percentile(99.9)),
            max: ms(delay.max),
          },
          gc: {
            pauses: pauses.length,
            totalMs: Math.round(pauses.reduce((a, b) => a + b, 0)),
            p99Ms: pauses[Math.floor(pauses.length * 0.99)] ?? 0,
            maxMs: pauses.at(-1) ?? 0,
            over20ms: pauses.filter((p) => p > 20).length,
          },
          histograms,
        },
        null,
        1,
      ),
    );
  };
}

async function main(): Promise<number> {
  const writeMainProfile = await startMainProfile();
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      workers: { type: 'string' },
      'expect-lines': { type: 'string' },
      netns: { type: 'string' },
      'nft-table': { type: 'string' },
      metrics: { type: 'boolean', default: false },
    },
  });
  if (values.config === undefined) throw new RangeError('--config DIR is required');
  const configDir = values.config;
  const workers = optionalCount('--workers', values.workers);
  const expectLines = optionalCount('--expect-lines', values['expect-lines']);
  const settings = loadConfigOrThrow(configDir).service;
  const logger = createLogger({
    level: pinoLevel(settings.loglevel),
    destination: logDestination(settings.logtarget),
    buffered: true,
  });
  const netns = values.netns;
  const metrics = values.metrics ? createMetrics({ collectDefault: false }) : undefined;
  const service = createService({
    configDir,
    logger,
    ...(netns === undefined
      ? { dryRun: true }
      : {
          dryRun: false,
          backend: createNftablesBackend({ netns, table: values['nft-table'] ?? settings.nftTable }),
          // As the real service (and as fail2ban, which writes its own database in the bench).
          store: new ThreadedBanStore({
            path: join(dirname(configDir), 'fail2nft.sqlite3'),
            synchronous: 'normal',
          }),
        }),
    ...(metrics === undefined ? {} : { metrics }),
    ...(workers === undefined ? {} : { workers }),
    fileSource: { watchMode: 'auto' },
  });
  await service.start();
  const writeDiagnostics = startDiagnostics(metrics);
  send({ event: 'started', t: Date.now(), jails: service.jails(), cpuUs: cpuUs() });

  // Idle: a settle() that began after the last new line has finished. settle() flushes the match
  // engine's partial batches, so it runs only while no lines arrive.
  let settling = false;
  let settledAt = -1;
  let lastLines = -1;
  const progress = setInterval(() => {
    const now = counts(service);
    if (now.lines === lastLines && !settling && settledAt !== now.lines) {
      settling = true;
      const at = now.lines;
      void service.settle().then(() => {
        settledAt = at;
        settling = false;
      });
    }
    lastLines = now.lines;
    send({ event: 'progress', t: Date.now(), ...now, idle: settledAt === now.lines, cpuUs: cpuUs() });
  }, PROGRESS_MS);

  let doneCheck: NodeJS.Timeout | undefined;
  if (expectLines !== undefined) {
    let checking = false;
    doneCheck = setInterval(() => {
      if (checking || service.stats().lines < expectLines) return;
      checking = true;
      clearInterval(doneCheck);
      void service.settle().then(() => {
        send({ event: 'done', t: Date.now(), ...counts(service), cpuUs: cpuUs() });
      });
    }, DONE_CHECK_MS);
  }

  let finishing: Promise<void> | undefined;
  const finish = (): Promise<void> => {
    finishing ??= (async () => {
      await writeMainProfile();
      await writeDiagnostics();
      clearInterval(progress);
      clearInterval(doneCheck);
      const failedByJail: Record<string, number> = {};
      for (const jail of service.jails()) failedByJail[jail] = service.status(jail)?.failed.total ?? 0;
      send({
        event: 'final',
        t: Date.now(),
        counts: counts(service),
        failedByJail,
        bans: service.banned().map((ban) => ({ jail: ban.jail, address: ban.address })),
        cpuUs: cpuUs(),
        peakRssKiB: parsePeakRssKiB(readFileSync('/proc/self/status', 'utf8')),
        ...(metrics === undefined ? {} : { banLatency: await banLatencyBuckets(metrics) }),
        ...liveHeap(),
      });
      await service.stop();
      logger.flush();
    })();
    return finishing;
  };
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line.trim() === FINAL_REQUEST) void finish();
  });
  process.on('SIGTERM', () => void finish());
  // The bench that started this runner is gone (killed): stop instead of running on as an orphan.
  input.on('close', () => void finish());

  // Settles after finish() stopped the service, or earlier when a source or stage failed on its own.
  const failure = await service.stopped();
  if (finishing !== undefined) await finishing;
  clearInterval(progress);
  clearInterval(doneCheck);
  input.close();
  if (failure === undefined) return 0;
  send({ event: 'error', message: `the service stopped: ${failure.message}` });
  return 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  send({ event: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
}
