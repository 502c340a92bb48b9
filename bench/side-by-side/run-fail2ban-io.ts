// The fail2ban side of one side-by-side run: a private fail2ban-server (never the system service) run
// inside its own fresh network namespace (`ip netns exec NS fail2ban-server …`), on a copy of Debian's
// configuration whose jails ban through Debian's nftables-multiport action: one shell and one `nft`
// process per ban, in that namespace only. The element monitor watches the same namespace.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createBenchNetns } from '../firewall/bench-netns.js';
import { Fail2banClientSession } from '../service/fail2ban-client-session-io.js';
import { parseJailActions, parseJailStatus } from '../service/fail2ban-status.js';
import { copyConfig, pollUntil, stopServer } from '../service/run-fail2ban-io.js';
import { fail2banJailLocal, fail2banServiceLocal } from './config-texts.js';
import { ElementMonitor } from './element-monitor-io.js';
import { seedLines, sentinelLines } from './marker-text.js';
import { measureSide } from './measure-side-io.js';
import type { SideInput } from './side-input.js';
import { measuredRunFields, type SideRun } from './side-results.js';

const run = promisify(execFile);
const START_TIMEOUT_MS = 60_000;
/** Debian's nftables action: table inet f2b-table, sets addr-set-<jail> and addr6-set-<jail>. */
const TABLE = 'f2b-table';
const ACTION = 'nftables-multiport';

export async function runFail2banSide(input: SideInput, version: string): Promise<SideRun> {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-bench-sbs-f2b-'));
  const netns = createBenchNetns();
  let server: ChildProcess | undefined;
  let session: Fail2banClientSession | undefined;
  let monitor: ElementMonitor | undefined;
  const socket = join(dir, 'fail2ban.sock');
  const label = `fail2ban ${input.run}`;
  try {
    const { scenario } = input;
    const jails = scenario.jails.map((jail) => jail.name);
    const configDir = copyConfig(dir);
    const logPath = join(dir, `f2b-${scenario.corpus}.log`);
    writeFileSync(join(configDir, 'jail.local'), fail2banJailLocal(scenario, logPath));
    writeFileSync(
      join(configDir, 'fail2ban.local'),
      fail2banServiceLocal(join(dir, 'fail2ban.sqlite3'), join(dir, 'fail2ban.log')),
    );
    writeFileSync(logPath, seedLines(scenario.jails, Date.now()));
    monitor = await ElementMonitor.start(netns.name, join(dir, 'elements.txt'));
    const out = openSync(join(dir, 'server.out'), 'w');
    // `ip netns exec` execs the server: the spawned pid is fail2ban-server's own.
    server = spawn(
      'ip',
      [
        'netns',
        'exec',
        netns.name,
        'fail2ban-server',
        '-f',
        '-x',
        '-c',
        configDir,
        '-s',
        socket,
        '-p',
        join(dir, 'fail2ban.pid'),
      ],
      { stdio: ['ignore', out, out] },
    );
    closeSync(out);
    const pid = server.pid;
    if (pid === undefined) throw new Error('fail2ban-server did not start');
    await pollUntil('fail2ban-server to answer ping', START_TIMEOUT_MS, async () =>
      existsSync(socket)
        ? run('fail2ban-client', ['-s', socket, 'ping'], { timeout: 10_000 }).then(
            () => true,
            () => undefined,
          )
        : undefined,
    );
    const client = await Fail2banClientSession.open(socket);
    session = client;
    for (const jail of jails) {
      const actions = parseJailActions(await client.command(`get ${jail} actions`));
      if (actions.length !== 1 || actions[0] !== ACTION) {
        throw new Error(`fail2ban jail ${jail} has actions ${actions.join(', ')}; expected only ${ACTION}`);
      }
    }
    const seeded = await pollUntil('fail2ban to count the seed lines', START_TIMEOUT_MS, async () => {
      const totals = await Promise.all(
        jails.map(async (jail) => parseJailStatus(await client.command(`status ${jail}`)).totalFailed),
      );
      return totals.every((total) => total >= 1) ? totals : undefined;
    });
    if (seeded.some((total) => total !== 1)) throw new Error(`${label}: seed failures ${seeded.join(', ')}`);
    input.progress(`${label}: started in ${netns.name}, seed lines counted`);
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
      setsOf: (jail) => [
        { table: TABLE, set: `addr-set-${jail}` },
        { table: TABLE, set: `addr6-set-${jail}` },
      ],
      listSets: input.listSets,
      timeoutMs: input.timeoutMs,
      progress: input.progress,
      label,
    });
    const failures: Record<string, number> = {};
    const notes: string[] = [];
    for (const jail of jails) {
      const status = parseJailStatus(await client.command(`status ${jail}`));
      failures[jail] = status.totalFailed - 1 - scenario.maxretry;
      const inKernel = (measured.kernelBans[jail] ?? 0) + 1 + (scenario.maxretry === 1 ? 1 : 0);
      if (status.totalBanned !== inKernel)
        notes.push(
          `${jail}: fail2ban counts ${status.totalBanned} bans (markers included), the kernel got ${inKernel}`,
        );
    }
    return {
      tool: 'fail2ban',
      ...measuredRunFields(input, measured),
      setup: `fail2ban-server ${version} in its own namespace, Debian's ${ACTION} action (one shell + nft per ban), backend polling`,
      failures,
      serviceLatency: undefined,
      peakRssMiB: measured.peakRssKiB / 1024,
      liveHeapMiB: undefined,
      notes,
    };
  } finally {
    session?.close();
    if (server !== undefined) await stopServer(server, socket);
    await monitor?.stop();
    netns.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
