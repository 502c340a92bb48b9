// The pino logger factory: JSON lines by default, readable lines for a person at a terminal; every stage
// gets a child logger named after it.
import { openSync, writeSync } from 'node:fs';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { systemClock } from './clock.js';
import { CoalescingWriter } from './coalescing-writer.js';
import { formatLogLine } from './format-log-line.js';

export type { Logger };

export interface LoggerOptions {
  readonly level?: LevelWithSilent;
  /** A file descriptor or path to write to; standard error when absent. */
  readonly destination?: number | string;
  readonly name?: string;
  /** Readable lines instead of JSON (for a terminal); only with a file descriptor destination. */
  readonly pretty?: boolean;
  /**
   * The running service: the lines of one event-loop turn are written together when it ends
   * (CoalescingWriter); an exit writes what is left. Short commands and tests write each line at once.
   */
  readonly buffered?: boolean;
}

/**
 * pino's ISO time field, formatted once per millisecond: a burst of lines shares its millisecond, and
 * formatting a date cost as much as writing the rest of the line.
 */
function isoTimeField(): () => string {
  let lastMs = Number.NaN;
  let field = '';
  return () => {
    const nowMs = systemClock.now();
    if (nowMs !== lastMs) {
      lastMs = nowMs;
      field = `,"time":"${new Date(nowMs).toISOString()}"`;
    }
    return field;
  };
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
      : options.buffered === true
        ? new CoalescingWriter(typeof target === 'number' ? target : openSync(target, 'a'))
        : pino.destination({ dest: target, sync: true });
  return pino(
    {
      name: options.name ?? 'fail2nft',
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: isoTimeField(),
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
