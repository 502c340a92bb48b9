// Every kind of line the generator writes, and which jail (if any) counts it as a failure.
//
// The jails are fail2ban's stock filters in their default modes, each with maxretry = 5, findtime = 600:
//   postfix       filter postfix[mode=normal] (the jail's default `more` adds only RBL rejects, which
//                 normal already matches)
//   postfix-sasl  filter postfix[mode=auth]
//   dovecot       filter dovecot (mode=normal)
//   sshd          filter sshd (mode=normal)
//
// What counts, precisely (verified line by line with fail2ban-regex 1.0.2 -o ip on generated files):
//   postfix: smtpd/postscreen `reject:` lines whose reply is one of the rejects the filter names
//     (Relay access denied, Recipient address rejected: User unknown ..., Client host rejected,
//     Service unavailable (RBL), Helo command rejected: need fully-qualified hostname), and
//     `too many errors after X from` / `improper command pipelining after X from`.
//     NOT: SASL failures, `lost connection after AUTH`, postscreen PREGREET, disconnect lines.
//   postfix-sasl: `warning: host[IP]: SASL LOGIN|PLAIN authentication failed: ...`, except the reason
//     `Connection lost to authentication server` (an outage of the SASL backend, not the client's fault).
//     NOT: RCPT rejects, `lost connection after AUTH`.
//   dovecot: `pam_unix(dovecot:auth): authentication failure; ... rhost=IP` (with or without user=),
//     `auth-worker(N): pam(user,IP,<session>): pam_authenticate() failed: ...` and `...: unknown user`,
//     `imap-login|pop3-login: Disconnected|Aborted login (auth failed, N attempts in S secs): ... rip=IP`.
//     NOT: `check pass; user unknown`, `Disconnected (no auth attempts ...)` (aggressive mode only).
//   sshd: `Invalid user X from IP port N`, `Failed password for [invalid user] X from IP port N ssh2`,
//     `error: maximum authentication attempts exceeded for X from IP port N ssh2 [preauth]`.
//     NOT: `pam_unix(sshd:auth): authentication failure` (matched but marked no-failure),
//     `Connection from`, `Received disconnect`, `Disconnected from`, `Connection closed by ...`
//     (all no-failure), `Disconnecting authenticating user X IP port N: Too many authentication
//     failures [preauth]` (not matched in normal mode), `PAM N more authentication failures`.
//     One exception, from fail2ban's multi-line bookkeeping: when two failure lines of one sshd pid
//     captured different user names, the next no-failure line of that pid counts as a failure. Our
//     injection sessions trigger it (`Invalid user admin from 6.6.6.6 from IP` captures
//     `admin from 6.6.6.6`, the `Failed password` line captures `invalid user admin from 6.6.6.6`), so
//     their `Received disconnect` line is its own kind that counts.
//
// An IPv4-mapped IPv6 address (::ffff:192.0.2.7) counts for the IPv4 address, as fail2ban folds it.
// A "failure line" for the corpus' failure ratio is a line that some jail counts.

export type Jail = 'postfix' | 'postfix-sasl' | 'dovecot' | 'sshd';

export const JAILS: readonly Jail[] = ['postfix', 'postfix-sasl', 'dovecot', 'sshd'];

/** The fail2ban filter (with mode) that defines each jail's failures. */
export const JAIL_FILTERS: Readonly<Record<Jail, string>> = {
  postfix: 'postfix[mode=normal]',
  'postfix-sasl': 'postfix[mode=auth]',
  dovecot: 'dovecot',
  sshd: 'sshd',
};

const KINDS = {
  // postfix, ordinary
  'postfix-connect': undefined,
  'postfix-disconnect': undefined,
  'postfix-tls': undefined,
  'postfix-client': undefined,
  'postfix-cleanup': undefined,
  'postfix-qmgr': undefined,
  'postfix-delivery': undefined,
  'postfix-anvil': undefined,
  'postfix-postscreen': undefined,
  'postfix-postscreen-pregreet': undefined,
  'postfix-lost-connection': undefined,
  'postfix-warning': undefined,
  'postfix-sasl-backend-lost': undefined,
  // postfix, failures
  'postfix-reject': 'postfix',
  'postfix-postscreen-reject': 'postfix',
  'postfix-too-many-errors': 'postfix',
  'postfix-sasl-failed': 'postfix-sasl',
  // dovecot, ordinary
  'dovecot-login': undefined,
  'dovecot-logout': undefined,
  'dovecot-lmtp': undefined,
  'dovecot-no-auth': undefined,
  'dovecot-pam-check-pass': undefined,
  // dovecot, failures
  'dovecot-pam-failure': 'dovecot',
  'dovecot-auth-worker-failure': 'dovecot',
  'dovecot-login-auth-failed': 'dovecot',
  // sshd, ordinary
  'sshd-connection-from': undefined,
  'sshd-accepted': undefined,
  'sshd-session': undefined,
  'sshd-received-disconnect': undefined,
  'sshd-disconnected': undefined,
  'sshd-connection-closed': undefined,
  'sshd-too-many-failures': undefined,
  'sshd-pam-auth-failure': undefined,
  'sshd-pam-check-pass': undefined,
  'sshd-pam-more-failures': undefined,
  'sshd-scanner': undefined,
  // sshd, failures
  'sshd-invalid-user': 'sshd',
  'sshd-failed-password': 'sshd',
  'sshd-max-auth-exceeded': 'sshd',
  'sshd-disconnect-after-user-mismatch': 'sshd',
  // other programs in auth.log
  'pam-session': undefined,
  'systemd-logind': undefined,
  sudo: undefined,
} as const satisfies Record<string, Jail | undefined>;

export type LineKind = keyof typeof KINDS;

export const LINE_KINDS = Object.keys(KINDS) as readonly LineKind[];

/** The jail that counts a line of this kind as a failure, or undefined when none does. */
export function jailOfKind(kind: LineKind): Jail | undefined {
  return KINDS[kind];
}

export function isFailureKind(kind: LineKind): boolean {
  return KINDS[kind] !== undefined;
}
