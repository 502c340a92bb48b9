// Starts a real Prometheus for a test: a temporary config scraping the given targets every second,
// storage in a temporary directory, the web API on a free loopback port, nothing remote. The test reads
// what Prometheus scraped through its HTTP API (query, query_range, targets) and stops it at the end.
// Shared by the dashboard test (a metrics server fed by the test) and the service's end-to-end test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const defaultPrometheusBinary = '/usr/bin/prometheus';

/** The binary to run (PROMETHEUS_BIN or /usr/bin/prometheus), or undefined when it is not installed. */
export function findPrometheusBinary(): string | undefined {
  const binary = process.env.PROMETHEUS_BIN ?? defaultPrometheusBinary;
  return existsSync(binary) ? binary : undefined;
}

export interface PrometheusHarnessOptions {
  /** Scrape targets as ADDR:PORT (IPv6 in brackets). */
  readonly targets: readonly string[];
  readonly binary?: string;
  /** Default 1 s: rate() over [1m] has samples after two scrapes. */
  readonly scrapeIntervalMs?: number;
  readonly jobName?: string;
  readonly metricsPath?: string;
  /** Bound on the wait for /-/ready (default 20 s). */
  readonly readyTimeoutMs?: number;
}

/** One series of an instant query: its labels and its value (NaN, +Inf are kept as numbers). */
export interface Sample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface RangeSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly values: readonly (readonly [number, number])[];
}

export interface ScrapeTarget {
  readonly scrapeUrl: string;
  readonly health: string;
  readonly lastError: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface PrometheusHarness {
  /** http://127.0.0.1:PORT of Prometheus' web API. */
  readonly url: string;
  readonly jobName: string;
  /** Instant query at now (or at timeSec); a scalar comes back as one sample without labels. */
  query(expr: string, timeSec?: number): Promise<Sample[]>;
  queryRange(expr: string, startSec: number, endSec: number, stepSec: number): Promise<RangeSeries[]>;
  targets(): Promise<ScrapeTarget[]>;
  /** Waits until every target has been scraped successfully `scrapes` times (bounded by timeoutMs). */
  waitForScrapes(scrapes: number, timeoutMs?: number): Promise<void>;
  /** The end of Prometheus' own log, for assertion messages. */
  logTail(): string;
  /** Stops Prometheus (SIGTERM, then SIGKILL after 5 s) and removes its directory; idempotent. */
  stop(): Promise<void>;
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port from the kernel');
  return address.port;
}

function durationText(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function renderConfig(
  options: Required<Omit<PrometheusHarnessOptions, 'binary' | 'readyTimeoutMs'>>,
): string {
  const interval = durationText(options.scrapeIntervalMs);
  const targets = options.targets.map((t) => `'${t}'`).join(', ');
  return [
    'global:',
    `  scrape_interval: ${interval}`,
    `  scrape_timeout: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'scrape_configs:',
    `  - job_name: '${options.jobName}'`,
    `    metrics_path: '${options.metricsPath}'`,
    '    static_configs:',
    `      - targets: [${targets}]`,
    '',
  ].join('\n');
}

function parseValue(text: string): number {
  return Number(text); // "NaN", "+Inf" and "-Inf" parse as well
}

interface ApiResponse<T> {
  readonly status: 'success' | 'error';
  readonly data?: T;
  readonly errorType?: string;
  readonly error?: string;
}

type QueryData =
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: [number, string] }[] }
  | { resultType: 'scalar'; result: [number, string] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: [number, string][] }[] }
  | { resultType: 'string'; result: [number, string] };

const logLimit = 64 * 1024;

export async function startPrometheus(options: PrometheusHarnessOptions): Promise<PrometheusHarness> {
  const binary = options.binary ?? findPrometheusBinary() ?? defaultPrometheusBinary;
  const jobName = options.jobName ?? 'fail2nft';
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(
    configFile,
    renderConfig({
      targets: options.targets,
      scrapeIntervalMs: options.scrapeIntervalMs ?? 1000,
      jobName,
      metricsPath: options.metricsPath ?? '/metrics',
    }),
  );

  let log = '';
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let exitCode: number | null | undefined;
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  const cleanup = (): void => {
    process.off('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };

  const launch = async (): Promise<string> => {
    const port = await freeLoopbackPort();
    const url = `http://127.0.0.1:${port}`;
    exitCode = undefined;
    const started = spawn(
      binary,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=1h',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    const keep = (chunk: Buffer): void => {
      log = (log + chunk.toString('utf8')).slice(-logLimit);
    };
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    exited = new Promise<void>((resolve) => {
      started.once('exit', (code) => {
        exitCode = code;
        resolve();
      });
      started.once('error', (error) => {
        log += `\n${error.message}`;
        exitCode = -1;
        resolve();
      });
    });
    return url;
  };

  const waitReady = async (url: string, timeoutMs: number): Promise<boolean> => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (exitCode !== undefined) return false;
      try {
        const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        if (response.ok) return true;
      } catch {
        // Not listening yet: try again until the deadline.
      }
      await delay(100);
    }
    throw new Error(`prometheus was not ready within ${timeoutMs} ms:\n${log}`);
  };

