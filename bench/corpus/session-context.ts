// Everything a session script draws on: the random stream, the current log time, pids, identifiers
// in the shapes the daemons print, and the legitimate clients of the server.
import { drawDistinct, randomIpv6, randomPrivateIpv4, randomPublicIpv4 } from './addresses.js';
import { PidCounter, ProcessPool } from './processes.js';
import { ALNUM, BASE64, HEX_UPPER, type Prng } from './prng.js';
import { formatSyslogTimestamp } from './syslog-line.js';
import { MAILBOXES } from './vocabulary.js';

export interface MailUser {
  /** Login name as Dovecot logs it (the mailbox address). */
  readonly login: string;
  /** Addresses the user's devices connect from. */
  readonly addresses: readonly string[];
}

export interface SessionContext {
  readonly prng: Prng;
  /** Current log time, Unix seconds (fractional); the mixer sets it before each step. */
  now: number;
  readonly pids: PidCounter;
  readonly pool: (daemon: string) => ProcessPool;
  /** Long-lived daemons: one pid each for the whole log. */
  readonly daemon: (name: string) => number;
  readonly queueId: () => string;
  readonly dovecotSession: () => string;
  readonly messageId: (domain: string) => string;
  /** 1, 2, 3, ... per name (logind session numbers and the like). */
  readonly serial: (name: string) => number;
  readonly syslogTime: (epochSeconds: number) => string;
  readonly mailUsers: readonly MailUser[];
  /** Sending MTAs: address and PTR name (undefined: no PTR, logged as unknown). */
  readonly mtas: readonly { readonly address: string; readonly name: string | undefined }[];
  readonly sshClients: readonly string[];
  /** Every address the legitimate side uses, so attacker pools can avoid them. */
  readonly legitAddresses: ReadonlySet<string>;
}

const RETIRE_CHANCE: Readonly<Record<string, number>> = {
  'postfix/smtpd': 0.02,
  'postfix/submission/smtpd': 0.05,
  'postfix/cleanup': 0.01,
  'postfix/smtp': 0.01,
  'postfix/lmtp': 0.01,
};

export function createSessionContext(
  prng: Prng,
  start: number,
  senderNames: readonly string[],
): SessionContext {
  const pids = new PidCounter(prng);
  const pools = new Map<string, ProcessPool>();
  const daemons = new Map<string, number>();
  const used = new Set<string>();
  const serials = new Map<string, number>();
  let queueCounter = prng.below(0x100000);

  const mailUsers = MAILBOXES.map((login): MailUser => {
    const n = prng.between(1, 3);
    const addresses = drawDistinct(n, used, () => {
      const r = prng.float();
      if (r < 0.25) return randomPrivateIpv4(prng);
      if (r < 0.45) return randomIpv6(prng, 'public');
      return randomPublicIpv4(prng);
    });
    return { login, addresses };
  });
  const mtaAddresses = drawDistinct(240, used, () =>
    prng.chance(0.2) ? randomIpv6(prng, 'public') : randomPublicIpv4(prng),
  );
  const mtas = mtaAddresses.map((address, i) => ({
    address,
    name: i % 4 === 3 ? undefined : senderNames[i % senderNames.length],
  }));
  const sshClients = drawDistinct(40, used, () =>
    prng.chance(0.3) ? randomPrivateIpv4(prng) : randomPublicIpv4(prng),
  );

  return {
    prng,
    now: start,
    pids,
    pool(daemon) {
      let pool = pools.get(daemon);
      if (pool === undefined) {
        pool = new ProcessPool(pids, prng, RETIRE_CHANCE[daemon] ?? 0.01);
        pools.set(daemon, pool);
      }
      return pool;
    },
    daemon(name) {
      let pid = daemons.get(name);
      if (pid === undefined) {
        pid = pids.next();
        daemons.set(name, pid);
      }
      return pid;
    },
    queueId() {
      // Postfix short queue ids: 5 hex digits of microseconds, then the queue file's inode in hex.
      queueCounter = (queueCounter + prng.between(1, 40)) % 0x1000000;
      return `${prng.chars(HEX_UPPER, 5)}${queueCounter.toString(16).toUpperCase().padStart(6, '0')}`;
    },
    dovecotSession() {
      return prng.chars(BASE64, 16);
    },
    messageId(domain) {
      return `<${prng.chars(ALNUM, 8)}.${prng.chars(ALNUM, 12)}@${domain}>`;
    },
    serial(name) {
      const next = (serials.get(name) ?? 0) + 1;
      serials.set(name, next);
      return next;
    },
    syslogTime: formatSyslogTimestamp,
    mailUsers,
    mtas,
    sshClients,
    legitAddresses: used,
  };
}
