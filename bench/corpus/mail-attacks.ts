// Attacks on a mail server as Postfix and Dovecot log them: SMTP AUTH guessing (postfix-sasl), spam
// runs rejected at RCPT (postfix), postscreen RBL rejects (postfix) and IMAP/POP3 password guessing
// (dovecot). Each connection function writes exactly the failure lines its doc comment states, which
// is how a campaign spends its budget exactly.
import { INJECTION_DECOY } from './addresses.js';
import type { CampaignPlan } from './campaign-plan.js';
import {
  SMTPD_TLS,
  commandStats,
  localAddressFor,
  printAddress,
  remoteAddress,
  smtpClient,
} from './mail-format.js';
import { line, pause, type Script } from './session.js';
import type { SessionContext } from './session-context.js';
import { BOT_HELOS, MAIL_GUESSES, RBL_ZONES, REMOTE_DOMAINS, SERVER } from './vocabulary.js';

export interface AttackStyle {
  /** Chance that an IPv4 address is printed IPv4-mapped (::ffff:a.b.c.d) in a line. */
  readonly mappedChance: number;
  /** Floods skip niceties bots skip: no STARTTLS, no `lost connection` before the disconnect. */
  readonly terse: boolean;
}

/** SMTP AUTH guessing: `attempts` failure lines (postfix-sasl). */
export function* saslConnection(
  ctx: SessionContext,
  address: string,
  attempts: number,
  style: AttackStyle,
): Script {
  const { prng } = ctx;
  const printed = printAddress(prng, address, style.mappedChance);
  const client = smtpClient(undefined, printed);
  const submission = prng.chance(0.55);
  const program = submission ? 'postfix/submission/smtpd' : 'postfix/smtpd';
  const pool = ctx.pool(program);
  const pid = pool.acquire();
  const tls = submission && !style.terse;
  yield line(program, pid, `connect from ${client}`, 'postfix-connect');
  if (tls)
    yield line(
      program,
      pid,
      `Anonymous TLS connection established from ${client}: ${prng.pick(SMTPD_TLS)}`,
      'postfix-tls',
    );
  let tried = 0;
  for (let i = 0; i < attempts; i++) {
    yield pause(0.5 + prng.float() * 2);
    const r = prng.float();
    // Reasons as Dovecot SASL reports them to smtpd: LOGIN echoes the base64 "Password:" prompt,
    // PLAIN gives the generic reason or, from some backends, nothing at all (a trailing space).
    const reason =
      r < 0.55
        ? 'LOGIN authentication failed: UGFzc3dvcmQ6'
        : r < 0.95
          ? 'PLAIN authentication failed: authentication failure'
          : 'PLAIN authentication failed: ';
    yield line(program, pid, `warning: ${client}: SASL ${reason}`, 'postfix-sasl-failed', printed);
    tried++;
    if (prng.chance(0.01)) {
      // The SASL backend restarting: a logged failure that is not the client's fault.
      yield line(
        program,
        pid,
        `warning: ${client}: SASL LOGIN authentication failed: Connection lost to authentication server`,
        'postfix-sasl-backend-lost',
      );
      tried++;
    }
  }
  const lost = !style.terse && prng.chance(0.5);
  if (lost) yield line(program, pid, `lost connection after AUTH from ${client}`, 'postfix-lost-connection');
  yield line(
    program,
    pid,
    `disconnect from ${client} ${commandStats([
      ['ehlo', tls ? 2 : 1, tls ? 2 : 1],
      ['starttls', tls ? 1 : 0, tls ? 1 : 0],
      ['auth', 0, tried],
      ['quit', lost ? 0 : 1, lost ? 0 : 1],
    ])}`,
    'postfix-disconnect',
  );
  pool.release(pid);
}

type RejectReason = 'relay' | 'unknown-user' | 'no-ptr' | 'rbl' | 'helo';

