// The attack the service-with-Prometheus test replays into real log files, one tick at a time: a mail
// log watched by two jails (postfix-sasl, dovecot) and an auth log (sshd). Each tick bans new
// addresses in every jail, sends more failures from one already banned, fails from an ignored
// network, and mixes in ordinary lines, some not clean text (invalid UTF-8, NUL); two ticks add a
// line over maxlinelength. The lines are our own, written from the daemons' log formats and dated now.
import { dovecotFailure, ordinaryLine, saslFailure, syslogTime } from '../../service/service-fixture.js';

export const attackMaxLineLength = 1024;

/** jail.local: `%(logs)s` is the fixture's log directory. sshd bans briefly so bans also expire. */
export const attackJailLocal = `
[DEFAULT]
backend = auto
ignoreself = false
maxretry = 3
findtime = 10m
bantime = 1h
ignoreip = 198.51.100.0/24

[postfix-sasl]
enabled = true
backend = auto
logpath = %(logs)s/mail.log

[dovecot]
enabled = true
backend = auto
logpath = %(logs)s/mail.log

[sshd]
enabled = true
backend = auto
logpath = %(logs)s/auth.log
bantime = 2
`;

export const attackServiceLocal = `maxlinelength = ${attackMaxLineLength}\n`;

export const attackJails = ['postfix-sasl', 'dovecot', 'sshd'] as const;

/** An OpenSSH password failure for an unknown user. */
export function sshdFailure(address: string): string {
  return `${syslogTime()} mx1 sshd[2231]: Failed password for invalid user admin from ${address} port 50122 ssh2`;
}

/** An ordinary OpenSSH line no failregex matches; `n` makes first lines of rotated files differ. */
export function sshdOrdinary(n: number): string {
  return `${syslogTime()} mx1 sshd[${2300 + n}]: Connection closed by 192.0.2.250 port ${40000 + n} [preauth]`;
}

/**
 * Ticks that write one line over maxlinelength into mail.log: after the test's reload (tick 6), which
 * starts new sources whose counters begin at zero again.
 */
export const tooLongTicks: readonly number[] = [7, 9];

export interface AttackTick {
  /** Bytes to append to mail.log and auth.log (whole lines). */
  readonly mail: Buffer;
  readonly auth: Buffer;
  /** Failures a filter matches in this tick (ignored ones included). */
  readonly failures: number;
  /** Bans this tick must produce. */
  readonly bans: number;
}

const times = <T>(count: number, line: () => T): T[] => Array.from({ length: count }, line);
const linesOf = (lines: readonly (string | Buffer)[]): Buffer =>
  Buffer.concat(
    lines.flatMap((line) => [Buffer.isBuffer(line) ? line : Buffer.from(line), Buffer.from('\n')]),
  );

/** The lines of tick `tick` (0-based; at most 100 ticks, so the addresses stay distinct). */
export function attackTick(tick: number): AttackTick {
  if (!Number.isInteger(tick) || tick < 0 || tick >= 100) throw new RangeError(`tick ${tick}`);
  const persistent = `203.0.113.${tick}`;
  const passing = `203.0.113.${tick + 100}`;
  const dovecotAttacker = `2001:db8:${(tick + 1).toString(16)}::7`;
  const ignored = `198.51.100.${tick + 1}`;
  const sshAttacker = `192.0.2.${tick + 1}`;
  // Not clean text: a byte that is not UTF-8 and a NUL inside ordinary lines.
  const irregular =
    tick % 2 === 1
      ? [
          Buffer.concat([
            Buffer.from(`${syslogTime()} mx1 postfix/smtpd[3011]: connect from caf`),
            Buffer.from([0xe9]),
          ]),
          `${syslogTime()} mx1 postfix/smtpd[3011]: lost connection after DATA\u0000 from unknown[192.0.2.251]`,
        ]
      : [];
  const mail = [
    // Six failures: banned at the third, already banned at the sixth.
    ...times(6, () => saslFailure(persistent)),
    ordinaryLine(tick * 4),
    ...times(3, () => saslFailure(passing)),
    ...times(3, () => dovecotFailure(dovecotAttacker)),
    ordinaryLine(tick * 4 + 1),
    ...times(3, () => saslFailure(ignored)),
    ...irregular,
    ordinaryLine(tick * 4 + 2),
    ...(tooLongTicks.includes(tick)
      ? [`${syslogTime()} mx1 postfix/smtpd[3011]: ${'x'.repeat(attackMaxLineLength * 2)}`]
      : []),
    ordinaryLine(tick * 4 + 3),
  ];
  const auth = [
    sshdOrdinary(tick * 2),
    ...times(3, () => sshdFailure(sshAttacker)),
    sshdOrdinary(tick * 2 + 1),
  ];
  return { mail: linesOf(mail), auth: linesOf(auth), failures: 6 + 3 + 3 + 3 + 3, bans: 4 };
}

/**
 * A burst of ordinary mail-log lines, about `mebibytes` MiB: more than the match engine holds in flight
 * (2 × workers + 2 chunks of 1 MiB), so the source has to wait for the workers (backpressure).
 */
export function floodBytes(mebibytes: number): Buffer {
  const lines: string[] = [];
  let bytes = 0;
  for (let n = 0; bytes < mebibytes * 1024 * 1024 && n < 10_000_000; n++) {
    const line = ordinaryLine(n);
    lines.push(line);
    bytes += line.length + 1;
  }
  return linesOf(lines);
}
