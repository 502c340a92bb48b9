// `fail2nft demo`: a mail server under attack, end to end. Makes a temporary configuration, starts the
// service on it (in a network namespace of its own as root, else as a dry run), replays an attack into
// the log the service watches, then shows the bans in the kernel, the status tree and the metrics, and
// compares the bans with the ones the attack must produce. Cleans up whatever happens.
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { findExecutable } from '../../actions/find-executable-io.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { Fail2nftError } from '../../core/errors.js';
import type { CliIo } from '../cli-io.js';
import { bundledConfigDir } from '../default-config-dir.js';
import { mailJails } from './attack-plan.js';
import { compareBans } from './ban-comparison.js';
import type { DemoPaths } from './demo-config-text.js';
import type { DemoBan } from './demo-ban.js';
import { chooseDemoMode } from './demo-mode.js';
import { demoJails, demoScenario } from './demo-scenario.js';
import type { FilledDemoOptions } from './demo-options.js';
import {
  formatKernelTable,
  formatLoggedStatus,
  formatMetrics,
  formatPlan,
  formatProgress,
  formatSummary,
} from './demo-report.js';
import { createDemoWorkspace, freeLoopbackPort, removeDemoWorkspace } from './demo-workspace-io.js';
import { bansInKernel, parseKernelTable, type KernelTable } from './kernel-bans.js';
import { replayMailLog } from './log-replay-io.js';
import {
  createDemoNamespace,
  demoNamespaceName,
  hostPlace,
  type CommandPlace,
  type DemoNamespace,
} from './network-namespace-io.js';
import { parseSamples } from './prometheus-text.js';
import { runCommand } from './run-command-io.js';
import { bansInServiceLog } from './service-log-bans.js';
import { spawnService, type ServiceProcess } from './service-process-io.js';

export interface DemoHostFacts {
  readonly clock: Clock;
  readonly pid: number;
  readonly isRoot: boolean;
  /** The node binary and the CLI entry the service and the status command run with. */
  readonly node: string;
  readonly cliMain: string;
  readonly bundledConfigDir: string;
  readonly hasTool: (name: string) => boolean;
}

export function systemDemoHost(): DemoHostFacts {
  return {
    clock: systemClock,
    pid: process.pid,
    isRoot: process.getuid?.() === 0,
    node: process.execPath,
    cliMain: fileURLToPath(new URL('../main.js', import.meta.url)),
    bundledConfigDir,
    hasTool: (name) => findExecutable(name) !== undefined,
  };
}

const nftTable = 'fail2nft';
const startTimeoutMs = 30_000;
const settleTimeoutMs = 20_000;
const settlePollMs = 200;
/** With the bans unchanged this long after the replay, waiting longer will not make them match. */
const settleStableMs = 3_000;
const stopGraceMs = 10_000;

// Runs inside the namespace (its loopback is not the host's): fetches the URL in argv and prints it.
const scrapeScript =
  "fetch(process.argv[1]).then(async (r) => { if (!r.ok) throw new Error('HTTP ' + r.status); " +
  "process.stdout.write(await r.text()); }).catch((e) => { process.stderr.write(String(e) + '\\n'); process.exitCode = 1; });";

function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

async function readKernelTable(place: CommandPlace): Promise<KernelTable> {
  const result = await runCommand(place.wrap(['nft', '-j', 'list', 'table', 'inet', nftTable]));
  if (result.code !== 0)
    throw new Fail2nftError(
      'F2N_ERR_DEMO_STEP_FAILED',
      `listing the kernel's table failed (${result.code ?? 'killed'}): ${result.stderr.trim()}`,
    );
  try {
    return parseKernelTable(result.stdout);
  } catch (error) {
    throw new Fail2nftError('F2N_ERR_DEMO_STEP_FAILED', "nft's JSON listing could not be read", {}, error);
  }
}

/** Polls until the bans equal the expected set twice in a row, stop changing, or time runs out. */
async function settleBans(
  read: () => Promise<DemoBan[]>,
  expected: readonly DemoBan[],
  clock: Clock,
  signal: AbortSignal,
): Promise<{ bans: DemoBan[]; waitedMs: number }> {
  const start = clock.now();
  let bans = await read();
  let equalBefore = false;
  let last = '';
  let lastChange = start;
  for (let round = 0; round < settleTimeoutMs / settlePollMs; round++) {
    const equal = compareBans(expected, bans).equal;
    const key = bans
      .map((b) => `${b.jail} ${b.address}`)
      .sort()
      .join(',');
    if (key !== last) {
      last = key;
      lastChange = clock.now();
    }
    if ((equal && equalBefore) || clock.now() - lastChange >= settleStableMs) break;
    equalBefore = equal;
    await sleep(settlePollMs, undefined, { signal });
    bans = await read();
  }
  return { bans, waitedMs: clock.now() - start };
}

async function showStatus(
  io: CliIo,
  host: DemoHostFacts,
  paths: DemoPaths,
  loggedBans: DemoBan[],
): Promise<void> {
  const status = (args: readonly string[]) =>
    runCommand([host.node, host.cliMain, 'status', '--socket', paths.socket, ...args], 10_000);
  const all = await status([]);
  if (all.code === 0) {
    const jail = await status([mailJails.smtpAuth]);
    io.stdout(`status (fail2nft status --socket ${paths.socket}, then status ${mailJails.smtpAuth})\n`);
    io.stdout(all.stdout + (jail.code === 0 ? jail.stdout : jail.stderr));
    return;
  }
  // The first line of the command's complaint, without its "fail2nft status: " prefix.
  const why =
    (all.stderr.trim().split('\n')[0] ?? '').replace(/^fail2nft status: /, '').trim() ||
    `exit status ${all.code ?? 'killed'}`;
  io.stdout(`status (from the service log's Ban lines: the control socket did not answer: ${why})\n`);
  io.stdout(formatLoggedStatus(demoJails, loggedBans, mailJails.smtpAuth));
}

