// Turns one journal entry (an object of journalctl's JSON output) into a text line the way fail2ban's
// systemd backend does: `HOST IDENT[PID]: MESSAGE`, where IDENT is SYSLOG_IDENTIFIER or else _COMM, PID is
// SYSLOG_PID or else _PID, kernel entries get their monotonic time as `[%12.6f]`, a MESSAGE given several
// times is joined with spaces and newlines inside it are written as `\n`. The entry time is
// _SOURCE_REALTIME_TIMESTAMP, else __REALTIME_TIMESTAMP (µs). fail2ban does not date-detect journal
// lines: it hands the time along and puts the ISO local date in front; so do we (dateStyle 'iso'), or a
// syslog date (`Mmm dd HH:MM:SS`, 'syslog') for filters that insist on one. Pure.

export type JournalDateStyle = 'iso' | 'syslog';

export interface JournalLine {
  /** `DATE REST` without newline. */
  readonly text: string;
  /** Entry time in ms (fractional: the journal keeps µs). */
  readonly timeMs: number;
}

export interface FormatJournalOptions {
  readonly dateStyle: JournalDateStyle;
  /** Offset of local time from UTC in minutes at a given instant (east positive). */
  readonly utcOffsetMinutes: (ms: number) => number;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A field's text: journalctl writes text as a string, other bytes as an array of numbers, and a field
 * present several times as an array of those; null when it left a large field out. */
export function journalFieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return undefined;
  if (value.every((item) => typeof item === 'number')) return Buffer.from(value).toString('utf8');
  const parts = value.map(journalFieldText).filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(' ');
}

/** The first value of a field that may be present several times. */
function firstText(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length > 0 && !value.every((item) => typeof item === 'number'))
    return journalFieldText(value[0]);
  return journalFieldText(value);
}

const pythonInteger =
  /^\s*[+-]?(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?[0-9])*|0(?:_?0)*)\s*$/;

/** `[PID]`: a number written in any base Python's int(x, 0) reads is printed in decimal, else as is. */
function formatPid(pid: string): string {
  if (!pythonInteger.test(pid)) return `[${pid}]`;
  const text = pid.trim().replace(/_/g, '');
  const negative = text.startsWith('-');
  const digits = text.replace(/^[+-]/, '');
  const value = BigInt(digits);
  return `[${negative ? -value : value}]`;
}

function microseconds(value: unknown): number | undefined {
  const text = firstText(value);
  if (text === undefined || !/^\d{1,19}$/.test(text)) return undefined;
  return Number(text);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatJournalDate(us: number, options: FormatJournalOptions): string {
  const ms = Math.floor(us / 1000);
  const local = new Date(ms + options.utcOffsetMinutes(ms) * 60_000);
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (options.dateStyle === 'syslog')
    return `${months[local.getUTCMonth()] ?? ''} ${String(local.getUTCDate()).padStart(2, ' ')} ${time}`;
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const fraction = ((us % 1_000_000) + 1_000_000) % 1_000_000;
  // Python's isoformat() writes microseconds only when there are some.
  return `${date}T${time}${fraction === 0 ? '' : `.${pad(fraction, 6)}`}`;
}

/** The line for one entry, or undefined when the entry has no usable timestamp. */
export function formatJournalEntry(
  entry: Readonly<Record<string, unknown>>,
  options: FormatJournalOptions,
): JournalLine | undefined {
  const us = microseconds(entry._SOURCE_REALTIME_TIMESTAMP) ?? microseconds(entry.__REALTIME_TIMESTAMP);
  if (us === undefined) return undefined;
  const elements: string[] = [];
  const host = firstText(entry._HOSTNAME);
  if (host) elements.push(host);
  const ident = firstText(entry.SYSLOG_IDENTIFIER) || firstText(entry._COMM);
  if (ident) {
    const pid = firstText(entry.SYSLOG_PID) || firstText(entry._PID);
    const tag = `${ident}${pid ? formatPid(pid) : ''}:`;
    elements.push(tag);
    if (tag === 'kernel:') {
      const monotonic =
        microseconds(entry._SOURCE_MONOTONIC_TIMESTAMP) ?? microseconds(entry.__MONOTONIC_TIMESTAMP);
      if (monotonic !== undefined) elements.push(`[${(monotonic / 1e6).toFixed(6).padStart(12, ' ')}]`);
    }
  }
  elements.push(journalFieldText(entry.MESSAGE) ?? '');
  const rest = elements.join(' ').replace(/\n/g, '\\n');
  return { text: `${formatJournalDate(us, options)} ${rest}`, timeMs: us / 1000 };
}

/** The local offset of this process's time zone. */
export function localUtcOffsetMinutes(ms: number): number {
  return -new Date(ms).getTimezoneOffset();
}
