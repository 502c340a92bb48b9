// Password guessing against OpenSSH as it logs it: root guesses (pam_unix once, `Failed password` per
// attempt, `maximum authentication attempts exceeded` at MaxAuthTries 6), dictionary users
// (`Invalid user` then `Failed password for invalid user`), and user names that smuggle in an address.
// Each connection function writes exactly the failure lines its doc comment states.
import { INJECTION_DECOY } from './addresses.js';
import type { CampaignPlan } from './campaign-plan.js';
import { line, pause, type Script } from './session.js';
import type { SessionContext } from './session-context.js';
import { connectionFrom, sshPort } from './sshd-sessions.js';
import { SSH_ACCOUNTS, SSH_GUESSES } from './vocabulary.js';

const MAX_AUTH_TRIES = 6;

/** How the client leaves before authenticating. */
function* preauthEnd(ctx: SessionContext, pid: number, ip: string, port: number, who: string): Script {
  if (ctx.prng.chance(0.6)) {
    yield line(
      'sshd',
      pid,
      `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`,
      'sshd-received-disconnect',
    );
    yield line('sshd', pid, `Disconnected from ${who} ${ip} port ${port} [preauth]`, 'sshd-disconnected');
  } else {
    yield line(
      'sshd',
      pid,
      `Connection closed by ${who} ${ip} port ${port} [preauth]`,
      'sshd-connection-closed',
    );
  }
}

/**
 * Guessing the password of an existing account (root mostly): `attempts` failure lines, plus one
 * (`maximum authentication attempts exceeded`) when attempts reach MaxAuthTries (sshd).
 */
export function* existingUserGuess(ctx: SessionContext, ip: string, user: string, attempts: number): Script {
  const { prng } = ctx;
  const port = sshPort(ctx);
  const pid = ctx.pids.next();
  yield line('sshd', pid, connectionFrom(ip, port), 'sshd-connection-from');
  yield pause(prng.float() * 2);
  const pamTail = `logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=${user}`;
  yield line('sshd', pid, `pam_unix(sshd:auth): authentication failure; ${pamTail}`, 'sshd-pam-auth-failure');
  for (let i = 0; i < attempts; i++) {
    if (i > 0) yield pause(2 + prng.float() * 2);
    yield line(
      'sshd',
      pid,
      `Failed password for ${user} from ${ip} port ${port} ssh2`,
      'sshd-failed-password',
      ip,
    );
  }
  if (attempts >= MAX_AUTH_TRIES) {
    yield line(
      'sshd',
      pid,
      `error: maximum authentication attempts exceeded for ${user} from ${ip} port ${port} ssh2 [preauth]`,
      'sshd-max-auth-exceeded',
      ip,
    );
    yield line(
      'sshd',
      pid,
      `Disconnecting authenticating user ${user} ${ip} port ${port}: Too many authentication failures [preauth]`,
      'sshd-too-many-failures',
    );
    yield line(
      'sshd',
      pid,
      `PAM ${attempts - 1} more authentication failures; ${pamTail}`,
      'sshd-pam-more-failures',
    );
    yield line(
      'sshd',
      pid,
      `PAM service(sshd) ignoring max retries; ${attempts} > 3`,
      'sshd-pam-more-failures',
    );
    return;
  }
  if (attempts > 1)
    yield line(
      'sshd',
      pid,
      `PAM ${attempts - 1} more authentication failures; ${pamTail}`,
      'sshd-pam-more-failures',
    );
  yield* preauthEnd(ctx, pid, ip, port, `authenticating user ${user}`);
}

