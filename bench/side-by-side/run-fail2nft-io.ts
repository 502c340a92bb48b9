// The fail2nft side of one side-by-side run: the bench/service runner (createService in its own
// process) with a real nftables backend in a fresh network namespace and metrics on, the element
// monitor in the same namespace, the seeds, then measureSide.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchNetns } from '../firewall/bench-netns.js';
import { RunnerChannel } from '../service/runner-channel-io.js';
import type { RunnerMessage } from '../service/runner-protocol.js';
import { fail2nftJailLocal, fail2nftServiceLocal } from './config-texts.js';
import { ElementMonitor } from './element-monitor-io.js';
import { MARKER_ADDRESSES, seedLines, sentinelLines } from './marker-text.js';
import { measureSide } from './measure-side-io.js';
import type { SideInput } from './side-input.js';
import { measuredRunFields, type SideRun } from './side-results.js';

type Of<E extends RunnerMessage['event']> = Extract<RunnerMessage, { event: E }>;
const START_TIMEOUT_MS = 60_000;
const TABLE = 'fail2nft';

export async function runFail2nftSide(
  input: SideInput,
  env: {
    readonly projectRoot: string;
    readonly runnerScript: string;
    readonly workers: number | undefined;
    readonly cpuProfileDir: string | undefined;
  },
): Promise<SideRun> {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-bench-sbs-'));
  const netns = createBenchNetns();
  let runner: RunnerChannel | undefined;
  let monitor: ElementMonitor | undefined;
  const label = `fail2nft ${input.run}`;
  try {
    const { scenario } = input;
    const jails = scenario.jails.map((jail) => jail.name);
    const configDir = join(dir, 'config');
    const logPath = join(dir, `${scenario.corpus}.log`);
    cpSync(join(env.projectRoot, 'config'), configDir, { recursive: true });
    writeFileSync(join(configDir, 'jail.local'), fail2nftJailLocal(scenario, logPath));
    writeFileSync(
      join(configDir, 'fail2nft.local'),
      fail2nftServiceLocal(join(dir, 'fail2nft.log'), env.workers),
    );
    writeFileSync(logPath, seedLines(scenario.jails, Date.now()));
    monitor = await ElementMonitor.start(netns.name, join(dir, 'elements.txt'));
    runner = RunnerChannel.start(
      env.runnerScript,
      [
        '--config',
        configDir,
        '--netns',
        netns.name,
        '--nft-table',
        TABLE,
        '--metrics',
        ...(env.workers === undefined ? [] : ['--workers', String(env.workers)]),
      ],
      [
        '--expose-gc',
        ...(env.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', env.cpuProfileDir]),
      ],
    );
    const started = await runner.next(
      'the runner to start',
      (m): m is Of<'started'> => m.event === 'started',
      START_TIMEOUT_MS,
    );
    input.progress(`${label}: started jails ${started.jails.join(', ')} in ${netns.name}`);
    const seeds = scenario.jails.length;
    const ready = await runner.next(
      'the seed lines to be decided',
      (m): m is Of<'progress'> => m.event === 'progress' && m.idle && m.lines >= seeds,
      START_TIMEOUT_MS,
    );
    if (ready.failures !== seeds)
      throw new Error(`${label}: ${ready.failures} seed failures, expected ${seeds}`);
    const pid = runner.pid();
    const measured = await measureSide({
      jails,
      logPath,
      netns: netns.name,
      monitor,
      pid,
      pieces: input.pieces,
      tickMs: input.paced?.tickMs,
      sentinels: Buffer.from(sentinelLines(scenario.jails, scenario.maxretry, Date.now())),
      completing: input.completing,
      setsOf: (jail) => ['v4', 'v6'].map((family) => ({ table: TABLE, set: `f2n-${jail}-${family}` })),
      listSets: input.listSets,
      timeoutMs: input.timeoutMs,
      progress: input.progress,
      label,
    });
    runner.requestFinal();
    const final = await runner.next(
      'the final report',
      (m): m is Of<'final'> => m.event === 'final',
      START_TIMEOUT_MS,
    );
    await runner.stop(30_000);
    const skip = new Set(MARKER_ADDRESSES);
    const failures: Record<string, number> = {};
    for (const jail of jails) failures[jail] = (final.failedByJail[jail] ?? 0) - 1 - scenario.maxretry;
    const decided = final.bans.filter((ban) => !skip.has(ban.address)).length;
    const inKernel = Object.values(measured.kernelBans).reduce((a, b) => a + b, 0);
    const notes = decided === inKernel ? [] : [`decided ${decided} bans, the kernel got ${inKernel}`];
    return {
      tool: 'fail2nft',
      ...measuredRunFields(input, measured),
      setup: `createService in a child process, NftablesBackend (one nft -f per batch) in its own namespace, workers ${env.workers ?? 'auto'}`,
      failures,
      serviceLatency: final.banLatency,
      peakRssMiB: final.peakRssKiB / 1024,
      liveHeapMiB: final.liveHeapKiB === undefined ? undefined : final.liveHeapKiB / 1024,
      notes,
    };
  } finally {
    await runner?.stop(5000);
    await monitor?.stop();
    netns.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
