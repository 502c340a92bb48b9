// The pino logger factory: JSON lines by default; every stage gets a child logger named after it.
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export interface LoggerOptions {
  readonly level?: LevelWithSilent;
  /** A file descriptor or path to write to; standard error when absent. */
  readonly destination?: number | string;
  readonly name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = pino.destination({ dest: options.destination ?? 2, sync: true });
  return pino(
    {
      name: options.name ?? 'fail2nft',
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
