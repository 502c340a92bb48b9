// Test support for end-to-end service tests: a temporary configuration (the bundled filters plus a
// jail.local the test writes), log files the test appends to, syslog lines dated now, and a bounded
// wait for conditions.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createSilentLogger } from '../../src/core/logger.js';
import type { BanDecision } from '../../src/core/records.js';
import { createService, type Service, type ServiceOptions } from '../../src/service.js';

const bundled = resolve(import.meta.dirname, '../../../config');

export interface ServiceFixture {
  readonly dir: string;
  readonly configDir: string;
  readonly logDir: string;
  log(name: string): string;
  /** Appends lines (a newline is added to each). */
  append(name: string, lines: readonly string[]): void;
  start(options?: Partial<ServiceOptions>): Promise<RunningService>;
  cleanup(): void;
}

export interface RunningService {
  readonly service: Service;
  readonly bans: BanDecision[];
}

/** `jailLocal`: the jail.local text; `%(logs)s` in it is replaced by the log directory. */
export function createServiceFixture(jailLocal: string, serviceLocal = ''): ServiceFixture {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-service-'));
  const configDir = join(dir, 'config');
  const logDir = join(dir, 'log');
  cpSync(bundled, configDir, { recursive: true });
  mkdirSync(logDir);
  writeFileSync(join(configDir, 'jail.local'), jailLocal.replaceAll('%(logs)s', logDir));
  writeFileSync(
    join(configDir, 'fail2nft.local'),
    `[Definition]\nlogtarget = ${join(logDir, 'fail2nft.log')}\npidfile = ${join(dir, 'fail2nft.pid')}\nworkers = 1\n${serviceLocal.replaceAll('%(logs)s', logDir)}`,
  );
  const running: Service[] = [];
  return {
    dir,
    configDir,
    logDir,
    log: (name) => join(logDir, name),
    append: (name, lines) => {
      appendFileSync(join(logDir, name), lines.map((line) => `${line}\n`).join(''));
    },
    start: async (options = {}) => {
      const bans: BanDecision[] = [];
      const service = createService({
        configDir,
        logger: createSilentLogger(),
        dryRun: true,
        workers: 1,
        fileSource: { pollIntervalMs: 20, rescanIntervalMs: 50, watchMode: 'poll' },
        positionCommitMs: 20,
        ...options,
        onBan: (decision) => {
          bans.push(decision);
          options.onBan?.(decision);
        },
      });
      running.push(service);
      await service.start();
      return { service, bans };
    },
    cleanup: () => {
      for (const service of running) void service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A syslog time stamp (`Nov 21 14:03:07`) in local time, `offsetSec` from now. */
export function syslogTime(offsetSec = 0): string {
  const d = new Date(Date.now() + offsetSec * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${months[d.getMonth()] ?? 'Jan'} ${String(d.getDate()).padStart(2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A Postfix SASL failure line (postfix[mode=auth], postfix-sasl). */
export function saslFailure(address: string, offsetSec = 0): string {
  return `${syslogTime(offsetSec)} mx1 postfix/smtpd[3011]: warning: unknown[${address}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`;
}

/** A Dovecot login failure line. */
export function dovecotFailure(address: string, offsetSec = 0): string {
  return `${syslogTime(offsetSec)} mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<info@example.org>, method=PLAIN, rip=${address}, lip=198.51.100.1, TLS, session=<Zx8kq2Zl1wDAAAIy>`;
}

/** An ordinary Postfix line that no filter matches. */
export function ordinaryLine(n: number): string {
  return `${syslogTime()} mx1 postfix/qmgr[977]: 4B1F2${n.toString(16).toUpperCase()}: removed`;
}

/** Polls `condition` every 20 ms until it holds or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; round < timeoutMs / 20 + 1; round++) {
    if (condition()) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!condition()) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
