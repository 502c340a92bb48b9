// The two files the demo adds to its copy of the bundled configuration: a jail.local that enables the
// mail jails on the demo's log (and recidive on the service's own log), and a fail2nft.local that keeps
// every file of the service inside the demo's directory.

export interface DemoPaths {
  readonly dir: string;
  readonly configDir: string;
  readonly mailLog: string;
  readonly serviceLog: string;
  readonly database: string;
  readonly socket: string;
  readonly pidFile: string;
}

export interface DemoJailSettings {
  readonly maxretry: number;
  readonly bantime: string;
  readonly ignoredAddress: string;
  readonly recidive: { readonly maxretry: number; readonly bantime: string };
}

export const demoJailSettings: DemoJailSettings = {
  maxretry: 5,
  bantime: '10m',
  ignoredAddress: '198.51.100.77',
  // Two jails banning one address make a repeat offender here, so the short demo shows recidive too.
  recidive: { maxretry: 2, bantime: '1h' },
};

export function demoJailLocal(paths: DemoPaths, settings: DemoJailSettings): string {
  return `# Written by "fail2nft demo": the bundled mail jails, reading the demo's own log.

[DEFAULT]
# The service runs alone in a network namespace, or as a dry run: no address of its own to spare.
ignoreself = false
ignoreip = 127.0.0.1/8 ::1 ${settings.ignoredAddress}
bantime = ${settings.bantime}
findtime = 10m
maxretry = ${settings.maxretry}
# The log has addresses only; the namespace has no DNS anyway.
usedns = no

[postfix]
enabled = true
logpath = ${paths.mailLog}

[postfix-sasl]
enabled = true
logpath = ${paths.mailLog}

[dovecot]
enabled = true
logpath = ${paths.mailLog}

[recidive]
enabled = true
logpath = ${paths.serviceLog}
maxretry = ${settings.recidive.maxretry}
bantime = ${settings.recidive.bantime}
`;
}

export function demoServiceLocal(paths: DemoPaths, metricsPort: number): string {
  return `# Written by "fail2nft demo": every file of the service stays in the demo's directory.

[Definition]
logtarget = ${paths.serviceLog}
dbfile = ${paths.database}
socket = ${paths.socket}
pidfile = ${paths.pidFile}
metrics = 127.0.0.1:${metricsPort}
workers = 2
`;
}
