// The configuration files both services run with in the benchmark, as text. Both run the same three
// mail jails on one log with the same policy (maxretry 5, findtime 10m from the stock files), the same
// ignore list, no DNS and no own-address lookup, so that their ban lists can be compared line for line.
// fail2ban's only action writes to a file (its `dummy` action): the benchmark never touches a firewall.

/** The jails of the benchmark, in the names of both jail.conf files (fail2ban's and the bundled one). */
export const BENCH_JAILS = ['postfix', 'postfix-sasl', 'dovecot'] as const;
export type BenchJail = (typeof BENCH_JAILS)[number];

/** Options both sides share; a difference here would show up as a difference in bans. */
function sharedDefaults(): string {
  return ['usedns = no', 'ignoreself = false', 'ignoreip = 127.0.0.1/8 ::1'].join('\n');
}

function jailSections(logPath: string, extra: string): string {
  return BENCH_JAILS.map((jail) => {
    const mode = jail === 'postfix' ? 'mode = more\n' : '';
    return `[${jail}]\nenabled = true\n${mode}logpath = ${logPath}\n${extra}`;
  }).join('\n');
}

/** fail2nft's jail.local: the bundled jails, read from `logPath` with the default file backend. */
export function fail2nftJailLocal(logPath: string): string {
  return `[DEFAULT]\nbackend = auto\n${sharedDefaults()}\n\n${jailSections(logPath, '')}`;
}

/**
 * fail2nft.local: the service log at INFO (as fail2ban's), the worker count (0 = auto) and the firewall
 * setting. The runner chooses the ban store itself (in memory for a dry run, SQLite with its kernel
 * backend), so dbfile here only keeps the service from touching the system's database path.
 */
export function fail2nftServiceLocal(
  logTarget: string,
  workers: number | undefined,
  firewall: 'dry-run' | 'nftables' = 'dry-run',
): string {
  return [
    '[Definition]',
    'loglevel = INFO',
    `logtarget = ${logTarget}`,
    `workers = ${workers === undefined ? 'auto' : String(workers)}`,
    `firewall = ${firewall}`,
    'dbfile = :memory:',
    '',
  ].join('\n');
}

/**
 * fail2ban's jail.local: Debian's jails on `logPath`, polling (pyinotify is not installed), every
 * action replaced by `dummy` writing to `dummyTarget`. Debian enables sshd in jail.d; it is turned off
 * here as well as by removing jail.d from the copy.
 */
export function fail2banJailLocal(logPath: string, dummyTarget: string): string {
  const action = `dummy[target=${dummyTarget}]`;
  return [
    '[DEFAULT]',
    'enabled = false',
    'backend = polling',
    sharedDefaults(),
    'banaction = dummy',
    'banaction_allports = dummy',
    `action = ${action}`,
    '',
    '[sshd]',
    'enabled = false',
    '',
    jailSections(logPath, `action = ${action}\n`),
  ].join('\n');
}

/** fail2ban.local: its own database, log file and level. */
export function fail2banServiceLocal(dbFile: string, logTarget: string): string {
  return [
    '[Definition]',
    'loglevel = INFO',
    `logtarget = ${logTarget}`,
    `dbfile = ${dbFile}`,
    'allowipv6 = auto',
    '',
  ].join('\n');
}
