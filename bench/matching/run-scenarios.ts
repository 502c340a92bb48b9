// Runs the scenarios: loads each log once into memory (so reading the disk is not measured), opens a
// session per repetition (compiling and starting workers are not timed), times process(), and for the
// fail2ban-regex scenarios runs fail2ban-regex on the same lines and compares failures line by line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FilterSpec } from '../../src/core/filter-spec.js';
import type { BenchOptions } from './bench-options.js';
import type { ComparisonResult, OurComparisonRun, ThroughputResult } from './bench-results.js';
import { median, rate } from './bench-statistics.js';
import type { MatchDriver, ProcessResult } from './drivers/match-driver.js';
import { compareFailures } from './failure-difference.js';
import { loadBenchFilter } from './load-bench-filter.js';
import { linesByNumber, type LogChunks } from './log-chunks.js';
import { readLogChunks, writeLogPrefix } from './read-log-file.js';
import { fail2banFilterArgument, fail2banStartupSeconds, runFail2banRegex } from './run-fail2ban-regex.js';
import type { Fail2banScenario, LogName, ThroughputScenario, TruthJail } from './scenario.js';

export interface RunContext {
  readonly options: BenchOptions;
  /** Available drivers, in the order selected. */
  readonly drivers: readonly MatchDriver[];
  readonly bundledConfig: string;
  /** Debian's /etc/fail2ban, when installed. */
  readonly debianConfig: string | undefined;
  /** The configuration directory the throughput scenarios read their filters from. */
  readonly throughputConfig: string;
  readonly nowMs: number;
  /** Worker count for the engine outside the scaling scenarios. */
  readonly engineWorkers: number;
  readonly progress: (message: string) => void;
}

export function logPath(context: RunContext, log: LogName): string {
  return join(context.options.dataDir, `${log}.log`);
}

/** Keeps the last log read: scenarios on the same log run one after the other. */
export class LogCache {
  private key = '';
  private value: LogChunks | undefined;

  get(path: string, maxLines: number | undefined): LogChunks {
    const key = `${path}\u0000${maxLines ?? ''}`;
    if (this.value === undefined || key !== this.key) {
      this.value = undefined; // let the previous log go before reading the next
      this.value = readLogChunks(path, maxLines);
      this.key = key;
    }
    return this.value;
  }
}

interface TruthFile {
  readonly lines: number;
  readonly jails: Readonly<Record<TruthJail, { readonly failures: number }>>;
}

function readTruth(path: string): TruthFile | undefined {
  const file = `${path}.truth.json`;
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as TruthFile;
}

/** Bytes of the log's first chunks a threaded driver may warm its workers up on. */
const WARM_UP_BYTES = 8 << 20;

function warmUpChunks(chunks: readonly Buffer[]): Buffer[] {
  const out: Buffer[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    if (bytes >= WARM_UP_BYTES) break;
    out.push(chunk);
    bytes += chunk.length;
  }
  return out;
}

async function measure(
  driver: MatchDriver,
  specs: readonly FilterSpec[],
  chunks: readonly Buffer[],
  context: RunContext,
  workers: number,
): Promise<{ runs: number[]; result: ProcessResult; stable: boolean }> {
  const runs: number[] = [];
  let result: ProcessResult | undefined;
  let stable = true;
  for (let i = 0; i < context.options.repeat; i++) {
    const session = await driver.open(specs, {
      collect: false,
      workers,
      nowMs: context.nowMs,
      warmUp: warmUpChunks(chunks),
    });
    try {
      const started = process.hrtime.bigint();
      const current = await session.process(chunks);
      runs.push(Number(process.hrtime.bigint() - started) / 1e9);
      if (result !== undefined && current.failures.join() !== result.failures.join()) stable = false;
      result = current;
    } finally {
      await session.close();
    }
  }
  if (result === undefined) throw new Error('no repetition ran');
  return { runs, result, stable };
}