async function showMetrics(io: CliIo, host: DemoHostFacts, place: CommandPlace, url: string): Promise<void> {
  const result = await runCommand(place.wrap([host.node, '-e', scrapeScript, url]), 10_000);
  if (result.code !== 0) {
    io.stdout(`metrics: scraping ${url} failed: ${result.stderr.trim()}\n`);
    return;
  }
  io.stdout(formatMetrics(parseSamples(result.stdout), `${url}, scraped ${place.description}`));
}

export async function runDemo(
  options: FilledDemoOptions,
  io: CliIo,
  host: DemoHostFacts = systemDemoHost(),
): Promise<number> {
  const mode = chooseDemoMode({
    dryRunRequested: options.dryRun,
    isRoot: host.isRoot,
    missingTools: ['ip', 'nft'].filter((tool) => !host.hasTool(tool)),
  });
  if (mode.kind === 'dry-run' && mode.notice !== undefined) io.stdout(`${mode.notice}\n`);
  const { plan, expected, settings } = demoScenario(options.attackers, options.durationMs);
  // A fresh namespace has a loopback of its own, so the default port is free there.
  const port = mode.kind === 'namespace' ? 9191 : await freeLoopbackPort();
  const paths = createDemoWorkspace(host.bundledConfigDir, settings, port);

  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    io.stderr(`\n${signal}: stopping the demo and cleaning up\n`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let namespace: DemoNamespace | undefined;
  let service: ServiceProcess | undefined;
  try {
    io.stdout(
      `fail2nft demo: a mail server under attack, replayed into the log the service watches\n` +
        `  directory  ${paths.dir} (the bundled configuration with a jail.local and a fail2nft.local)\n`,
    );
    if (mode.kind === 'namespace') {
      namespace = await createDemoNamespace(demoNamespaceName(host.pid));
      io.stdout(
        `  namespace  ${namespace.name}: its own loopback and nftables ruleset; the host's is not touched\n`,
      );
    }
    const place = namespace ?? hostPlace;
    const argv = place.wrap([
      host.node,
      host.cliMain,
      'start',
      '--config',
      paths.configDir,
      ...(mode.kind === 'dry-run' ? ['--dry-run'] : []),
    ]);
    io.stdout(`  service    ${argv.join(' ')}\n`);
    service = spawnService(argv);
    const ready = await service.ready(startTimeoutMs, abort.signal);
    io.stdout(`  ${ready.message}\n\n${formatPlan(plan, options.durationMs)}`);

    const replay = await replayMailLog({
      path: paths.mailLog,
      events: plan.events,
      durationMs: options.durationMs,
      clock: host.clock,
      signal: abort.signal,
      onProgress: (p) => {
        io.stdout(
          formatProgress(
            p.elapsedMs,
            p.lines,
            p.failures,
            bansInServiceLog(readText(paths.serviceLog)).length,
          ),
        );
      },
    });
    let lastTable: KernelTable | undefined;
    const readActual =
      namespace === undefined
        ? () => Promise.resolve<DemoBan[]>(bansInServiceLog(readText(paths.serviceLog)))
        : async () => bansInKernel((lastTable = await readKernelTable(place)));
    const settled = await settleBans(readActual, expected, host.clock, abort.signal);
    const logged = bansInServiceLog(readText(paths.serviceLog));
    io.stdout(
      `  replay done: ${replay.lines} lines; ${logged.length} bans logged, settled ${(settled.waitedMs / 1000).toFixed(1)} s after the last line\n\n`,
    );

    if (lastTable !== undefined && namespace !== undefined)
      io.stdout(
        `${formatKernelTable(lastTable, `ip netns exec ${namespace.name} nft -j list table inet ${nftTable}`)}\n`,
      );
    await showStatus(io, host, paths, logged);
    io.stdout('\n');
    if (ready.metricsUrl !== undefined) {
      await showMetrics(io, host, place, ready.metricsUrl);
      io.stdout('\n');
    }
    const comparison = compareBans(expected, settled.bans);
    io.stdout(
      formatSummary(comparison, {
        where: namespace === undefined ? 'in the service log (dry run)' : 'in the kernel',
        plan,
        ignoredAddress: settings.ignoredAddress,
        maxretry: settings.maxretry,
      }),
    );
    return comparison.equal ? 0 : 1;
  } catch (error) {
    if (abort.signal.aborted) return 130;
    // What the service said is usually the reason (a refused nft script, a configuration problem).
    const said = service?.output().trim() ?? '';
    if (said !== '') io.stderr(`fail2nft demo: the service's output:\n${said}\n`);
    throw error;
  } finally {
    const steps: string[] = [];
    const step = async (what: () => Promise<string> | string): Promise<void> => {
      try {
        steps.push(await what());
      } catch (error) {
        // Reported, not swallowed: the user has to remove what is left by hand.
        io.stderr(
          `fail2nft demo: cleaning up failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
    };
    if (service !== undefined) {
      const running = service;
      await step(async () => `service stopped (${await running.stop(stopGraceMs)})`);
    }
    if (namespace !== undefined) {
      const created = namespace;
      await step(async () => {
        await created.remove();
        return `namespace ${created.name} deleted`;
      });
    }
    await step(() => {
      if (options.keep) return `kept ${paths.dir}`;
      removeDemoWorkspace(paths);
      return `${paths.dir} removed`;
    });
    io.stdout(`\ncleaned up: ${steps.join(', ')}\n`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
