// Ordinary traffic of a mail server (mail.log): inbound delivery through postscreen, smtpd, cleanup,
// qmgr and LMTP into Dovecot; authenticated submission relayed out by smtp; IMAP and POP3 logins;
// scanners that connect and leave; anvil statistics; and the occasional user who mistypes a password.
import { randomPublicIpv4 } from './addresses.js';
import {
  SMTPD_TLS,
  SMTP_TLS,
  commandStats,
  localAddressFor,
  postfixSeconds,
  printAddress,
  remoteAddress,
  smtpClient,
} from './mail-format.js';
import { ALNUM, HEX_UPPER } from './prng.js';
import { line, pause, type Script } from './session.js';
import type { SessionContext } from './session-context.js';
import { BOT_HELOS, REMOTE_DOMAINS, REMOTE_MX, SERVER } from './vocabulary.js';

/** Share of IPv4 clients Dovecot prints as IPv4-mapped IPv6 (its dual-stack listener). */
export const DOVECOT_MAPPED_SHARE = 0.15;

function* lmtpDelivery(
  ctx: SessionContext,
  qid: string,
  messageId: string,
  rcpts: readonly string[],
): Script {
  const { prng } = ctx;
  const pool = ctx.pool('postfix/lmtp');
  const pid = pool.acquire();
  const lmtpPid = ctx.pool('dovecot/lmtp').acquire();
  yield line('dovecot', undefined, `lmtp(${lmtpPid}): Connect from local`, 'dovecot-lmtp');
  for (const rcpt of rcpts) {
    // Dovecot's LMTP session id: a base64 GUID without padding.
    const session = prng.chars(ALNUM, 22);
    yield line(
      'dovecot',
      undefined,
      `lmtp(${rcpt})<${lmtpPid}><${session}>: msgid=${messageId}: saved mail to INBOX`,
      'dovecot-lmtp',
    );
    const a = prng.float() * 0.4;
    const b = prng.float() * 0.02;
    const c = prng.float() * 0.05;
    const d = prng.float() * 0.15;
    yield line(
      'postfix/lmtp',
      pid,
      `${qid}: to=<${rcpt}>, relay=${SERVER.fqdn}[private/dovecot-lmtp], delay=${postfixSeconds(a + b + c + d)}, delays=${postfixSeconds(a)}/${postfixSeconds(b)}/${postfixSeconds(c)}/${postfixSeconds(d)}, dsn=2.0.0, status=sent (250 2.0.0 <${rcpt}> ${session} Saved)`,
      'postfix-delivery',
    );
  }
  yield line(
    'dovecot',
    undefined,
    `lmtp(${lmtpPid}): Disconnect from local: Client has quit the connection (state=READY)`,
    'dovecot-lmtp',
  );
  ctx.pool('dovecot/lmtp').release(lmtpPid);
  pool.release(pid);
}

