// The configuration both services run with in the side-by-side benchmark, as text: the scenario's jails
// on one log, the same policy (maxretry, the stock findtime and bantime), the same ignore list, no DNS.
// Unlike the service benchmark both ban for real: fail2nft through its nftables backend, fail2ban
// through Debian's nftables-multiport action (one `nft` process per ban), each in its own network
// namespace. Pure.
import {
  fail2banServiceLocal,
  fail2nftServiceLocal as serviceBenchFail2nftLocal,
} from '../service/bench-config-texts.js';
import type { Scenario } from './scenarios.js';

function shared(scenario: Scenario): string {
  return [
    'usedns = no',
    'ignoreself = false',
    'ignoreip = 127.0.0.1/8 ::1',
    `maxretry = ${scenario.maxretry}`,
  ].join('\n');
}

function sections(scenario: Scenario, logPath: string): string {
  return scenario.jails
    .map((jail) => {
      const mode = jail.mode === undefined ? '' : `mode = ${jail.mode}\n`;
      return `[${jail.name}]\nenabled = true\n${mode}logpath = ${logPath}\nmaxretry = ${scenario.maxretry}\n`;
    })
    .join('\n');
}

export function fail2nftJailLocal(scenario: Scenario, logPath: string): string {
  return `[DEFAULT]\nbackend = auto\n${shared(scenario)}\n\n${sections(scenario, logPath)}`;
}

/** The runner gets the backend (nftables in the bench's namespace) on its command line. */
export function fail2nftServiceLocal(logTarget: string, workers: number | undefined): string {
  return serviceBenchFail2nftLocal(logTarget, workers, 'nftables');
}

/**
 * Debian's jails with Debian's nftables actions (their defaults: table inet f2b-table, one set per jail
 * and family); polling, because pyinotify is not installed. jail.d is removed from the copy (Debian
 * enables sshd there), and sshd is off unless the scenario runs it.
 */
export function fail2banJailLocal(scenario: Scenario, logPath: string): string {
  const lines = [
    '[DEFAULT]',
    'enabled = false',
    'backend = polling',
    shared(scenario),
    'banaction = nftables-multiport',
    'banaction_allports = nftables-allports',
    '',
  ];
  if (!scenario.jails.some((jail) => jail.name === 'sshd')) lines.push('[sshd]', 'enabled = false', '');
  lines.push(sections(scenario, logPath));
  return lines.join('\n');
}

export { fail2banServiceLocal };
