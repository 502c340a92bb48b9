// Ordinary traffic of an ssh gateway's auth.log (OpenSSH 9 with LogLevel VERBOSE, Debian PAM): key
// logins with their PAM and logind session lines, cron jobs, sudo, scanners that never authenticate,
// and a user who mistypes a password once before logging in.
import { randomPublicIpv4 } from './addresses.js';
import { BASE64 } from './prng.js';
import { line, pause, type Script } from './session.js';
import type { SessionContext } from './session-context.js';
import { SERVER, SSH_ACCOUNTS, SUDO_COMMANDS } from './vocabulary.js';

/** `Connection from ...` as LogLevel VERBOSE writes it. */
export function connectionFrom(ip: string, port: number): string {
  return `Connection from ${ip} port ${port} on ${ip.includes(':') ? SERVER.ipv6 : SERVER.ipv4} port 22 rdomain ""`;
}

export function sshPort(ctx: SessionContext): number {
  return ctx.prng.between(1024, 65535);
}

function* sudoCommands(ctx: SessionContext, user: { name: string; uid: number }): Script {
  const { prng } = ctx;
  const n = prng.below(3);
  for (let i = 0; i < n; i++) {
    yield pause(prng.exponential(60));
    yield line(
      'sudo',
      undefined,
      `   ${user.name} : TTY=pts/${prng.below(4)} ; PWD=/home/${user.name} ; USER=root ; COMMAND=${prng.pick(SUDO_COMMANDS)}`,
      'sudo',
    );
    yield line(
      'sudo',
      undefined,
      `pam_unix(sudo:session): session opened for user root(uid=0) by ${user.name}(uid=${user.uid})`,
      'sudo',
    );
    yield pause(prng.float() * 20);
    yield line('sudo', undefined, 'pam_unix(sudo:session): session closed for user root', 'sudo');
  }
}

/** A key (or, after one typo, password) login that opens a shell or runs a command and leaves. */
export function* sshLogin(ctx: SessionContext, typo = false): Script {
  const { prng } = ctx;
  const user = prng.pick(SSH_ACCOUNTS);
  const ip = prng.pick(ctx.sshClients);
  const port = sshPort(ctx);
  const pid = ctx.pids.next();
  yield line('sshd', pid, connectionFrom(ip, port), 'sshd-connection-from');
  yield pause(prng.float());
  let method = 'publickey';
  if (typo) {
    method = 'password';
    yield line(
      'sshd',
      pid,
      `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=${user.name}`,
      'sshd-pam-auth-failure',
    );
    yield line(
      'sshd',
      pid,
      `Failed password for ${user.name} from ${ip} port ${port} ssh2`,
      'sshd-failed-password',
      ip,
    );
    yield pause(3 + prng.float() * 6);
  }
  const key = method === 'publickey' ? `: ED25519 SHA256:${prng.chars(BASE64, 43)}` : '';
  yield line(
    'sshd',
    pid,
    `Accepted ${method} for ${user.name} from ${ip} port ${port} ssh2${key}`,
    'sshd-accepted',
  );
  yield line(
    'sshd',
    pid,
    `pam_unix(sshd:session): session opened for user ${user.name}(uid=${user.uid}) by (uid=0)`,
    'pam-session',
  );
  const logind = ctx.daemon('systemd-logind');
  const session = ctx.serial('logind-session');
  yield line('systemd-logind', logind, `New session ${session} of user ${user.name}.`, 'systemd-logind');
  const shell = user.name !== 'ansible' && user.name !== 'backup';
  const child = ctx.pids.next();
  yield line(
    'sshd',
    child,
    shell
      ? `Starting session: shell on pts/${prng.below(4)} for ${user.name} from ${ip} port ${port} id 0`
      : `Starting session: command for ${user.name} from ${ip} port ${port} id 0`,
    'sshd-session',
  );
  if (shell) yield* sudoCommands(ctx, user);
  yield pause(shell ? prng.exponential(900) : prng.float() * 30);
  yield line('sshd', child, `Close session: user ${user.name} from ${ip} port ${port} id 0`, 'sshd-session');
  yield line(
    'sshd',
    child,
    `Received disconnect from ${ip} port ${port}:11: disconnected by user`,
    'sshd-received-disconnect',
  );
  yield line('sshd', child, `Disconnected from user ${user.name} ${ip} port ${port}`, 'sshd-disconnected');
  yield line('sshd', pid, `pam_unix(sshd:session): session closed for user ${user.name}`, 'pam-session');
  yield line(
    'systemd-logind',
    logind,
    `Session ${session} logged out. Waiting for processes to exit.`,
    'systemd-logind',
  );
  yield line('systemd-logind', logind, `Removed session ${session}.`, 'systemd-logind');
}

