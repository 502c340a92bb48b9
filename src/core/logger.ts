// The pino logger factory: JSON lines by default, readable lines for a person at a terminal; every stage
// gets a child logger named after it.
import { writeSync } from 'node:fs';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { formatLogLine } from './format-log-line.js';

export type { Logger };

export interface LoggerOptions {
  readonly level?: LevelWithSilent;
  /** A file descriptor or path to write to; standard error when absent. */
  readonly destination?: number | string;
  readonly name?: string;
  /** Readable lines instead of JSON (for a terminal); only with a file descriptor destination. */
  readonly pretty?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const target = options.destination ?? 2;
  const destination =
    options.pretty === true && typeof target === 'number'
      ? {
          write: (line: string): void => {
            writeSync(target, formatLogLine(line));
          },
        }
      : pino.destination({ dest: target, sync: true });
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
