// The demo's mail log lines, written from Postfix's and Dovecot's log formats. A line is a body (daemon
// tag and message) that gets its syslog prefix (`Nov 21 14:03:07 mx1 `) when it is written, so every
// line carries the wall-clock time of its writing.

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const mailHost = 'mx1';
/** The mail server's own address, as Dovecot prints it (lip=). */
export const serverAddress = '192.0.2.10';

/** A classic syslog prefix in local time, as rsyslog writes it: `Nov  1 09:03:07 mx1 `. */
export function syslogPrefix(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const month = months[date.getMonth()] ?? 'Jan';
  const day = String(date.getDate()).padStart(2, ' ');
  return `${month} ${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${mailHost} `;
}

export interface SmtpClient {
  /** The verified reverse name, or `unknown`. */
  readonly name: string;
  readonly address: string;
}

function client(c: SmtpClient): string {
  return `${c.name}[${c.address}]`;
}

export const smtpdLines = {
  connect: (daemon: string, pid: number, c: SmtpClient): string =>
    `${daemon}[${pid}]: connect from ${client(c)}`,
  /** LOGIN's failure carries the last challenge (base64 "Password:"); Dovecot SASL leaves PLAIN's empty. */
  saslFailure: (
    daemon: string,
    pid: number,
    c: SmtpClient,
    mechanism: 'LOGIN' | 'PLAIN',
    user?: string,
  ): string =>
    `${daemon}[${pid}]: warning: ${client(c)}: SASL ${mechanism} authentication failed: ${mechanism === 'LOGIN' ? 'UGFzc3dvcmQ6' : ''}` +
    (user === undefined ? '' : `, sasl_username=${user}`),
  relayReject: (pid: number, c: SmtpClient, from: string, to: string, helo: string): string =>
    `postfix/smtpd[${pid}]: NOQUEUE: reject: RCPT from ${client(c)}: 454 4.7.1 <${to}>: Relay access denied; from=<${from}> to=<${to}> proto=ESMTP helo=<${helo}>`,
  accepted: (daemon: string, pid: number, queueId: string, c: SmtpClient, saslUser?: string): string =>
    `${daemon}[${pid}]: ${queueId}: client=${client(c)}` +
    (saslUser === undefined ? '' : `, sasl_method=PLAIN, sasl_username=${saslUser}`),
  disconnect: (daemon: string, pid: number, c: SmtpClient, commands: string): string =>
    `${daemon}[${pid}]: disconnect from ${client(c)} ${commands}`,
};

export const queueLines = {
  cleanup: (pid: number, queueId: string, messageId: string): string =>
    `postfix/cleanup[${pid}]: ${queueId}: message-id=<${messageId}>`,
  queued: (queueId: string, from: string, size: number): string =>
    `postfix/qmgr[977]: ${queueId}: from=<${from}>, size=${size}, nrcpt=1 (queue active)`,
  deliveredLocally: (pid: number, queueId: string, to: string, sessionTag: string): string =>
    `postfix/lmtp[${pid}]: ${queueId}: to=<${to}>, relay=${mailHost}.example.org[private/dovecot-lmtp], delay=0.14, delays=0.07/0.01/0.02/0.04, dsn=2.0.0, status=sent (250 2.0.0 <${to}> ${sessionTag} Saved)`,
  relayed: (pid: number, queueId: string, to: string): string =>
    `postfix/smtp[${pid}]: ${queueId}: to=<${to}>, relay=mx.example.com[192.0.2.200]:25, delay=0.82, delays=0.05/0.01/0.31/0.45, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)`,
  removed: (queueId: string): string => `postfix/qmgr[977]: ${queueId}: removed`,
};

export const dovecotLines = {
  login: (service: 'imap' | 'pop3', user: string, address: string, pid: number, session: string): string =>
    `dovecot: ${service}-login: Login: user=<${user}>, method=PLAIN, rip=${address}, lip=${serverAddress}, mpid=${pid}, TLS, session=<${session}>`,
  loggedOut: (user: string, pid: number, session: string): string =>
    `dovecot: imap(${user})<${pid}><${session}>: Logged out in=312 out=15879 deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0`,
  authFailed: (
    service: 'imap' | 'pop3',
    user: string,
    address: string,
    secs: number,
    session: string,
  ): string =>
    `dovecot: ${service}-login: ${service === 'imap' ? 'Disconnected' : 'Aborted login'} (auth failed, 1 attempts in ${secs} secs): user=<${user}>, method=PLAIN, rip=${address}, lip=${serverAddress}, TLS, session=<${session}>`,
};
