// The matching benchmark: every scenario under scenarios/ in one process, so that ratios between drivers
// and against fail2ban-regex are measured under the same machine load. Wiring only.
//
//   npx tsc -p tsconfig.json && node dist/bench/matching/run.js [--driver ...] [--lines N] [--json [FILE]]
// (bench/README.md lists the options and what each scenario measures.)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_USAGE, parseBenchOptions, type BenchOptions } from './bench-options.js';
import type { BenchReport, ComparisonResult, SkippedScenario, ThroughputResult } from './bench-results.js';
import { loadDrivers } from './drivers/driver-registry.js';
import type { MatchDriver } from './drivers/match-driver.js';
import { formatBenchReport } from './format-bench-results.js';
import { machineInfo } from './machine-info.js';
import { LogCache, logPath, runFail2banComparison, runThroughput, type RunContext } from './run-scenarios.js';
import type { Scenario } from './scenario.js';
import { ALL_SCENARIOS } from './scenarios/all-scenarios.js';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const debianConfig = '/etc/fail2ban';

function selected(scenario: Scenario, options: BenchOptions): boolean {
  return options.only.length === 0 || options.only.some((part) => scenario.name.includes(part));
}

/** Why a scenario cannot run here, or undefined. */
function skipReason(scenario: Scenario, context: RunContext, fail2ban: boolean): string | undefined {
  if (!existsSync(logPath(context, scenario.log))) {
    return `${logPath(context, scenario.log)} missing: see bench/corpus/README.md to generate it`;
  }
  if (scenario.kind === 'fail2ban-regex') {
    if (context.options.skipFail2ban) return '--no-fail2ban';
    if (!fail2ban) return 'fail2ban-regex is not installed (apt-get install fail2ban)';
    return undefined;
  }
  const threaded = scenario.threads !== 'single-thread';
  if (!context.drivers.some((d) => d.threaded === threaded)) {
    return threaded
      ? 'the engine driver is not selected or not available'
      : 'no single-thread driver selected';
  }
  return undefined;
}

async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2), {
      dataDir: join(projectRoot, 'bench', 'data'),
      defaultJsonFile: join(
        projectRoot,
        'bench',
        'results',
        `matching-${startedAt.replace(/[:.]/g, '-')}.json`,
      ),
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${BENCH_USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  const availability = await loadDrivers(options.drivers);
  const missing = availability.filter((d) => d.driver === undefined);
  if (options.drivers !== undefined && missing.length > 0) {
    process.stderr.write(missing.map((d) => `driver ${d.name} is not available: ${d.reason}\n`).join(''));
    return 1;
  }
  const drivers = availability.flatMap((d): MatchDriver[] => (d.driver === undefined ? [] : [d.driver]));
  const machine = machineInfo();
  const debian = existsSync(join(debianConfig, 'filter.d')) ? debianConfig : undefined;
  if (options.filterSource === 'debian' && debian === undefined) {
    process.stderr.write(`--filters debian: ${debianConfig}/filter.d not found (apt-get install fail2ban)\n`);
    return 1;
  }
  const bundledConfig = join(projectRoot, 'config');
  const context: RunContext = {
    options,
    drivers,
    bundledConfig,
    debianConfig: debian,
    throughputConfig: options.filterSource === 'debian' ? debianConfig : bundledConfig,
    nowMs: Date.now(),
    engineWorkers: availableParallelism(),
    progress: (message) => process.stderr.write(`${message}\n`),
  };
  const logs = new LogCache();
  const throughput: ThroughputResult[] = [];
  const comparisons: ComparisonResult[] = [];
  const skipped: SkippedScenario[] = [];
  for (const scenario of ALL_SCENARIOS.filter((s) => selected(s, options))) {
    const reason = skipReason(scenario, context, machine.fail2ban !== undefined);
    if (reason !== undefined) {
      skipped.push({ scenario: scenario.name, reason });
      continue;
    }
    if (scenario.kind === 'throughput') throughput.push(...(await runThroughput(scenario, context, logs)));
    else comparisons.push(...(await runFail2banComparison(scenario, context, logs)));
  }
  const report: BenchReport = {
    startedAt,
    machine,
    options: { ...options },
    drivers: availability.map((d) => ({
      name: d.name,
      available: d.driver !== undefined,
      ...(d.reason === undefined ? {} : { reason: d.reason }),
    })),
    throughput,
    comparisons,
    skipped,
  };
  process.stdout.write(formatBenchReport(report));
  if (options.jsonFile !== undefined) {
    mkdirSync(dirname(options.jsonFile), { recursive: true });
    writeFileSync(options.jsonFile, JSON.stringify(report, null, 2) + '\n');
    process.stderr.write(`results written to ${options.jsonFile}\n`);
  }
  return 0;
}

process.exitCode = await main();