function rejectText(reason: RejectReason, ip: string, rcpt: string, helo: string): string {
  switch (reason) {
    case 'relay':
      return `554 5.7.1 <${rcpt}>: Relay access denied`;
    case 'unknown-user':
      return `550 5.1.1 <${rcpt}>: Recipient address rejected: User unknown in local recipient table`;
    case 'no-ptr':
      return `450 4.7.1 Client host rejected: cannot find your hostname, [${ip}]`;
    case 'rbl':
      return `554 5.7.1 Service unavailable; Client host [${ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${ip}`;
    case 'helo':
      return `504 5.5.2 <${helo}>: Helo command rejected: need fully-qualified hostname`;
  }
}

const REASONS: readonly RejectReason[] = ['relay', 'unknown-user', 'unknown-user', 'no-ptr', 'rbl', 'helo'];

/**
 * A spam run rejected at RCPT TO: `attempts` reject lines plus, when `tooManyErrors`, one
 * `too many errors after RCPT` line (postfix; attempts + 1 failure lines then).
 */
export function* rcptConnection(
  ctx: SessionContext,
  address: string,
  attempts: number,
  tooManyErrors: boolean,
  injection: boolean,
  style: AttackStyle,
): Script {
  const { prng } = ctx;
  const printed = printAddress(prng, address, style.mappedChance);
  const reason = prng.pick(REASONS);
  const named = reason !== 'no-ptr' && prng.chance(0.3);
  const client = smtpClient(
    named ? `${address.replace(/[.:]/g, '-')}.static.isp.example` : undefined,
    printed,
  );
  // An injection attempt puts a fake client into HELO; the real client is the first [...] after `from`.
  const helo = injection ? `from unknown[${INJECTION_DECOY}]` : prng.pick(BOT_HELOS);
  const sender = remoteAddress(prng, REMOTE_DOMAINS);
  const pool = ctx.pool('postfix/smtpd');
  const pid = pool.acquire();
  yield line('postfix/smtpd', pid, `connect from ${client}`, 'postfix-connect');
  for (let i = 0; i < attempts; i++) {
    yield pause(prng.float() * 1.5);
    const rcpt =
      reason === 'relay'
        ? remoteAddress(prng, REMOTE_DOMAINS)
        : `${prng.pick(MAIL_GUESSES)}${prng.chance(0.3) ? prng.below(100) : ''}@${SERVER.domain}`;
    yield line(
      'postfix/smtpd',
      pid,
      `NOQUEUE: reject: RCPT from ${client}: ${rejectText(reason, printed, rcpt, helo)}; from=<${sender}> to=<${rcpt}> proto=ESMTP helo=<${helo}>`,
      'postfix-reject',
      printed,
    );
  }
  if (tooManyErrors) {
    yield line(
      'postfix/smtpd',
      pid,
      `too many errors after RCPT from ${client}`,
      'postfix-too-many-errors',
      printed,
    );
  }
  yield line(
    'postfix/smtpd',
    pid,
    `disconnect from ${client} ${commandStats([
      ['ehlo', 1, 1],
      ['mail', 1, 1],
      ['rcpt', 0, attempts],
      ['quit', tooManyErrors ? 0 : 1, tooManyErrors ? 0 : 1],
    ])}`,
    'postfix-disconnect',
  );
  pool.release(pid);
}

/** postscreen finds the client on an RBL and rejects it: 1 failure line (postfix). */
export function* postscreenReject(ctx: SessionContext, address: string): Script {
  const { prng } = ctx;
  const ps = ctx.daemon('postfix/postscreen');
  const peer = `[${address}]:${prng.between(1024, 65535)}`;
  yield line(
    'postfix/postscreen',
    ps,
    `CONNECT from ${peer} to [${address.includes(':') ? SERVER.ipv6 : SERVER.ipv4}]:25`,
    'postfix-postscreen',
  );
  if (prng.chance(0.5))
    yield line(
      'postfix/postscreen',
      ps,
      `DNSBL rank ${prng.between(3, 9)} for ${peer}`,
      'postfix-postscreen',
    );
  yield pause(prng.float() * 6);
  const rcpt = `${prng.pick(MAIL_GUESSES)}@${SERVER.domain}`;
  yield line(
    'postfix/postscreen',
    ps,
    `NOQUEUE: reject: RCPT from ${peer}: 550 5.7.1 Service unavailable; client [${address}] blocked using ${prng.pick(RBL_ZONES)}; from=<${remoteAddress(prng, REMOTE_DOMAINS)}>, to=<${rcpt}>, proto=ESMTP, helo=<${prng.pick(BOT_HELOS)}>`,
    'postfix-postscreen-reject',
    address,
  );
  yield line('postfix/postscreen', ps, `DISCONNECT ${peer}`, 'postfix-postscreen');
}