  process.on('exit', killOnExit);
  let url = '';
  try {
    // The free port can be taken between the probe and Prometheus' listen: then try another one.
    for (let attempt = 1; ; attempt++) {
      url = await launch();
      if (await waitReady(url, options.readyTimeoutMs ?? 20_000)) break;
      if (attempt >= 3 || !log.includes('address already in use'))
        throw new Error(`prometheus exited with status ${exitCode ?? 'unknown'}:\n${log}`);
    }
  } catch (error) {
    child?.kill('SIGKILL');
    await exited;
    cleanup();
    throw error;
  }

  const api = async <T>(path: string, params: Record<string, string>): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as ApiResponse<T>;
    if (body.status !== 'success' || body.data === undefined)
      throw new Error(
        `prometheus ${path} ${JSON.stringify(params)}: ${body.errorType ?? ''} ${body.error ?? ''}`,
      );
    return body.data;
  };

  let stopped = false;
  const harness: PrometheusHarness = {
    url,
    jobName,
    async query(expr, timeSec) {
      const params: Record<string, string> = { query: expr };
      if (timeSec !== undefined) params.time = String(timeSec);
      const data = await api<QueryData>('/api/v1/query', params);
      switch (data.resultType) {
        case 'vector':
          return data.result.map((r) => ({ metric: r.metric, value: parseValue(r.value[1]) }));
        case 'scalar':
          return [{ metric: {}, value: parseValue(data.result[1]) }];
        default:
          throw new Error(`instant query ${expr} returned a ${data.resultType}`);
      }
    },
    async queryRange(expr, startSec, endSec, stepSec) {
      const data = await api<QueryData>('/api/v1/query_range', {
        query: expr,
        start: String(startSec),
        end: String(endSec),
        step: String(stepSec),
      });
      if (data.resultType !== 'matrix') throw new Error(`range query ${expr} returned a ${data.resultType}`);
      return data.result.map((r) => ({
        metric: r.metric,
        values: r.values.map(([t, v]) => [t, parseValue(v)] as const),
      }));
    },
    async targets() {
      const response = await fetch(`${url}/api/v1/targets?state=active`, {
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json()) as ApiResponse<{ activeTargets: ScrapeTarget[] }>;
      return body.data?.activeTargets ?? [];
    },
    async waitForScrapes(scrapes, timeoutMs = 20_000) {
      const deadline = performance.now() + timeoutMs;
      const expr = `count_over_time(up{job="${jobName}"}[1h]) and up{job="${jobName}"} == 1`;
      while (performance.now() < deadline) {
        const samples = await harness.query(expr);
        if (samples.length === options.targets.length && samples.every((s) => s.value >= scrapes)) return;
        await delay(200);
      }
      const targets = await harness.targets();
      throw new Error(
        `targets not scraped ${scrapes} times within ${timeoutMs} ms: ${JSON.stringify(targets)}\n${log}`,
      );
    },
    logTail() {
      return log;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const running = child;
      if (running !== undefined && exitCode === undefined) {
        running.kill('SIGTERM');
        const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
  };
  return harness;
}
