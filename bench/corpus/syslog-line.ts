// The traditional (RFC 3164 style) syslog line the corpus is made of:
//   `Mmm dd HH:MM:SS host prog[pid]: message` — year-less, day padded with a space, UTC.
// Programs that log without a pid (dovecot, sudo, pam modules loaded by a daemon) omit `[pid]`,
// exactly as rsyslog writes them.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `Nov  1 00:00:07` for a Unix time in seconds, in UTC. */
export function formatSyslogTimestamp(epochSeconds: number): string {
  const date = new Date(Math.floor(epochSeconds) * 1000);
  const day = date.getUTCDate();
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  return `${month} ${day < 10 ? ` ${day}` : day} ${pad2(date.getUTCHours())}:${pad2(
    date.getUTCMinutes(),
  )}:${pad2(date.getUTCSeconds())}`;
}

/** `prog[pid]` or `prog` when the program logs without a pid. */
export function formatTag(program: string, pid: number | undefined): string {
  return pid === undefined ? program : `${program}[${pid}]`;
}

export interface SyslogLine {
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly host: string;
  readonly program: string;
  readonly pid: number | undefined;
  readonly message: string;
}

const LINE =
  /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ 123]\d) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) (\S+) ([^\s[\]:]+)(?:\[(\d+)\])?: (.*)$/;

/** Parses one line (without its newline); undefined when it is not a syslog line of the form above. */
export function parseSyslogLine(line: string): SyslogLine | undefined {
  const m = LINE.exec(line);
  if (m === null) return undefined;
  const [, mon = '', day = '', hh = '', mm = '', ss = '', host = '', program = '', pid, message = ''] = m;
  const dayNumber = Number(day.trim());
  if (dayNumber < 1 || dayNumber > 31 || (day.startsWith('0') && day.length === 2)) return undefined;
  if (day.length === 2 && day.startsWith(' ') !== dayNumber < 10) return undefined;
  return {
    month: MONTHS.indexOf(mon) + 1,
    day: dayNumber,
    hour: Number(hh),
    minute: Number(mm),
    second: Number(ss),
    host,
    program,
    pid: pid === undefined ? undefined : Number(pid),
    message,
  };
}

/** Seconds since the start of the year for a parsed line, to compare timestamps of year-less lines. */
export function secondOfYear(line: SyslogLine, year: number): number {
  const start = Date.UTC(year, 0, 1);
  const at = Date.UTC(year, line.month - 1, line.day, line.hour, line.minute, line.second);
  return (at - start) / 1000;
}
