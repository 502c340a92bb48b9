// The demo's attack as data: which lines go into the mail log and when (milliseconds from the start of
// the replay), and which of them a jail's filter counts as a failure. The same seed gives the same plan,
// so the demo's expected bans are reproducible. Addresses come from the documentation ranges
// (203.0.113.0/24, 198.51.100.0/24, 2001:db8::/32 for the attack, 192.0.2.0/24 for ordinary clients).
import type { DemoBan } from './demo-ban.js';
import { dovecotLines, queueLines, smtpdLines, type SmtpClient } from './mail-log-lines.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

export interface MailEvent {
  readonly atMs: number;
  readonly body: string;
  /** Set when the line is a failure of `address` for `jail`'s filter. */
  readonly failure?: DemoBan;
}

/** What an attacker does; `below-maxretry` gives up before any jail's maxretry. */
export type AttackerRole = 'smtp-auth' | 'imap' | 'smtp-and-imap' | 'relay' | 'below-maxretry';

export interface Attacker {
  readonly address: string;
  readonly role: AttackerRole;
  /** Failure lines written for this address, all jails together. */
  readonly failures: number;
}

export interface AttackPlanOptions {
  readonly attackers: number;
  readonly durationMs: number;
  readonly maxretry: number;
  /** In ignoreip: fails often (a phone with a stale password behind the office's NAT), never banned. */
  readonly ignoredAddress: string;
  /** Ordinary sessions (deliveries, submissions, IMAP/POP3 logins) per second. */
  readonly sessionsPerSecond: number;
  readonly seed: number;
}

export interface AttackPlan {
  /** In time order. */
  readonly events: readonly MailEvent[];
  readonly attackers: readonly Attacker[];
  /** Distinct addresses of ordinary clients (the user who mistypes a password included). */
  readonly clientAddresses: number;
}

export const mailJails = { smtp: 'postfix', smtpAuth: 'postfix-sasl', imap: 'dovecot' } as const;

// A cycle of roles, so that even a handful of attackers shows every kind of behaviour.
const roleCycle: readonly AttackerRole[] = [
  'smtp-auth',
  'imap',
  'smtp-and-imap',
  'below-maxretry',
  'smtp-auth',
  'relay',
  'smtp-auth',
  'imap',
  'below-maxretry',
  'smtp-auth',
];

const guessedUsers = [
  'admin',
  'info@example.org',
  'test',
  'sales@example.org',
  'postmaster',
  'user1',
  'office',
];
const spamHelos = ['WIN-4JSK2L1QF0A', 'User', 'ylmf-pc', 'localhost', 'mail.example.com'];
const localUsers = ['alice@example.org', 'bob@example.org', 'carol@example.org', 'dave@example.org'];

/** The v4 attack pool in a seeded order, without the ignored address. */
function ipv4Pool(random: SeededRandom, ignored: string): string[] {
  const pool: string[] = [];
  for (let host = 1; host <= 254; host++) pool.push(`203.0.113.${host}`, `198.51.100.${host}`);
  const usable = pool.filter((address) => address !== ignored);
  for (let i = usable.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [usable[i], usable[j]] = [usable[j] ?? '', usable[i] ?? ''];
  }
  return usable;
}

function sessionTag(random: SeededRandom): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let tag = '';
  for (let i = 0; i < 16; i++) tag += alphabet[random.int(0, alphabet.length - 1)] ?? 'A';
  return tag;
}

function queueId(random: SeededRandom): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += '0123456789ABCDEF'[random.int(0, 15)] ?? '0';
  return id;
}

class EventList {
  readonly events: MailEvent[] = [];
  constructor(private readonly durationMs: number) {}

  /** Lines of one exchange, 15 ms apart, kept inside the replay. */
  add(atMs: number, lines: readonly (string | { body: string; failure: DemoBan })[]): void {
    lines.forEach((line, i) => {
      const at = Math.min(Math.round(atMs) + i * 15, this.durationMs - 1);
      this.events.push(typeof line === 'string' ? { atMs: at, body: line } : { atMs: at, ...line });
    });
  }
}

