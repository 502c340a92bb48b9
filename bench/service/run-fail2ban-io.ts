// The fail2ban side of the service benchmark: a private fail2ban-server (never the system service) on a
// copy of /etc/fail2ban whose only action is `dummy` (it appends to a file; no firewall command runs,
// which is checked before any line is written), the same seed, corpus and sentinel lines, and polling
// through one interactive fail2ban-client until every jail has banned its sentinel.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appendAtFullSpeed } from './append-log-io.js';
import { bansByJail, canonicalAddress } from './ban-comparison.js';
import { BENCH_JAILS, fail2banJailLocal, fail2banServiceLocal } from './bench-config-texts.js';
import type { CorpusSlice } from './corpus-slice.js';
import { Fail2banClientSession } from './fail2ban-client-session-io.js';
import { parseJailActions, parseJailStatus, type Fail2banJailStatus } from './fail2ban-status.js';
import { markerNotes } from './marker-checks.js';
import {
  MARKER_ADDRESSES,
  SENTINEL_ADDRESS,
  SENTINEL_FAILURES,
  seedText,
  sentinelText,
} from './marker-lines.js';
import { readProcStats } from './proc-stats.js';
import type { SideResult } from './service-bench-results.js';

const run = promisify(execFile);

export const DEBIAN_CONFIG = '/etc/fail2ban';
const START_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

export interface Fail2banSideInput {
  readonly corpus: CorpusSlice;
  readonly timeoutMs: number;
  /** fail2ban-server -V's first line. */
  readonly version: string;
  readonly progress: (message: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every POLL_MS until it returns a value, at most `timeoutMs`. */
export async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; round <= timeoutMs / POLL_MS + 1; round++) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) break;
    await sleep(POLL_MS);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A copy of Debian's configuration without local changes (jail.d enables sshd on Debian). */
export function copyConfig(dir: string): string {
  const configDir = join(dir, 'etc');
  cpSync(DEBIAN_CONFIG, configDir, { recursive: true });
  for (const sub of ['jail.d', 'fail2ban.d']) {
    rmSync(join(configDir, sub), { recursive: true, force: true });
    mkdirSync(join(configDir, sub));
  }
  for (const file of ['jail.local', 'fail2ban.local', 'paths-overrides.local'])
    rmSync(join(configDir, file), { force: true });
  return configDir;
}

async function statuses(session: Fail2banClientSession): Promise<Record<string, Fail2banJailStatus>> {
  const result: Record<string, Fail2banJailStatus> = {};
  for (const jail of BENCH_JAILS) result[jail] = parseJailStatus(await session.command(`status ${jail}`));
  return result;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
}

export async function stopServer(child: ChildProcess, socket: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await run('fail2ban-client', ['-s', socket, 'stop'], { timeout: 20_000 }).catch(() => undefined);
  const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited(child);
  clearTimeout(kill);
}

export async function fail2banVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('fail2ban-server', ['-V'], { timeout: 10_000 });
    return stdout.trim().split('\n')[0];
  } catch {
    // Not installed: the caller skips this side.
    return undefined;
  }
}

export async function runFail2banSide(input: Fail2banSideInput): Promise<SideResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-bench-fail2ban-'));
  let server: ChildProcess | undefined;
  let session: Fail2banClientSession | undefined;
  const socket = join(dir, 'fail2ban.sock');
  try {
    const configDir = copyConfig(dir);
    const logPath = join(dir, 'f2b-mail.log');
    writeFileSync(join(configDir, 'jail.local'), fail2banJailLocal(logPath, join(dir, 'dummy.txt')));
    writeFileSync(
      join(configDir, 'fail2ban.local'),
      fail2banServiceLocal(join(dir, 'fail2ban.sqlite3'), join(dir, 'fail2ban.log')),
    );
    writeFileSync(logPath, seedText(Date.now()));
    const out = openSync(join(dir, 'server.out'), 'w');
    server = spawn(
      'fail2ban-server',
      ['-f', '-x', '-c', configDir, '-s', socket, '-p', join(dir, 'fail2ban.pid')],
      {
        stdio: ['ignore', out, out],
      },
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
    session = await Fail2banClientSession.open(socket);
    for (const jail of BENCH_JAILS) {
      const actions = parseJailActions(await session.command(`get ${jail} actions`));
      if (actions.length !== 1 || actions[0] !== 'dummy') {
        throw new Error(
          `fail2ban jail ${jail} has actions ${actions.join(', ')}; refusing to run anything but dummy`,
        );
      }
    }
    const seeded = await pollUntil('fail2ban to count the seed lines', START_TIMEOUT_MS, async () => {
      const now = await statuses(session as Fail2banClientSession);
      return BENCH_JAILS.every((jail) => (now[jail]?.totalFailed ?? 0) >= 1) ? now : undefined;
    });
    for (const jail of BENCH_JAILS) {
      if (seeded[jail]?.totalFailed !== 1)
        throw new Error(`fail2ban counted ${seeded[jail]?.totalFailed} seed failures in ${jail}, not 1`);
    }
    input.progress('fail2ban: started, seed lines counted');
    const before = readProcStats(pid);
    const timing = appendAtFullSpeed(logPath, [input.corpus.bytes, Buffer.from(sentinelText(Date.now()))]);
    input.progress(
      `fail2ban: writer done after ${((timing.lastWriteMs - timing.firstWriteMs) / 1000).toFixed(2)} s`,
    );
    let lastReport = Date.now();
    const { doneMs, final } = await pollUntil('fail2ban to ban every sentinel', input.timeoutMs, async () => {
      const now = await statuses(session as Fail2banClientSession);
      const at = Date.now();
      if (at - lastReport >= 10_000) {
        lastReport = at;
        const failed = BENCH_JAILS.map((jail) => now[jail]?.totalFailed ?? 0).join(' / ');
        input.progress(`fail2ban: ${((at - timing.firstWriteMs) / 1000).toFixed(0)} s, failures ${failed}`);
      }
      const banned = (jail: string): boolean =>
        (now[jail]?.bannedList ?? []).some((address) => canonicalAddress(address) === SENTINEL_ADDRESS);
      return BENCH_JAILS.every(banned) ? { doneMs: at, final: now } : undefined;
    });
    const after = readProcStats(pid);
    const bans = BENCH_JAILS.flatMap((jail) =>
      (final[jail]?.bannedList ?? []).map((address) => ({ jail, address })),
    );
    const failures: Record<string, number> = {};
    for (const jail of BENCH_JAILS) failures[jail] = (final[jail]?.totalFailed ?? 0) - 1 - SENTINEL_FAILURES;
    return {
      tool: 'fail2ban',
      setup: `fail2ban-server ${input.version} (its own server process, not the system service) on a copy of ${DEBIAN_CONFIG}, backend polling, action dummy (appends to a file), loglevel INFO`,
      lines: input.corpus.lines,
      bytes: input.corpus.bytes.length,
      t0Ms: timing.firstWriteMs,
      writerDoneMs: timing.lastWriteMs,
      doneMs,
      failures,
      bans: bansByJail(bans, BENCH_JAILS, MARKER_ADDRESSES),
      cpuSec: after.cpuSec - before.cpuSec,
      childCpuSec: after.childCpuSec - before.childCpuSec,
      startupCpuSec: before.cpuSec,
      peakRssMiB: after.peakRssKiB / 1024,
      notes: markerNotes(bans),
    };
  } finally {
    session?.close();
    if (server !== undefined) await stopServer(server, socket);
    rmSync(dir, { recursive: true, force: true });
  }
}
