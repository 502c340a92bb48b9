// Words the generated lines are made of: our server's identity, mailbox users, the remote domains and
// host names of senders, and the user names attackers guess. All invented (example/test/invalid
// domains, made-up provider names) except common attacker dictionary words.

export const SERVER = {
  /** Syslog host field. */
  host: 'mail',
  fqdn: 'mail.example.org',
  domain: 'example.org',
  ipv4: '192.0.2.10',
  ipv6: '2001:db8:10::25',
  sshHost: 'gw',
} as const;

const FIRST = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'niaj',
  'olivia',
  'peggy',
  'rupert',
  'sybil',
  'trent',
  'victor',
  'walter',
  'yuki',
  'zoe',
  'amir',
  'bea',
  'chen',
  'dina',
  'emil',
  'fatima',
  'goran',
  'hana',
  'ines',
  'jonas',
  'kofi',
  'lena',
  'marek',
  'nora',
  'oskar',
  'priya',
  'quinn',
  'rosa',
  'sami',
  'tariq',
  'uma',
  'vera',
  'wim',
  'xena',
  'yusuf',
];
const LAST = [
  'smith',
  'mueller',
  'garcia',
  'rossi',
  'nowak',
  'kim',
  'dubois',
  'jansen',
  'silva',
  'novak',
  'larsen',
  'kowalski',
  'berg',
  'ito',
  'okafor',
  'haddad',
  'moreau',
  'fischer',
  'costa',
  'varga',
];

/** Local mailbox users of example.org (full addresses, as Dovecot logs them with a domain). */
export const MAILBOXES: readonly string[] = FIRST.flatMap((first, i) =>
  LAST.map((last, j) =>
    (i + j) % 2 === 0 ? `${first}.${last}@example.org` : `${first[0] ?? 'x'}${last}${i}@example.org`,
  ),
).concat(['info@example.org', 'sales@example.org', 'postmaster@example.org', 'billing@example.org']);

/** Remote domains of correspondents (sender and recipient addresses elsewhere). */
export const REMOTE_DOMAINS: readonly string[] = [
  'mailbox.example.com',
  'corp.example.net',
  'uni-muster.test',
  'shop.example.com',
  'newsletter.example.net',
  'partner-firm.test',
  'cloudmail.example',
  'provider.invalid',
  'stadtwerke.example',
  'lists.example.net',
  'billing.example.com',
  'freemail.test',
];

/** Host names of sending MTAs by their domain; unknown[...] is used for hosts without PTR. */
export const SENDER_HOSTS: readonly string[] = [
  'mail-ot1-f41.cloudmail.example',
  'mail-wr1-f53.cloudmail.example',
  'mx-out-3.freemail.test',
  'smtp.corp.example.net',
  'o1.ptr6512.newsletter.example.net',
  'mta-12.shop.example.com',
  'mout.provider.invalid',
  'mail.partner-firm.test',
  'relay2.uni-muster.test',
  'outbound-31.lists.example.net',
  'smtp-relay.stadtwerke.example',
  'mx2.billing.example.com',
];

/** MX hosts we deliver outbound mail to. */
export const REMOTE_MX: readonly string[] = [
  'mx1.cloudmail.example',
  'mx.freemail.test',
  'mail.corp.example.net',
  'mx00.provider.invalid',
  'smtp-in.partner-firm.test',
  'mx.uni-muster.test',
  'alt1.mx.cloudmail.example',
];

/** User names attackers guess against mail servers (local parts, sometimes with our domain). */
export const MAIL_GUESSES: readonly string[] = [
  'admin',
  'info',
  'test',
  'support',
  'webmaster',
  'sales',
  'contact',
  'office',
  'postmaster',
  'user',
  'mail',
  'noreply',
  'marketing',
  'hr',
  'accounting',
  'abuse',
  'billing',
  'newsletter',
];

/** User names attackers guess against sshd (root dominates real logs). */
export const SSH_GUESSES: readonly string[] = [
  'admin',
  'ubuntu',
  'test',
  'user',
  'oracle',
  'postgres',
  'git',
  'pi',
  'ftpuser',
  'guest',
  'hadoop',
  'deploy',
  'jenkins',
  'minecraft',
  'steam',
  'support',
  'server',
  'dev',
  'www',
  'mysql',
  'ubnt',
  'debian',
  'centos',
  'ec2-user',
  'nagios',
  'sol',
  'validator',
  'es',
  'student',
  'test1',
];

/** Real accounts on the ssh host (these log in with keys; a few type passwords). */
export const SSH_ACCOUNTS: readonly { name: string; uid: number }[] = [
  { name: 'deploy', uid: 1001 },
  { name: 'alice', uid: 1000 },
  { name: 'backup', uid: 1002 },
  { name: 'ansible', uid: 1003 },
  { name: 'bob', uid: 1004 },
];

/** Fake HELO names seen from spam bots. */
export const BOT_HELOS: readonly string[] = [
  'ylmf-pc',
  'User',
  'WIN-3QG8PN5JT1U',
  'localhost',
  'example.com',
  'DESKTOP-8F1N2Q3',
  'mail.example.org',
];

export const RBL_ZONES: readonly string[] = ['zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org'];

export const SUDO_COMMANDS: readonly string[] = [
  '/usr/bin/systemctl restart nginx',
  '/usr/bin/apt-get update',
  '/usr/bin/journalctl -u postfix',
  '/usr/sbin/nft list ruleset',
  '/usr/bin/systemctl status dovecot',
  '/usr/bin/tail -n 100 /var/log/mail.log',
];