/** A remote MTA delivers one message to 1-3 local mailboxes. */
export function* inboundDelivery(ctx: SessionContext): Script {
  const { prng } = ctx;
  const mta = prng.pick(ctx.mtas);
  const client = smtpClient(mta.name, mta.address);
  if (prng.chance(0.6)) {
    const ps = ctx.daemon('postfix/postscreen');
    const peer = `[${mta.address}]:${prng.between(1024, 65535)}`;
    yield line(
      'postfix/postscreen',
      ps,
      `CONNECT from ${peer} to [${mta.address.includes(':') ? SERVER.ipv6 : SERVER.ipv4}]:25`,
      'postfix-postscreen',
    );
    yield line('postfix/postscreen', ps, `PASS OLD ${peer}`, 'postfix-postscreen');
  }
  const smtpd = ctx.pool('postfix/smtpd');
  const pid = smtpd.acquire();
  yield line('postfix/smtpd', pid, `connect from ${client}`, 'postfix-connect');
  const tls = prng.chance(0.8);
  if (tls)
    yield line(
      'postfix/smtpd',
      pid,
      `Anonymous TLS connection established from ${client}: ${prng.pick(SMTPD_TLS)}`,
      'postfix-tls',
    );
  yield pause(prng.float() * 1.5);
  const qid = ctx.queueId();
  yield line('postfix/smtpd', pid, `${qid}: client=${client}`, 'postfix-client');
  const senderDomain = prng.pick(REMOTE_DOMAINS);
  const messageId = ctx.messageId(senderDomain);
  const cleanup = ctx.pool('postfix/cleanup');
  const cleanupPid = cleanup.acquire();
  yield line('postfix/cleanup', cleanupPid, `${qid}: message-id=${messageId}`, 'postfix-cleanup');
  cleanup.release(cleanupPid);
  const n = prng.chance(0.8) ? 1 : prng.between(2, 3);
  const rcpts: string[] = [];
  for (let i = 0; i < n; i++) rcpts.push(prng.pick(ctx.mailUsers).login);
  const qmgr = ctx.daemon('postfix/qmgr');
  const sender = remoteAddress(prng, [senderDomain]);
  yield line(
    'postfix/qmgr',
    qmgr,
    `${qid}: from=<${sender}>, size=${prng.between(900, 400000)}, nrcpt=${n} (queue active)`,
    'postfix-qmgr',
  );
  yield line(
    'postfix/smtpd',
    pid,
    `disconnect from ${client} ${commandStats([
      ['ehlo', tls ? 2 : 1, tls ? 2 : 1],
      ['starttls', tls ? 1 : 0, tls ? 1 : 0],
      ['mail', 1, 1],
      ['rcpt', n, n],
      ['data', 1, 1],
      ['quit', 1, 1],
    ])}`,
    'postfix-disconnect',
  );
  smtpd.release(pid);
  yield* lmtpDelivery(ctx, qid, messageId, rcpts);
  yield line('postfix/qmgr', qmgr, `${qid}: removed`, 'postfix-qmgr');
}

/** A mailbox user submits a message that smtp relays to a remote MX (sometimes deferred). */
export function* submission(ctx: SessionContext): Script {
  const { prng } = ctx;
  const user = prng.pick(ctx.mailUsers);
  const address = prng.pick(user.addresses);
  const client = smtpClient(undefined, address);
  const pool = ctx.pool('postfix/submission/smtpd');
  const pid = pool.acquire();
  yield line('postfix/submission/smtpd', pid, `connect from ${client}`, 'postfix-connect');
  yield line(
    'postfix/submission/smtpd',
    pid,
    `Anonymous TLS connection established from ${client}: ${prng.pick(SMTPD_TLS)}`,
    'postfix-tls',
  );
  yield pause(prng.float() * 2);
  const qid = ctx.queueId();
  yield line(
    'postfix/submission/smtpd',
    pid,
    `${qid}: client=${client}, sasl_method=PLAIN, sasl_username=${user.login}`,
    'postfix-client',
  );
  const messageId = ctx.messageId(SERVER.domain);
  const cleanup = ctx.pool('postfix/cleanup');
  const cleanupPid = cleanup.acquire();
  yield line('postfix/cleanup', cleanupPid, `${qid}: message-id=${messageId}`, 'postfix-cleanup');
  cleanup.release(cleanupPid);
  const qmgr = ctx.daemon('postfix/qmgr');
  yield line(
    'postfix/qmgr',
    qmgr,
    `${qid}: from=<${user.login}>, size=${prng.between(700, 2500000)}, nrcpt=1 (queue active)`,
    'postfix-qmgr',
  );
  yield line(
    'postfix/submission/smtpd',
    pid,
    `disconnect from ${client} ${commandStats([
      ['ehlo', 2, 2],
      ['starttls', 1, 1],
      ['auth', 1, 1],
      ['mail', 1, 1],
      ['rcpt', 1, 1],
      ['data', 1, 1],
      ['quit', 1, 1],
    ])}`,
    'postfix-disconnect',
  );
  pool.release(pid);
  const smtp = ctx.pool('postfix/smtp');
  const smtpPid = smtp.acquire();
  const mx = prng.pick(REMOTE_MX);
  const mxAddress = randomPublicIpv4(prng);
  const rcpt = remoteAddress(prng, REMOTE_DOMAINS);
  yield pause(prng.float() * 1.5);
  if (prng.chance(0.04)) {
    yield line(
      'postfix/smtp',
      smtpPid,
      `${qid}: to=<${rcpt}>, relay=none, delay=30, delays=0.05/0.01/30/0, dsn=4.4.1, status=deferred (connect to ${mx}[${mxAddress}]:25: Connection timed out)`,
      'postfix-delivery',
    );
    smtp.release(smtpPid);
    return;
  }
  yield line(
    'postfix/smtp',
    smtpPid,
    `${prng.chance(0.7) ? 'Trusted' : 'Untrusted'} TLS connection established to ${mx}[${mxAddress}]:25: ${prng.pick(SMTP_TLS)}`,
    'postfix-tls',
  );
  const total = 0.4 + prng.float() * 2;
  yield line(
    'postfix/smtp',
    smtpPid,
    `${qid}: to=<${rcpt}>, relay=${mx}[${mxAddress}]:25, delay=${postfixSeconds(total)}, delays=0.05/0.01/${postfixSeconds(total * 0.4)}/${postfixSeconds(total * 0.55)}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${prng.chars(HEX_UPPER, 11)})`,
    'postfix-delivery',
  );
  smtp.release(smtpPid);
  yield line('postfix/qmgr', qmgr, `${qid}: removed`, 'postfix-qmgr');
}

