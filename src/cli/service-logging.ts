// The service log's level and destination from fail2ban's loglevel and logtarget settings.
import type { LevelWithSilent } from 'pino';
import { Fail2nftError } from '../core/errors.js';

const levels: Readonly<Record<string, LevelWithSilent>> = {
  CRITICAL: 'fatal',
  ERROR: 'error',
  WARNING: 'warn',
  WARN: 'warn',
  NOTICE: 'info',
  INFO: 'info',
  DEBUG: 'debug',
  TRACEDEBUG: 'trace',
  HEAVYDEBUG: 'trace',
};

/** fail2ban's level names (or pino's) to pino's. */
export function pinoLevel(level: string): LevelWithSilent {
  const upper = level.trim().toUpperCase();
  const mapped = levels[upper];
  if (mapped !== undefined) return mapped;
  const lower = level.trim().toLowerCase();
  if (['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(lower))
    return lower as LevelWithSilent;
  throw new Fail2nftError('F2N_ERR_USAGE', `unknown log level '${level}'`);
}

/**
 * fail2ban's logtarget: STDOUT, STDERR, SYSLOG, SYSTEMD-JOURNAL or a file. Under systemd, standard
 * error goes to the journal, so SYSLOG and SYSTEMD-JOURNAL write there.
 */
export function logDestination(target: string): number | string {
  const upper = target.trim().toUpperCase();
  if (upper === 'STDOUT') return 1;
  if (upper === 'STDERR' || upper === 'SYSLOG' || upper === 'SYSTEMD-JOURNAL') return 2;
  return target.trim();
}
