// Runs fail2ban-regex (Debian's fail2ban) on a log file with one filter and times it. Its own timer is
// not printed in -o mode, so the wall time is taken and the start-up (Python imports, reading the
// filter: measured on a one-line log) is reported apart. usedns = no, TZ = UTC as the corpus is written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FAIL2BAN_OUTPUT_FORMAT,
  parseFail2banFailures,
  type Fail2banFailure,
} from './fail2ban-failure-output.js';

export interface Fail2banRun {
  readonly seconds: number;
  readonly failures: readonly Fail2banFailure[];
}

/** Fifteen minutes: fail2ban-regex does about 70k lines/s, so this is past 50M lines. */
const timeoutMs = 15 * 60_000;

/** `DIR/filter.d/NAME.conf[params]`: a path, so fail2ban reads exactly the files we load. */
export function fail2banFilterArgument(configDir: string, reference: string): string {
  const bracket = reference.indexOf('[');
  const name = bracket < 0 ? reference : reference.slice(0, bracket);
  const params = bracket < 0 ? '' : reference.slice(bracket);
  return `${join(configDir, 'filter.d', `${name}.conf`)}${params}`;
}

export function fail2banRegexVersion(): string | undefined {
  const run = spawnSync('fail2ban-regex', ['--version'], { encoding: 'utf8' });
  if (run.status !== 0) return undefined;
  return run.stdout.trim().replace(/^fail2ban-regex\s+/, '');
}

export function runFail2banRegex(logPath: string, filterArgument: string): Fail2banRun {
  const started = process.hrtime.bigint();
  const run = spawnSync(
    'fail2ban-regex',
    ['--usedns', 'no', '-o', FAIL2BAN_OUTPUT_FORMAT, logPath, filterArgument],
    {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
      maxBuffer: 1 << 30,
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.error !== undefined) throw new Error(`fail2ban-regex ${filterArgument}: ${run.error.message}`);
  if (run.status !== 0) {
    throw new Error(`fail2ban-regex ${filterArgument} exited ${run.status}: ${run.stderr.slice(-500)}`);
  }
  return { seconds, failures: parseFail2banFailures(run.stdout) };
}

/** Seconds fail2ban-regex takes for a one-line log with this filter: its fixed cost. */
export function fail2banStartupSeconds(filterArgument: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-bench-'));
  try {
    const log = join(dir, 'one-line.log');
    writeFileSync(log, 'Jan  1 00:00:00 host prog[1]: nothing to see\n');
    return runFail2banRegex(log, filterArgument).seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