/** `count` moments spread over [fromMs, toMs), sorted. */
function moments(random: SeededRandom, count: number, fromMs: number, toMs: number): number[] {
  return Array.from({ length: count }, () => fromMs + random.next() * (toMs - fromMs)).sort((a, b) => a - b);
}

function smtpAuthAttempt(
  random: SeededRandom,
  c: SmtpClient,
  failure: DemoBan,
): (string | { body: string; failure: DemoBan })[] {
  const daemon = random.next() < 0.3 ? 'postfix/submission/smtpd' : 'postfix/smtpd';
  const pid = random.int(10000, 65000);
  const mechanism = random.next() < 0.6 ? 'LOGIN' : 'PLAIN';
  const user = random.next() < 0.4 ? random.pick(guessedUsers) : undefined;
  return [
    smtpdLines.connect(daemon, pid, c),
    { body: smtpdLines.saslFailure(daemon, pid, c, mechanism, user), failure },
    smtpdLines.disconnect(daemon, pid, c, 'ehlo=1 auth=0/1 quit=1 commands=2/3'),
  ];
}

function imapAttempt(random: SeededRandom, address: string, user: string, failure: DemoBan) {
  const service = random.next() < 0.7 ? 'imap' : 'pop3';
  return [
    { body: dovecotLines.authFailed(service, user, address, random.int(1, 6), sessionTag(random)), failure },
  ];
}

function relayAttempt(random: SeededRandom, c: SmtpClient, failure: DemoBan) {
  const pid = random.int(10000, 65000);
  const to = `${random.pick(['sales', 'jobs', 'contact'])}@example.net`;
  return [
    smtpdLines.connect('postfix/smtpd', pid, c),
    { body: smtpdLines.relayReject(pid, c, 'noreply@example.com', to, random.pick(spamHelos)), failure },
    smtpdLines.disconnect('postfix/smtpd', pid, c, 'ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5'),
  ];
}

function ordinarySession(random: SeededRandom, index: number, clients: readonly string[]): string[] {
  const address = clients[index % clients.length] ?? '192.0.2.20';
  const user = random.pick(localUsers);
  const pid = random.int(10000, 65000);
  const id = queueId(random);
  const tag = sessionTag(random);
  switch (index % 4) {
    case 0: {
      const mta = { name: `mail${index % 7}.example.net`, address };
      return [
        smtpdLines.connect('postfix/smtpd', pid, mta),
        smtpdLines.accepted('postfix/smtpd', pid, id, mta),
        queueLines.cleanup(pid + 1, id, `${tag}@example.net`),
        queueLines.queued(id, 'newsletter@example.net', random.int(2000, 90000)),
        smtpdLines.disconnect(
          'postfix/smtpd',
          pid,
          mta,
          'ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7',
        ),
        queueLines.deliveredLocally(pid + 2, id, user, tag),
        queueLines.removed(id),
      ];
    }
    case 1: {
      const host = { name: 'unknown', address };
      return [
        smtpdLines.connect('postfix/submission/smtpd', pid, host),
        smtpdLines.accepted('postfix/submission/smtpd', pid, id, host, user),
        queueLines.cleanup(pid + 1, id, `${tag}@example.org`),
        queueLines.queued(id, user, random.int(1000, 40000)),
        smtpdLines.disconnect(
          'postfix/submission/smtpd',
          pid,
          host,
          'ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8',
        ),
        queueLines.relayed(pid + 2, id, 'partner@example.com'),
        queueLines.removed(id),
      ];
    }
    case 2:
      return [dovecotLines.login('imap', user, address, pid, tag), dovecotLines.loggedOut(user, pid, tag)];
    default:
      return [dovecotLines.login('pop3', user, address, pid, tag)];
  }
}

function attackerAddress(index: number, random: SeededRandom, pool: string[]): string {
  // Every sixth attacker comes over IPv6; the third group keeps the addresses distinct and canonical.
  if (index % 6 === 5)
    return `2001:db8:${(0x100 + index).toString(16)}::${random.int(1, 0xfffe).toString(16)}`;
  const address = pool.shift();
  if (address === undefined) throw new RangeError('the IPv4 attack pool is exhausted');
  return address;
}