/** An IMAP (or POP3) client logs in, stays a while, and logs out. */
export function* mailboxSession(ctx: SessionContext): Script {
  const { prng } = ctx;
  const user = prng.pick(ctx.mailUsers);
  const rip = printAddress(prng, prng.pick(user.addresses), DOVECOT_MAPPED_SHARE);
  const lip = localAddressFor(rip);
  const pop3 = prng.chance(0.12);
  const protocol = pop3 ? 'pop3' : 'imap';
  const mpid = ctx.pids.next();
  const session = ctx.dovecotSession();
  yield line(
    'dovecot',
    undefined,
    `${protocol}-login: Login: user=<${user.login}>, method=PLAIN, rip=${rip}, lip=${lip}, mpid=${mpid}, TLS, session=<${session}>`,
    'dovecot-login',
  );
  yield pause(pop3 ? prng.float() * 5 : prng.exponential(600));
  const out = prng.between(400, 900000);
  const message = pop3
    ? `Disconnected: Logged out top=0/0, retr=${prng.below(4)}/${out}, del=0/${prng.below(30)}, size=${out * 3}`
    : prng.chance(0.8)
      ? `Disconnected: Logged out in=${prng.between(100, 9000)} out=${out} deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=${prng.below(6)} body_bytes=${prng.below(90000)}`
      : `Disconnected: Connection closed (IDLE running for 0.001 + waiting input for ${prng.between(60, 1800)}.${prng.below(10)} secs, 2 B in + 10 B out, state=wait-input) in=${prng.between(100, 9000)} out=${out} deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0`;
  yield line(
    'dovecot',
    undefined,
    `${protocol}(${user.login})<${mpid}><${session}>: ${message}`,
    'dovecot-logout',
  );
}

/** Scanners and broken clients: connect, say little, leave (not failures for the default modes). */
export function* scanner(ctx: SessionContext): Script {
  const { prng } = ctx;
  const address = randomPublicIpv4(prng);
  const r = prng.float();
  if (r < 0.2) {
    const ps = ctx.daemon('postfix/postscreen');
    const peer = `[${address}]:${prng.between(1024, 65535)}`;
    yield line('postfix/postscreen', ps, `CONNECT from ${peer} to [${SERVER.ipv4}]:25`, 'postfix-postscreen');
    if (prng.chance(0.5)) {
      yield line(
        'postfix/postscreen',
        ps,
        `PREGREET 11 after 0.${prng.between(10, 99)} from ${peer}: EHLO ${prng.pick(BOT_HELOS)}\\r\\n`,
        'postfix-postscreen-pregreet',
      );
    } else {
      yield line(
        'postfix/postscreen',
        ps,
        `DNSBL rank ${prng.between(1, 3)} for ${peer}`,
        'postfix-postscreen',
      );
    }
    yield line('postfix/postscreen', ps, `DISCONNECT ${peer}`, 'postfix-postscreen');
    return;
  }
  if (r < 0.35) {
    const session = ctx.dovecotSession();
    yield line(
      'dovecot',
      undefined,
      `imap-login: Disconnected (no auth attempts in ${prng.below(3)} secs): user=<>, rip=${address}, lip=${SERVER.ipv4}, TLS handshaking: SSL_accept() failed: error:0A00006C:SSL routines::bad key share, session=<${session}>`,
      'dovecot-no-auth',
    );
    return;
  }
  const smtpd = ctx.pool('postfix/smtpd');
  const pid = smtpd.acquire();
  const client = smtpClient(undefined, address);
  if (prng.chance(0.3)) {
    yield line(
      'postfix/smtpd',
      pid,
      `warning: hostname ${address.replace(/\./g, '-')}.dyn.isp.example does not resolve to address ${address}: Name or service not known`,
      'postfix-warning',
    );
  }
  yield line('postfix/smtpd', pid, `connect from ${client}`, 'postfix-connect');
  const after = prng.pick(['CONNECT', 'EHLO', 'EHLO', 'STARTTLS']);
  yield pause(prng.float() * 3);
  yield line(
    'postfix/smtpd',
    pid,
    `lost connection after ${after} from ${client}`,
    'postfix-lost-connection',
  );
  const ehlo = after === 'CONNECT' ? 0 : 1;
  yield line(
    'postfix/smtpd',
    pid,
    `disconnect from ${client} ${commandStats([
      ['ehlo', ehlo, ehlo],
      ['starttls', after === 'STARTTLS' ? 1 : 0, after === 'STARTTLS' ? 1 : 0],
    ])}`,
    'postfix-disconnect',
  );
  smtpd.release(pid);
}

