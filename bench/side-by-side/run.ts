// The side-by-side benchmark (issue 07): fail2nft and fail2ban-server on the same seeded corpora in one
// run, both banning for real into network namespaces the bench creates: the mail log, a flood (full
// speed, and paced for ban latency), and sshd's auth.log. Wiring only.
//
//   npx tsc -p tsconfig.json && node dist/bench/side-by-side/run.js [--scenarios mail,flood,sshd] [--json]
// (bench/README.md, "Side-by-side benchmark", says what is measured and how.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from '../matching/machine-info.js';
import { compareBans } from '../service/ban-comparison.js';
import { markerAddressesIn, sliceCorpus } from '../service/corpus-slice.js';
import { fail2banVersion } from '../service/run-fail2ban-io.js';
import { completingLines } from './ban-latency.js';
import { corpusFailures } from './completing-failures.js';
import { ensureCorpus } from './corpus-files-io.js';
import { formatSideBySide } from './format-side-by-side.js';
import { nftVersion } from './kernel-check-io.js';
import { MARKER_ADDRESSES } from './marker-text.js';
import { runFail2banSide } from './run-fail2ban-io.js';
import { runFail2nftSide } from './run-fail2nft-io.js';
import { scenarioOf, type Scenario } from './scenarios.js';
import type { SideInput } from './side-input.js';
import {
  parseSideBySideOptions,
  SIDE_BY_SIDE_USAGE,
  type SideBySideOptions,
} from './side-by-side-options.js';
import type { ScenarioReport, SideBySideReport, SideRun } from './side-results.js';
import { cutPieces } from './write-times.js';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const runnerScript = fileURLToPath(new URL('../service/fail2nft-runner.js', import.meta.url));
const PIECE_BYTES = 1 << 20;
const PACED_TICK_MS = 10;
const progress = (message: string): void => void process.stderr.write(`${message}\n`);

function failureRatio(corpusFile: string): number {
  const truth = JSON.parse(readFileSync(`${corpusFile}.truth.json`, 'utf8')) as { failureRatio?: unknown };
  return typeof truth.failureRatio === 'number' && truth.failureRatio > 0 ? truth.failureRatio : 0.5;
}