export function planAttack(options: AttackPlanOptions): AttackPlan {
  const { durationMs, maxretry } = options;
  if (maxretry < 2) throw new RangeError('the demo needs maxretry >= 2 to show addresses below it');
  const random = createSeededRandom(options.seed);
  const list = new EventList(durationMs);
  const pool = ipv4Pool(random, options.ignoredAddress);
  const attackers: Attacker[] = [];
  const end = durationMs * 0.9;

  for (let i = 0; i < options.attackers; i++) {
    const role = roleCycle[i % roleCycle.length] ?? 'smtp-auth';
    const address = attackerAddress(i, random, pool);
    const c: SmtpClient = {
      name: random.next() < 0.8 || address.includes(':') ? 'unknown' : `dyn-${i}.broadband.example.net`,
      address,
    };
    const start = random.next() * durationMs * 0.5;
    const user = random.pick(guessedUsers);
    const smtp = (count: number): void => {
      for (const at of moments(random, count, start, end))
        list.add(at, smtpAuthAttempt(random, c, { jail: mailJails.smtpAuth, address }));
    };
    const imap = (count: number): void => {
      for (const at of moments(random, count, start, end))
        list.add(at, imapAttempt(random, address, user, { jail: mailJails.imap, address }));
    };
    let failures: number;
    switch (role) {
      case 'smtp-auth':
        failures = maxretry + random.int(0, 7);
        smtp(failures);
        break;
      case 'imap':
        failures = maxretry + random.int(0, 5);
        imap(failures);
        break;
      case 'smtp-and-imap': {
        const viaSmtp = maxretry + random.int(0, 3);
        const viaImap = maxretry + random.int(0, 3);
        smtp(viaSmtp);
        imap(viaImap);
        failures = viaSmtp + viaImap;
        break;
      }
      case 'relay':
        failures = maxretry + random.int(0, 2);
        for (const at of moments(random, failures, start, end))
          list.add(at, relayAttempt(random, c, { jail: mailJails.smtp, address }));
        break;
      case 'below-maxretry':
        failures = random.int(1, maxretry - 1);
        if (i % 2 === 0) smtp(failures);
        else imap(failures);
        break;
    }
    attackers.push({ address, role, failures });
  }

  // The office: a phone with a stale password retries all the time, from an address in ignoreip.
  const office: SmtpClient = { name: 'unknown', address: options.ignoredAddress };
  for (const at of moments(random, maxretry * 2 + 2, 0, end))
    list.add(at, smtpAuthAttempt(random, office, { jail: mailJails.smtpAuth, address: office.address }));
  for (const at of moments(random, maxretry + 1, 0, end))
    list.add(
      at,
      imapAttempt(random, office.address, 'carol@example.org', {
        jail: mailJails.imap,
        address: office.address,
      }),
    );

  // Ordinary traffic, and one user who mistypes the password twice before logging in.
  const clients = Array.from({ length: 16 }, (_, i) => `192.0.2.${20 + i}`).concat(['2001:db8:ffff::25']);
  const sessions = Math.max(4, Math.round((options.sessionsPerSecond * durationMs) / 1000));
  moments(random, sessions, 0, durationMs * 0.95).forEach((at, index) => {
    list.add(at, ordinarySession(random, index, clients));
  });
  const typo = '192.0.2.44';
  const typoAt = durationMs * 0.4;
  for (let n = 0; n < 2; n++)
    list.add(
      typoAt + n * 300,
      imapAttempt(random, typo, 'dave@example.org', { jail: mailJails.imap, address: typo }),
    );
  list.add(typoAt + 700, [
    dovecotLines.login('imap', 'dave@example.org', typo, random.int(10000, 65000), sessionTag(random)),
  ]);

  const events = list.events.map((event, order) => ({ event, order }));
  events.sort((a, b) => a.event.atMs - b.event.atMs || a.order - b.order);
  return {
    events: events.map((entry) => entry.event),
    attackers,
    clientAddresses: clients.length + 1,
  };
}