/** anvil's periodic statistics (it names an earlier moment in its own message). */
export function* anvilStatistics(ctx: SessionContext): Script {
  const { prng } = ctx;
  const anvil = ctx.daemon('postfix/anvil');
  const at = ctx.syslogTime(ctx.now - prng.between(60, 500));
  const mta = prng.pick(ctx.mtas);
  yield line(
    'postfix/anvil',
    anvil,
    `statistics: max connection rate ${prng.between(1, 4)}/60s for (smtp:${mta.address}) at ${at}`,
    'postfix-anvil',
  );
  yield line(
    'postfix/anvil',
    anvil,
    `statistics: max connection count ${prng.between(1, 3)} for (smtp:${mta.address}) at ${at}`,
    'postfix-anvil',
  );
  yield line(
    'postfix/anvil',
    anvil,
    `statistics: max cache size ${prng.between(1, 12)} at ${at}`,
    'postfix-anvil',
  );
}

/** A user mistypes the password once, then logs in (two dovecot failure lines from a legitimate address). */
export function* mistypedLogin(ctx: SessionContext): Script {
  const { prng } = ctx;
  const user = prng.pick(ctx.mailUsers);
  const address = prng.pick(user.addresses);
  const rip = printAddress(prng, address, DOVECOT_MAPPED_SHARE);
  const session = ctx.dovecotSession();
  const worker = ctx.pool('dovecot/auth-worker');
  const workerPid = worker.acquire();
  yield line(
    'auth',
    undefined,
    `pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=${user.login} rhost=${rip}  user=${user.login}`,
    'dovecot-pam-failure',
    rip,
  );
  yield line(
    'dovecot',
    undefined,
    `auth-worker(${workerPid}): pam(${user.login},${rip},<${session}>): pam_authenticate() failed: Authentication failure (Password mismatch?)`,
    'dovecot-auth-worker-failure',
    rip,
  );
  worker.release(workerPid);
  yield pause(2 + prng.float() * 8);
  yield line(
    'dovecot',
    undefined,
    `imap-login: Login: user=<${user.login}>, method=PLAIN, rip=${rip}, lip=${localAddressFor(rip)}, mpid=${ctx.pids.next()}, TLS, session=<${session}>`,
    'dovecot-login',
  );
}

const TYPO = mistypedLogin;

const ORDINARY: readonly (readonly [weight: number, script: (ctx: SessionContext) => Script])[] = [
  [40, inboundDelivery],
  [9, submission],
  [32, mailboxSession],
  [12, scanner],
  [0.5, anvilStatistics],
  [0.3, mistypedLogin],
];
const WEIGHTS = ORDINARY.map(([w]) => w);
const WEIGHTS_WITHOUT_FAILURES = ORDINARY.map(([w, script]) => (script === TYPO ? 0 : w));

export function ordinaryMailSession(ctx: SessionContext, withFailures: boolean): Script {
  const entry = ORDINARY[ctx.prng.weighted(withFailures ? WEIGHTS : WEIGHTS_WITHOUT_FAILURES)] ?? ORDINARY[0];
  if (entry === undefined) throw new RangeError('no ordinary sessions');
  return entry[1](ctx);
}