/** A dictionary user that does not exist: 1 + attempts failure lines (sshd). */
export function* invalidUserGuess(ctx: SessionContext, ip: string, user: string, attempts: number): Script {
  const { prng } = ctx;
  const port = sshPort(ctx);
  const pid = ctx.pids.next();
  yield line('sshd', pid, connectionFrom(ip, port), 'sshd-connection-from');
  yield line('sshd', pid, `Invalid user ${user} from ${ip} port ${port}`, 'sshd-invalid-user', ip);
  yield pause(prng.float() * 2);
  yield line('sshd', pid, 'pam_unix(sshd:auth): check pass; user unknown', 'sshd-pam-check-pass');
  yield line(
    'sshd',
    pid,
    `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}`,
    'sshd-pam-auth-failure',
  );
  for (let i = 0; i < attempts; i++) {
    if (i > 0) yield pause(2 + prng.float() * 2);
    yield line(
      'sshd',
      pid,
      `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`,
      'sshd-failed-password',
      ip,
    );
  }
  if (attempts > 1)
    yield line(
      'sshd',
      pid,
      `PAM ${attempts - 1} more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}`,
      'sshd-pam-more-failures',
    );
  yield* preauthEnd(ctx, pid, ip, port, `invalid user ${user}`);
}

/**
 * A user name carrying ` from 6.6.6.6`: 3 failure lines for the real address (sshd) — `Invalid user`,
 * `Failed password`, and the `Received disconnect` that fail2ban then counts (see line-kinds.ts).
 */
export function* injectedUserGuess(ctx: SessionContext, ip: string): Script {
  const { prng } = ctx;
  const user = `${prng.pick(['admin', 'root', 'test'])} from ${INJECTION_DECOY}`;
  const port = sshPort(ctx);
  const pid = ctx.pids.next();
  yield line('sshd', pid, connectionFrom(ip, port), 'sshd-connection-from');
  yield line('sshd', pid, `Invalid user ${user} from ${ip} port ${port}`, 'sshd-invalid-user', ip);
  yield pause(prng.float() * 2);
  yield line('sshd', pid, 'pam_unix(sshd:auth): check pass; user unknown', 'sshd-pam-check-pass');
  yield line(
    'sshd',
    pid,
    `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}`,
    'sshd-pam-auth-failure',
  );
  yield line(
    'sshd',
    pid,
    `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`,
    'sshd-failed-password',
    ip,
  );
  yield line(
    'sshd',
    pid,
    `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`,
    'sshd-disconnect-after-user-mismatch',
    ip,
  );
  yield line(
    'sshd',
    pid,
    `Disconnected from invalid user ${user} ${ip} port ${port} [preauth]`,
    'sshd-disconnected',
  );
}

/** One attacking address against sshd, spending exactly `plan.budget` failure lines. */
export function* sshCampaign(ctx: SessionContext, plan: CampaignPlan): Script {
  const { prng } = ctx;
  const slow = plan.attackerClass === 'slow';
  const r = prng.float();
  const style = r < 0.5 ? 'root' : r < 0.9 ? 'dictionary' : 'account';
  const injector = prng.chance(0.03);
  const account = prng.pick(SSH_ACCOUNTS).name;
  let spent = 0;
  for (let connection = 0; spent < plan.budget; connection++) {
    if (connection > 0) yield pause(plan.gap[0] + prng.float() * (plan.gap[1] - plan.gap[0]));
    const remaining = plan.budget - spent;
    if (injector && !slow && remaining >= 3 && prng.chance(0.5)) {
      spent += 3;
      yield* injectedUserGuess(ctx, plan.address);
      continue;
    }
    if (style === 'dictionary' && !slow && remaining >= 2) {
      const k = Math.min(remaining - 1, prng.chance(0.85) ? 1 : 2);
      spent += 1 + k;
      yield* invalidUserGuess(ctx, plan.address, prng.pick(SSH_GUESSES), k);
      continue;
    }
    const user = style === 'account' ? account : 'root';
    let k = slow ? 1 : Math.min(remaining, prng.between(1, MAX_AUTH_TRIES));
    if (k >= MAX_AUTH_TRIES && remaining < MAX_AUTH_TRIES + 1) k = MAX_AUTH_TRIES - 1;
    spent += k + (k >= MAX_AUTH_TRIES ? 1 : 0);
    yield* existingUserGuess(ctx, plan.address, user, k);
  }
}