async function runScenario(
  scenario: Scenario,
  options: SideBySideOptions,
  fail2ban: string | undefined,
): Promise<ScenarioReport> {
  const file = ensureCorpus(projectRoot, options.dataDir, scenario.corpus, progress);
  const whole = readFileSync(file);
  const corpus = sliceCorpus(whole, options.lines);
  const clashes = markerAddressesIn(corpus, MARKER_ADDRESSES);
  if (clashes.length > 0) throw new Error(`${file} uses the marker addresses ${clashes.join(', ')}`);
  const pieces = cutPieces(corpus.bytes, PIECE_BYTES, Number.POSITIVE_INFINITY);
  progress(`${scenario.name}: matching ${corpus.lines} lines once for the ban-completing lines`);
  const failures = await corpusFailures(projectRoot, scenario.jails, pieces, Date.now());
  const completing = completingLines(failures, scenario.maxretry);
  const timeoutMs = options.timeoutSec * 1000;
  const listSets = scenario.name !== 'flood';
  const input = (run: string, slice: Buffer, lines: number, paced?: { linesPerSec: number }): SideInput => {
    const linesPerTick =
      paced === undefined ? 0 : Math.max(1, Math.round((paced.linesPerSec * PACED_TICK_MS) / 1000));
    return {
      scenario,
      run,
      pieces:
        paced === undefined
          ? cutPieces(slice, PIECE_BYTES, Number.POSITIVE_INFINITY)
          : cutPieces(slice, Number.POSITIVE_INFINITY, linesPerTick),
      lines,
      bytes: slice.length,
      paced:
        paced === undefined
          ? undefined
          : { tickMs: PACED_TICK_MS, linesPerSec: (linesPerTick * 1000) / PACED_TICK_MS },
      completing,
      listSets,
      timeoutMs,
      progress,
    };
  };
  const env = { projectRoot, runnerScript, workers: options.workers, cpuProfileDir: options.cpuProfileDir };
  const runs: SideRun[] = [];
  const skipped: string[] = [];
  runs.push(await runFail2nftSide(input(scenario.name, corpus.bytes, corpus.lines), env));
  if (fail2ban !== undefined) {
    const prefix =
      scenario.name === 'flood'
        ? sliceCorpus(corpus.bytes, Math.min(options.fail2banFloodLines, corpus.lines))
        : corpus;
    runs.push(await runFail2banSide(input(scenario.name, prefix.bytes, prefix.lines), fail2ban));
  }
  if (scenario.name === 'flood') {
    const ratio = failureRatio(file);
    for (const [index, rate] of options.pacedRates.entries()) {
      const linesPerSec = rate / ratio;
      const name = `flood paced ${formatRateName(rate)} failures/s`;
      const paced = sliceCorpus(corpus.bytes, Math.round(linesPerSec * options.pacedSeconds));
      runs.push(await runFail2nftSide(input(name, paced.bytes, paced.lines, { linesPerSec }), env));
      if (fail2ban === undefined) continue;
      if (index > 0) {
        skipped.push(
          `fail2ban, ${name}: runs at the first paced rate only (its per-ban processes fall behind)`,
        );
        continue;
      }
      const theirs = sliceCorpus(corpus.bytes, Math.round(linesPerSec * options.fail2banPacedSeconds));
      runs.push(await runFail2banSide(input(name, theirs.bytes, theirs.lines, { linesPerSec }), fail2ban));
    }
  }
  const ours = runs.find((run) => run.tool === 'fail2nft' && run.run === scenario.name);
  const theirs = runs.find((run) => run.tool === 'fail2ban' && run.run === scenario.name);
  const jails = scenario.jails.map((jail) => jail.name);
  const comparison =
    ours?.kernelAddresses !== undefined &&
    theirs?.kernelAddresses !== undefined &&
    ours.lines === theirs.lines
      ? compareBans(
          jails,
          { bans: ours.kernelAddresses, failures: ours.failures },
          { bans: theirs.kernelAddresses, failures: theirs.failures },
        )
      : undefined;
  if (fail2ban === undefined)
    skipped.push(options.skipFail2ban ? 'fail2ban: --no-fail2ban' : 'fail2ban: not installed');
  return {
    scenario: scenario.name,
    corpus: `${relative(projectRoot, file) || file} (${corpus.lines} lines, ${(corpus.bytes.length / 2 ** 20).toFixed(0)} MiB)`,
    jails,
    maxretry: scenario.maxretry,
    runs,
    comparison,
    knownDifference: scenario.knownDifference,
    skipped,
  };
}

function formatRateName(rate: number): string {
  return rate >= 1000 && rate % 1000 === 0 ? `${rate / 1000}k` : String(rate);
}

async function main(): Promise<number> {
  const startedAt = new Date().toISOString();
  let options: SideBySideOptions;
  try {
    options = parseSideBySideOptions(process.argv.slice(2), {
      dataDir: join(projectRoot, 'bench', 'data'),
      defaultJsonFile: join(
        projectRoot,
        'bench',
        'results',
        `side-by-side-${startedAt.replace(/[:.]/g, '-')}.json`,
      ),
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${SIDE_BY_SIDE_USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(SIDE_BY_SIDE_USAGE);
    return 0;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write('the side-by-side benchmark creates network namespaces: run it as root\n');
    return 1;
  }
  const nft = await nftVersion();
  if (nft === undefined || !existsSync('/usr/sbin/ip')) {
    process.stderr.write('nft and ip (iproute2) are needed\n');
    return 1;
  }
  if (options.cpuProfileDir !== undefined) mkdirSync(options.cpuProfileDir, { recursive: true });
  const fail2ban = options.skipFail2ban ? undefined : await fail2banVersion();
  const machine = machineInfo();
  const scenarios: ScenarioReport[] = [];
  for (const name of options.scenarios) {
    scenarios.push(await runScenario(scenarioOf(name, options.floodMaxretry), options, fail2ban));
  }
  const report: SideBySideReport = {
    startedAt,
    command: ['node', relative(projectRoot, fileURLToPath(import.meta.url)), ...process.argv.slice(2)].join(
      ' ',
    ),
    machine,
    nft,
    scenarios,
  };
  process.stdout.write(formatSideBySide(report));
  if (options.jsonFile !== undefined) {
    mkdirSync(dirname(options.jsonFile), { recursive: true });
    writeFileSync(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    progress(`results written to ${options.jsonFile}`);
  }
  return 0;
}

process.exitCode = await main();
