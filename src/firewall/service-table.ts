// Service names to port numbers, for fail2ban port options such as "smtp,465,submission". nft and
// iptables resolve names through /etc/services themselves, but one unknown name there fails the whole
// transaction (every jail's rules at once), so names are resolved here, where an unknown one is
// reported against its own jail.

/** Lower-case service name or alias -> port number. */
export type ServiceTable = ReadonlyMap<string, number>;

// IANA assignments of the names fail2ban's jail.conf and common mail, web and login jails use, so a
// system whose /etc/services lacks one (netbase dropped imap3, for instance) still resolves it.
const wellKnownServices: readonly (readonly [string, number])[] = [
  ['ftp-data', 20],
  ['ftp', 21],
  ['ssh', 22],
  ['telnet', 23],
  ['smtp', 25],
  ['domain', 53],
  ['http', 80],
  ['www', 80],
  ['kerberos', 88],
  ['pop3', 110],
  ['nntp', 119],
  ['imap', 143],
  ['imap2', 143],
  ['imap3', 220],
  ['ldap', 389],
  ['https', 443],
  ['submissions', 465],
  ['smtps', 465],
  ['ssmtp', 465],
  ['urd', 465],
  ['submission', 587],
  ['ldaps', 636],
  ['ftps-data', 989],
  ['ftps', 990],
  ['imaps', 993],
  ['pop3s', 995],
  ['socks', 1080],
  ['ms-sql-s', 1433],
  ['openvpn', 1194],
  ['mysql', 3306],
  ['ms-wbt-server', 3389],
  ['sieve', 4190],
  ['postgresql', 5432],
  ['sip', 5060],
  ['sip-tls', 5061],
  ['xmpp-client', 5222],
  ['xmpp-server', 5269],
  ['http-alt', 8080],
  ['webcache', 8080],
];

export const wellKnownServiceTable: ServiceTable = new Map(wellKnownServices);

/**
 * Reads the text of an /etc/services file: `name port/protocol [aliases...] [# comment]`. A name keeps
 * its first entry (tcp lines come first in the file, and the tcp and udp numbers agree in practice).
 */
export function parseServiceTable(text: string): Map<string, number> {
  const table = new Map<string, number>();
  for (const rawLine of text.split('\n')) {
    const hash = rawLine.indexOf('#');
    const line = hash < 0 ? rawLine : rawLine.slice(0, hash);
    const fields = line.trim().split(/\s+/);
    const [name, portProtocol, ...aliases] = fields;
    if (name === undefined || portProtocol === undefined) continue;
    const match = /^(\d{1,5})\/[a-z0-9-]+$/i.exec(portProtocol);
    const port = Number(match?.[1]);
    if (match === null || port > 65_535) continue;
    for (const alias of [name, ...aliases]) {
      const key = alias.toLowerCase();
      if (!table.has(key)) table.set(key, port);
    }
  }
  return table;
}

/** The system's table over the built-in names: the system wins where both know a name. */
export function mergeServiceTables(
  system: ServiceTable,
  fallback: ServiceTable = wellKnownServiceTable,
): ServiceTable {
  const merged = new Map(fallback);
  for (const [name, port] of system) merged.set(name, port);
  return merged;
}
