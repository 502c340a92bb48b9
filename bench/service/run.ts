// The end-to-end service benchmark: a log file appended at full speed, followed by fail2nft (the
// composition root in a child process) and then by fail2ban-server on the same lines and jails, in one
// run so that both are measured under the same machine load. Wiring only.
//
//   npx tsc -p tsconfig.json && node dist/bench/service/run.js [--lines N] [--workers N] [--json [FILE]]
// (bench/README.md, "Service benchmark", says what is measured and how.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from '../matching/machine-info.js';
import { compareBans } from './ban-comparison.js';
import { BENCH_JAILS } from './bench-config-texts.js';
import { markerAddressesIn, sliceCorpus } from './corpus-slice.js';
import { formatRate, formatServiceBench } from './format-service-bench.js';
import { medianRun } from './median-run.js';
import { MARKER_ADDRESSES } from './marker-lines.js';
import { fail2banVersion, runFail2banSide } from './run-fail2ban-io.js';
import { runFail2nftSide } from './run-fail2nft-io.js';
import {
  parseServiceBenchOptions,
  SERVICE_BENCH_USAGE,
  type ServiceBenchOptions,
} from './service-bench-options.js';
import { linesPerSecond, type ServiceBenchReport, type SideResult } from './service-bench-results.js';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const runnerScript = fileURLToPath(new URL('./fail2nft-runner.js', import.meta.url));

/** The generator's failure counts per jail, when the whole corpus is appended and its truth file exists. */
function truthFailures(log: string, lines: number): Record<string, number> | undefined {
  const file = `${log}.truth.json`;
  if (!existsSync(file)) return undefined;
  const truth = JSON.parse(readFileSync(file, 'utf8')) as {
    lines?: unknown;
    jails?: Record<string, { failures?: unknown }>;
  };
  if (truth.lines !== lines || truth.jails === undefined) return undefined;
  const result: Record<string, number> = {};
  for (const jail of BENCH_JAILS) {
    const failures = truth.jails[jail]?.failures;
    if (typeof failures !== 'number') return undefined;
    result[jail] = failures;
  }
  return result;
}

async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  let options: ServiceBenchOptions;
  try {
    options = parseServiceBenchOptions(process.argv.slice(2), {
      log: join(projectRoot, 'bench', 'data', 'mail.log'),
      defaultJsonFile: join(
        projectRoot,
        'bench',
        'results',
        `service-${startedAt.replace(/[:.]/g, '-')}.json`,
      ),
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${SERVICE_BENCH_USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(SERVICE_BENCH_USAGE);
    return 0;
  }
  if (!existsSync(options.log)) {
    process.stderr.write(`${options.log} missing: see bench/corpus/README.md to generate it\n`);
    return 1;
  }
  const progress = (message: string): void => void process.stderr.write(`${message}\n`);
  const corpus = sliceCorpus(readFileSync(options.log), options.lines);
  const clashes = markerAddressesIn(corpus, MARKER_ADDRESSES);
  if (clashes.length > 0) {
    process.stderr.write(
      `${options.log} uses the marker addresses ${clashes.join(', ')}; choose another corpus\n`,
    );
    return 1;
  }
  if (options.cpuProfileDir !== undefined) mkdirSync(options.cpuProfileDir, { recursive: true });
  const timeoutMs = options.timeoutSec * 1000;
  const machine = machineInfo();
  const sides: SideResult[] = [];
  const skipped: string[] = [];
  progress(
    `appending ${corpus.lines} lines (${(corpus.bytes.length / 2 ** 20).toFixed(0)} MiB) of ${options.log}`,
  );
  const runs: SideResult[] = [];
  // Bounded by --repeat.
  for (let run = 1; run <= options.repeat; run++) {
    runs.push(
      await runFail2nftSide({
        corpus,
        projectRoot,
        runnerScript,
        workers: options.workers,
        timeoutMs,
        cpuProfileDir: options.cpuProfileDir,
        progress,
      }),
    );
    const last = runs[runs.length - 1];
    if (options.repeat > 1 && last !== undefined) {
      progress(`fail2nft run ${run}: ${formatRate(linesPerSecond(last))} lines/s`);
    }
  }
  sides.push(medianRun(runs));
  const version = options.skipFail2ban ? undefined : await fail2banVersion();
  if (options.skipFail2ban) skipped.push('fail2ban: --no-fail2ban');
  else if (version === undefined)
    skipped.push('fail2ban: fail2ban-server is not installed (apt-get install fail2ban)');
  else sides.push(await runFail2banSide({ corpus, timeoutMs, version, progress }));

  const ours = sides.find((side) => side.tool === 'fail2nft');
  const theirs = sides.find((side) => side.tool === 'fail2ban');
  const report: ServiceBenchReport = {
    startedAt,
    command: ['node', relative(projectRoot, fileURLToPath(import.meta.url)), ...process.argv.slice(2)].join(
      ' ',
    ),
    machine,
    corpus: {
      path: relative(projectRoot, options.log) || options.log,
      lines: corpus.lines,
      bytes: corpus.bytes.length,
    },
    truthFailures: truthFailures(options.log, corpus.lines),
    sides,
    banComparison:
      ours !== undefined && theirs !== undefined ? compareBans(BENCH_JAILS, ours, theirs) : undefined,
    skipped,
  };
  process.stdout.write(formatServiceBench(report, BENCH_JAILS));
  for (const side of sides)
    for (const note of side.notes) process.stdout.write(`Note (${side.tool}): ${note}\n`);
  if (options.jsonFile !== undefined) {
    mkdirSync(dirname(options.jsonFile), { recursive: true });
    writeFileSync(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    progress(`results written to ${options.jsonFile}`);
  }
  return 0;
}

process.exitCode = await main();