/** A cron job: PAM opens and closes a session for its user. */
export function* cronJob(ctx: SessionContext): Script {
  const { prng } = ctx;
  const pid = ctx.pids.next();
  const user = prng.chance(0.8) ? { name: 'root', uid: 0 } : prng.pick(SSH_ACCOUNTS);
  yield line(
    'CRON',
    pid,
    `pam_unix(cron:session): session opened for user ${user.name}(uid=${user.uid}) by (uid=0)`,
    'pam-session',
  );
  yield pause(prng.float() * (prng.chance(0.1) ? 120 : 2));
  yield line('CRON', pid, `pam_unix(cron:session): session closed for user ${user.name}`, 'pam-session');
}

/** Scanners: connect and never authenticate (failures only in sshd's ddos/aggressive modes). */
export function* sshScanner(ctx: SessionContext): Script {
  const { prng } = ctx;
  const ip = randomPublicIpv4(prng);
  const port = sshPort(ctx);
  const pid = ctx.pids.next();
  yield line('sshd', pid, connectionFrom(ip, port), 'sshd-connection-from');
  yield pause(prng.float() * 5);
  const r = prng.float();
  if (r < 0.35) {
    yield line(
      'sshd',
      pid,
      'error: kex_exchange_identification: Connection closed by remote host',
      'sshd-scanner',
    );
    yield line('sshd', pid, `Connection closed by ${ip} port ${port}`, 'sshd-connection-closed');
  } else if (r < 0.5) {
    yield line(
      'sshd',
      pid,
      `banner exchange: Connection from ${ip} port ${port}: invalid format`,
      'sshd-scanner',
    );
  } else if (r < 0.65) {
    yield line(
      'sshd',
      pid,
      `Unable to negotiate with ${ip} port ${port}: no matching host key type found. Their offer: ssh-rsa,ssh-dss [preauth]`,
      'sshd-scanner',
    );
  } else if (r < 0.85) {
    // Bots that offer keys they stole elsewhere, then give up.
    yield line(
      'sshd',
      pid,
      `Connection closed by authenticating user root ${ip} port ${port} [preauth]`,
      'sshd-connection-closed',
    );
  } else {
    yield line('sshd', pid, `Connection closed by ${ip} port ${port} [preauth]`, 'sshd-connection-closed');
  }
}

const TYPO = (ctx: SessionContext): Script => sshLogin(ctx, true);

const ORDINARY: readonly (readonly [weight: number, script: (ctx: SessionContext) => Script])[] = [
  [14, (ctx) => sshLogin(ctx)],
  [0.05, TYPO],
  [55, cronJob],
  [12, sshScanner],
];
const WEIGHTS = ORDINARY.map(([w]) => w);
const WEIGHTS_WITHOUT_FAILURES = ORDINARY.map(([w, script]) => (script === TYPO ? 0 : w));

export function ordinarySshSession(ctx: SessionContext, withFailures: boolean): Script {
  const entry = ORDINARY[ctx.prng.weighted(withFailures ? WEIGHTS : WEIGHTS_WITHOUT_FAILURES)] ?? ORDINARY[0];
  if (entry === undefined) throw new RangeError('no ordinary sessions');
  return entry[1](ctx);
}
