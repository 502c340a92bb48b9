// The options a native mail action reads, checked once when the action is created:
//   dest         recipients (comma or space separated), default root
//   sender       envelope sender and From address (sendmail-*: fail2ban's default `fail2ban`);
//                absent (mail-*) = sendmail's own default
//   sendername   display name in From, default Fail2Ban as in fail2ban's sendmail-common
//   sendmailcmd  the sendmail program (and leading arguments); else the program of a sendmail
//                `mailcmd`; else /usr/sbin/sendmail. Run as argv with `-t -i [-f sender]`, no shell.
//   whoiscmd     the whois program; else `whois` on PATH, if installed
//   lines        buffered actions: bans per summary mail, default 5
//   subjectprefix  default [fail2nft]
// Values may use the action's own <option> tags and <fq-hostname>/<sh-hostname>.
import { basename } from 'node:path';
import { expandActionOptions } from '../expand-action-options.js';
import { badActionOption, readIntegerOption, type ActionOptionContext } from '../action-option-values.js';
import type { HostNames } from '../ban-time-values.js';

export interface MailSettings {
  readonly recipients: readonly string[];
  readonly sender?: string;
  /** The From header. */
  readonly from?: string;
  /** argv without the message: program, its leading words, -t -i, and -f sender when set. */
  readonly sendmailArgv: readonly string[];
  /** An explicit whois program (argv words); undefined = look for `whois` on PATH. */
  readonly whoisArgv?: readonly string[];
  readonly lines: number;
  readonly subjectPrefix: string;
}

export const DEFAULT_SENDMAIL = '/usr/sbin/sendmail';
const DEFAULT_SUBJECT_PREFIX = '[fail2nft]';

function resolve(
  options: Readonly<Record<string, string>>,
  name: string,
  hostNames: HostNames,
): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  return expandActionOptions(value, options)
    .replaceAll('<fq-hostname>', hostNames.fq)
    .replaceAll('<sh-hostname>', hostNames.short)
    .trim();
}

/** Words of a program option, with plain quotes removed; no shell syntax is interpreted. */
function programWords(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => word.replace(/^(["'])(.*)\1$/, '$2'));
}

function checkAddress(context: ActionOptionContext, option: string, address: string): string {
  // The address goes to argv (-f) and into a header: no option look-alike, no spaces, no controls.
  // eslint-disable-next-line no-control-regex
  if (address === '' || address.startsWith('-') || /[\s\u0000-\u001f<>]/.test(address))
    throw badActionOption(context, option, `'${address}' is not a mail address`);
  return address;
}

export function readMailSettings(
  options: Readonly<Record<string, string>>,
  context: ActionOptionContext,
  hostNames: HostNames,
): MailSettings {
  const dest = resolve(options, 'dest', hostNames) ?? 'root';
  const recipients = dest
    .split(/[\s,]+/)
    .filter((address) => address !== '')
    .map((address) => checkAddress(context, 'dest', address));
  if (recipients.length === 0) throw badActionOption(context, 'dest', 'no recipient');

  const senderText = resolve(options, 'sender', hostNames);
  const sender =
    senderText === undefined || senderText === '' ? undefined : checkAddress(context, 'sender', senderText);
  const senderName = (resolve(options, 'sendername', hostNames) ?? 'Fail2Ban').replace(/["\\]/g, '');
  const from = sender === undefined ? undefined : senderName === '' ? sender : `"${senderName}" <${sender}>`;

  const explicit = resolve(options, 'sendmailcmd', hostNames);
  const mailcmdProgram = programWords(resolve(options, 'mailcmd', hostNames) ?? '')[0];
  const program =
    explicit !== undefined && explicit !== ''
      ? programWords(explicit)
      : mailcmdProgram !== undefined && basename(mailcmdProgram) === 'sendmail'
        ? [mailcmdProgram]
        : [DEFAULT_SENDMAIL];
  const sendmailArgv = [...program, '-t', '-i', ...(sender === undefined ? [] : ['-f', sender])];

  const whois = resolve(options, 'whoiscmd', hostNames);
  const whoisArgv = whois === undefined || whois === '' ? undefined : programWords(whois);

  return {
    recipients,
    ...(sender === undefined ? {} : { sender }),
    ...(from === undefined ? {} : { from }),
    sendmailArgv,
    ...(whoisArgv === undefined ? {} : { whoisArgv }),
    lines: readIntegerOption(options, 'lines', 5, 1, context),
    subjectPrefix: resolve(options, 'subjectprefix', hostNames) ?? DEFAULT_SUBJECT_PREFIX,
  };
}