/**
 * IMAP or POP3 password guessing with PAM and auth_verbose: per attempt a pam_unix line and an
 * auth-worker line, then the login process's `auth failed` line: 2 * attempts + 1 failure lines (dovecot).
 */
export function* dovecotConnection(
  ctx: SessionContext,
  address: string,
  attempts: number,
  user: string,
  userExists: boolean,
  style: AttackStyle,
): Script {
  const { prng } = ctx;
  const rip = printAddress(prng, address, style.mappedChance);
  const session = ctx.dovecotSession();
  const worker = ctx.pool('dovecot/auth-worker');
  const started = ctx.now;
  for (let i = 0; i < attempts; i++) {
    const workerPid = worker.acquire();
    if (userExists) {
      yield line(
        'auth',
        undefined,
        `pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=${user} rhost=${rip}  user=${user}`,
        'dovecot-pam-failure',
        rip,
      );
      yield line(
        'dovecot',
        undefined,
        `auth-worker(${workerPid}): pam(${user},${rip},<${session}>): pam_authenticate() failed: Authentication failure (Password mismatch?)`,
        'dovecot-auth-worker-failure',
        rip,
      );
    } else {
      yield line(
        'auth',
        undefined,
        'pam_unix(dovecot:auth): check pass; user unknown',
        'dovecot-pam-check-pass',
      );
      yield line(
        'auth',
        undefined,
        `pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=${user} rhost=${rip}`,
        'dovecot-pam-failure',
        rip,
      );
      yield line(
        'dovecot',
        undefined,
        `auth-worker(${workerPid}): pam(${user},${rip},<${session}>): unknown user`,
        'dovecot-auth-worker-failure',
        rip,
      );
    }
    worker.release(workerPid);
    // auth_failure_delay (2 s by default) before the client may try again.
    yield pause(2 + prng.float() * 2);
  }
  yield* loginAuthFailed(ctx, rip, attempts, user, session, started);
}

function* loginAuthFailed(
  ctx: SessionContext,
  rip: string,
  attempts: number,
  user: string,
  session: string,
  started: number,
): Script {
  const { prng } = ctx;
  const secs = Math.max(1, Math.round(ctx.now - started));
  const pop3 = prng.chance(0.25);
  const head = pop3 ? 'pop3-login: Aborted login' : 'imap-login: Disconnected';
  yield line(
    'dovecot',
    undefined,
    `${head} (auth failed, ${attempts} attempts in ${secs} secs): user=<${user}>, method=PLAIN, rip=${rip}, lip=${localAddressFor(rip)}, TLS, session=<${session}>`,
    'dovecot-login-auth-failed',
    rip,
  );
}

/**
 * A log-injection attempt on IMAP: the user name carries a fake address. Dovecot refuses the name
 * (auth_username_chars) before PAM sees it, so only the login line is written: 1 failure line (dovecot).
 */
export function* dovecotInjection(ctx: SessionContext, address: string): Script {
  const { prng } = ctx;
  const user = prng.chance(0.5) ? `admin from ${INJECTION_DECOY}` : `x rip=${INJECTION_DECOY}`;
  const started = ctx.now;
  yield pause(2 + prng.float() * 2);
  yield* loginAuthFailed(ctx, address, 1, user, ctx.dovecotSession(), started);
}