export async function runThroughput(
  scenario: ThroughputScenario,
  context: RunContext,
  logs: LogCache,
): Promise<ThroughputResult[]> {
  const path = logPath(context, scenario.log);
  const log = logs.get(path, context.options.ourLines);
  const truth = readTruth(path);
  const wholeFile = truth !== undefined && truth.lines === log.lines;
  const specs = scenario.filters.map((f) => loadBenchFilter(context.throughputConfig, f.filter));
  const plans: { driver: MatchDriver; workers: number }[] =
    scenario.threads === 'single-thread'
      ? context.drivers.filter((d) => !d.threaded).map((driver) => ({ driver, workers: 1 }))
      : context.drivers
          .filter((d) => d.threaded)
          .flatMap((driver) =>
            (scenario.threads as { engineWorkers: readonly number[] }).engineWorkers.map((workers) => ({
              driver,
              workers,
            })),
          );
  const results: ThroughputResult[] = [];
  for (const { driver, workers } of plans) {
    context.progress(`${scenario.name}: ${driver.name}${driver.threaded ? ` x${workers}` : ''}`);
    const { runs, result, stable } = await measure(driver, specs, log.chunks, context, workers);
    const seconds = median(runs);
    const linesPerSecond = rate(log.lines, seconds);
    results.push({
      scenario: scenario.name,
      driver: driver.name,
      threads: workers,
      log: scenario.log,
      lines: log.lines,
      bytes: log.bytes,
      filters: scenario.filters.map((f) => f.filter),
      filterSource: context.options.filterSource,
      runs,
      seconds,
      linesPerSecond,
      linesPerSecondPerCore: linesPerSecond / workers,
      targetPerCore: scenario.targetPerCore,
      failures: result.failures,
      stable,
      truthFailures: wholeFile
        ? scenario.filters.map((f) => (f.truth === undefined ? undefined : truth.jails[f.truth].failures))
        : undefined,
    });
  }
  return results;
}

async function compareDriver(
  driver: MatchDriver,
  spec: FilterSpec,
  log: LogChunks,
  theirs: readonly { id: string; line: string }[],
  fail2banRate: number,
  context: RunContext,
): Promise<OurComparisonRun> {
  const workers = driver.threaded ? context.engineWorkers : 1;
  const session = await driver.open([spec], { collect: true, workers, nowMs: context.nowMs });
  let records;
  try {
    records = (await session.process(log.chunks)).records ?? [];
  } finally {
    await session.close();
  }
  const texts = linesByNumber(
    log.chunks,
    records.map((r) => r.line),
  );
  const ours = records.map((r) => ({ id: r.id, line: texts.get(r.line) ?? `<line ${r.line}>` }));
  const { runs } = await measure(driver, [spec], log.chunks, context, workers);
  const seconds = median(runs);
  const linesPerSecond = rate(log.lines, seconds);
  return {
    driver: driver.name,
    threads: workers,
    seconds,
    linesPerSecond,
    ratio: linesPerSecond / fail2banRate,
    difference: compareFailures(ours, theirs),
  };
}

export async function runFail2banComparison(
  scenario: Fail2banScenario,
  context: RunContext,
  logs: LogCache,
): Promise<ComparisonResult[]> {
  const path = logPath(context, scenario.log);
  const log = logs.get(path, context.options.fail2banLines);
  const prefix = writeLogPrefix(path, context.options.fail2banLines);
  const sources: { source: 'bundled' | 'debian'; dir: string }[] = [
    { source: 'bundled', dir: context.bundledConfig },
    ...(context.debianConfig === undefined ? [] : [{ source: 'debian' as const, dir: context.debianConfig }]),
  ];
  const results: ComparisonResult[] = [];
  try {
    for (const { source, dir } of sources) {
      for (const filter of scenario.filters) {
        context.progress(`${scenario.name}: fail2ban-regex ${filter} (${source}), ${prefix.lines} lines`);
        const argument = fail2banFilterArgument(dir, filter);
        const startupSeconds = Math.min(fail2banStartupSeconds(argument), fail2banStartupSeconds(argument));
        const run = runFail2banRegex(prefix.path, argument);
        const fail2banRate = rate(prefix.lines, Math.max(1e-6, run.seconds - startupSeconds));
        const spec = loadBenchFilter(dir, filter);
        const ours: OurComparisonRun[] = [];
        for (const driver of context.drivers) {
          context.progress(`${scenario.name}: ${driver.name} ${filter} (${source})`);
          ours.push(await compareDriver(driver, spec, log, run.failures, fail2banRate, context));
        }
        results.push({
          scenario: scenario.name,
          log: scenario.log,
          lines: log.lines,
          filter,
          filterSource: source,
          fail2ban: {
            wallSeconds: run.seconds,
            startupSeconds,
            linesPerSecond: fail2banRate,
            failures: run.failures.length,
          },
          ours,
          targetRatio: scenario.targetRatio,
        });
      }
    }
  } finally {
    prefix.remove();
  }
  return results;
}
