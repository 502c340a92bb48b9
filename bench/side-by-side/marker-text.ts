// Marker lines around the corpus, for any scenario's jails (bench/service/marker-lines.ts explains why
// they are needed): one seed failure per jail before the services start, maxretry sentinel failures per
// jail after the corpus, whose bans say that a service has read the whole file. Pure.
import { failureLine, SEED_ADDRESS, SENTINEL_ADDRESS, syslogStamp } from '../service/marker-lines.js';
import type { ScenarioJail } from './scenarios.js';

export { SEED_ADDRESS, SENTINEL_ADDRESS };
export const MARKER_ADDRESSES: readonly string[] = [SEED_ADDRESS, SENTINEL_ADDRESS];

/** One failure of `jail` from `address`; sshd lines use a fresh pid each (one session per line). */
export function markerFailure(
  jail: ScenarioJail['name'],
  address: string,
  epochMs: number,
  n: number,
): string {
  if (jail !== 'sshd') return failureLine(jail, address, epochMs, n);
  return (
    `${syslogStamp(epochMs)} gate sshd[${7100 + n}]: Failed password for invalid user bench${n} ` +
    `from ${address} port ${40000 + n} ssh2`
  );
}

export function seedLines(jails: readonly ScenarioJail[], epochMs: number): string {
  return jails.map((jail) => `${markerFailure(jail.name, SEED_ADDRESS, epochMs, 0)}\n`).join('');
}

/** `failures` per jail, jails interleaved so that every jail's ban comes at the end. */
export function sentinelLines(jails: readonly ScenarioJail[], failures: number, epochMs: number): string {
  const lines: string[] = [];
  for (let n = 1; n <= failures; n++)
    for (const jail of jails) lines.push(`${markerFailure(jail.name, SENTINEL_ADDRESS, epochMs, n)}\n`);
  return lines.join('');
}
