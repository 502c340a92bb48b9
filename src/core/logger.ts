// The pino logger factory: JSON lines by default, readable lines for a person at a terminal; every stage
// gets a child logger named after it.
import { openSync, writeSync } from 'node:fs';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { systemClock } from './clock.js';
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
   * The running service: lines are written in the background, those logged while a write is under way
   * going together in the next one (a flood logs thousands of bans a second; one write each took a
   * third of the per-ban time). Written out at exit, also after an uncaught error; only a SIGKILL can
   * lose the last lines. Short commands and tests write each line at once.
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
        ? // The file is opened here, not in the background: lines logged before an asynchronous open
          // finished could not be written out by an exit that comes first.
          pino.destination({ dest: typeof target === 'number' ? target : openSync(target, 'a'), sync: false })
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
