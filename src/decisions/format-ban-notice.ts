// The log line the service writes for each new ban, in the shape fail2ban writes ("<time> <logger>
// [<pid>]: NOTICE [<jail>] Ban <address>"), because the bundled recidive jail reads the service's
// own log with config/filter.d/recidive.conf and counts these lines. Time is local time with
// milliseconds after a comma, as Python's logging prints it.
import type { BanDecision } from '../core/records.js';

export interface BanNoticeOptions {
  readonly pid: number;
  /** When the line is written; default the ban's start. */
  readonly timeMs?: number;
  /**
   * Minutes east of UTC at a given time; default the process's local zone (the zone the recidive
   * jail's date detection assumes for the log).
   */
  readonly utcOffsetMinutes?: (ms: number) => number;
}

const localOffset = (ms: number): number => -new Date(ms).getTimezoneOffset();

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD HH:MM:SS,mmm` of `ms` shifted by the zone offset. */
export function formatLogTime(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** `YYYY-MM-DD HH:MM:SS,mmm fail2nft.actions [PID]: NOTICE [jail] Ban ADDR` for a ban decision. */
export function formatBanNotice(decision: BanDecision, options: BanNoticeOptions): string {
  const timeMs = options.timeMs ?? decision.startMs;
  const offset = (options.utcOffsetMinutes ?? localOffset)(timeMs);
  return `${formatLogTime(timeMs, offset)} fail2nft.actions [${options.pid}]: NOTICE [${decision.jail}] Ban ${decision.address}`;
}
