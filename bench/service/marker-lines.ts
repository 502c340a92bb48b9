// Marker lines the benchmark writes around the corpus, one failure format per jail, dated "now".
//
// Seeds (one failure per jail, before the service starts): a service in operation treats far-off dates
// as "now", but fail2ban only enters operation once it has read a file to its end. A file that is empty
// at start never gets there before the corpus arrives, and fail2ban would then drop every 20-day-old
// corpus line as "older than findtime". Both services read the seeds first, which puts both in
// operation, and the bench knows they have when every jail counted its seed.
// Sentinels (maxretry failures per jail, after the corpus): the last lines of the file ban one more
// address per jail, which says precisely when fail2ban has read the whole file (it has no line counter).
// The addresses come from 100.64.0.0/10 (shared address space), which the corpora do not use.
import type { BenchJail } from './bench-config-texts.js';
import { BENCH_JAILS } from './bench-config-texts.js';

export const SEED_ADDRESS = '100.64.0.1';
export const SENTINEL_ADDRESS = '100.64.0.2';
/** The stock maxretry of the three jails. */
export const SENTINEL_FAILURES = 5;
export const MARKER_ADDRESSES: readonly string[] = [SEED_ADDRESS, SENTINEL_ADDRESS];

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A classic syslog time stamp in local time (both services read these in the host's zone). */
export function syslogStamp(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, ' ');
  return `${months[d.getMonth()] ?? 'Jan'} ${day} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** One failure line of `jail` from `address`; `n` varies the ids a real log would vary. */
export function failureLine(jail: BenchJail, address: string, epochMs: number, n: number): string {
  const stamp = syslogStamp(epochMs);
  switch (jail) {
    case 'postfix':
      return (
        `${stamp} mail postfix/smtpd[${4100 + n}]: NOQUEUE: reject: RCPT from unknown[${address}]: ` +
        `554 5.7.1 <bench${n}@relay.example.net>: Relay access denied; from=<marker@example.com> ` +
        `to=<bench${n}@relay.example.net> proto=ESMTP helo=<marker.example.com>`
      );
    case 'postfix-sasl':
      return `${stamp} mail postfix/smtpd[${4200 + n}]: warning: unknown[${address}]: SASL PLAIN authentication failed: bench marker ${n}`;
    case 'dovecot':
      return (
        `${stamp} mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): ` +
        `user=<marker${n}@example.org>, method=PLAIN, rip=${address}, lip=192.0.2.10, TLS, session=<benchMarker${n}>`
      );
  }
}

/** One failure per jail from the seed address, as text ending in a newline. */
export function seedText(epochMs: number): string {
  return BENCH_JAILS.map((jail) => `${failureLine(jail, SEED_ADDRESS, epochMs, 0)}\n`).join('');
}

/** maxretry failures per jail from the sentinel address, jails interleaved so that all end together. */
export function sentinelText(epochMs: number): string {
  const lines: string[] = [];
  for (let n = 1; n <= SENTINEL_FAILURES; n++)
    for (const jail of BENCH_JAILS) lines.push(`${failureLine(jail, SENTINEL_ADDRESS, epochMs, n)}\n`);
  return lines.join('');
}

export const SEED_LINES = BENCH_JAILS.length;
export const SENTINEL_LINES = BENCH_JAILS.length * SENTINEL_FAILURES;