function guessedMailUser(ctx: SessionContext): { user: string; exists: boolean } {
  const { prng } = ctx;
  if (prng.chance(0.35)) return { user: prng.pick(ctx.mailUsers).login, exists: true };
  const guess = prng.pick(MAIL_GUESSES);
  return { user: prng.chance(0.5) ? `${guess}@${SERVER.domain}` : guess, exists: false };
}

type MailService = 'sasl' | 'rcpt' | 'postscreen' | 'dovecot';
const SERVICES: readonly MailService[] = ['sasl', 'rcpt', 'postscreen', 'dovecot'];
const SERVICE_WEIGHTS = [40, 25, 8, 27];

/** One attacking address against the mail server, spending exactly `plan.budget` failure lines. */
export function* mailCampaign(ctx: SessionContext, plan: CampaignPlan): Script {
  const { prng } = ctx;
  const primary = SERVICES[prng.weighted(SERVICE_WEIGHTS)] ?? 'sasl';
  const alternating = prng.chance(0.1);
  const isV4 = !plan.address.includes(':');
  // Some attackers reach Dovecot/Postfix over a dual-stack socket: their lines mix both forms.
  const style: AttackStyle = { mappedChance: isV4 && prng.chance(0.1) ? 0.5 : 0, terse: false };
  const injector = prng.chance(0.03);
  const slow = plan.attackerClass === 'slow';
  const target = guessedMailUser(ctx);
  let spent = 0;
  for (let connection = 0; spent < plan.budget; connection++) {
    if (connection > 0) yield pause(plan.gap[0] + prng.float() * (plan.gap[1] - plan.gap[0]));
    const remaining = plan.budget - spent;
    let service: MailService = alternating ? (connection % 2 === 0 ? 'sasl' : 'dovecot') : primary;
    if (slow && service === 'dovecot') service = 'sasl';
    if (injector && prng.chance(0.5)) {
      if (service === 'dovecot' || service === 'sasl') {
        spent += 1;
        yield* dovecotInjection(ctx, plan.address);
        continue;
      }
    }
    if (service === 'dovecot' && remaining < 3) service = 'sasl';
    switch (service) {
      case 'sasl': {
        const k = slow ? 1 : Math.min(remaining, prng.between(1, 3));
        spent += k;
        yield* saslConnection(ctx, plan.address, k, style);
        break;
      }
      case 'rcpt': {
        const k = slow ? 1 : Math.min(remaining, prng.between(1, 3));
        const tooMany = !slow && k === 3 && remaining > k && prng.chance(0.3);
        spent += k + (tooMany ? 1 : 0);
        yield* rcptConnection(ctx, plan.address, k, tooMany, injector, style);
        break;
      }
      case 'postscreen':
        spent += 1;
        yield* postscreenReject(ctx, plan.address);
        break;
      case 'dovecot': {
        const k = Math.min(prng.between(1, 3), Math.floor((remaining - 1) / 2));
        const guess = prng.chance(0.3) ? guessedMailUser(ctx) : target;
        spent += 2 * k + 1;
        yield* dovecotConnection(ctx, plan.address, k, guess.user, guess.exists, style);
        break;
      }
    }
  }
}

/** Flood mode: one connection per address; 3-line budgets go to Dovecot (all three lines fail). */
export function* floodCampaign(ctx: SessionContext, plan: CampaignPlan): Script {
  const { prng } = ctx;
  const style: AttackStyle = { mappedChance: 0.05, terse: true };
  if (plan.budget >= 3) {
    const guess = guessedMailUser(ctx);
    yield* dovecotConnection(ctx, plan.address, 1, guess.user, guess.exists, style);
    return;
  }
  const r = prng.float();
  if (r < 0.55) yield* saslConnection(ctx, plan.address, plan.budget, style);
  else if (r < 0.9 || plan.budget > 1)
    yield* rcptConnection(ctx, plan.address, plan.budget, false, false, style);
  else yield* postscreenReject(ctx, plan.address);
}
