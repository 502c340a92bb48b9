// The subject and body of each notification fail2nft sends: jail started, jail stopped, address
// banned (with whois and failure lines for the variants that add them), and the summary of a
// buffered action. The facts are those of fail2ban's mail actions; the wording is fail2nft's. Pure.
import type { BanInfo } from '../action-handler.js';
import type { MailLines } from './mail-variant.js';

export interface MailText {
  readonly subject: string;
  readonly body: string;
}

export interface MailTextContext {
  readonly jail: string;
  readonly host: string;
  /** `[fail2nft]` unless the action sets subjectprefix. */
  readonly subjectPrefix: string;
}

export interface BufferedBan {
  readonly address: string;
  readonly failures: number;
  readonly timeMs: number;
}

const SIGNATURE = '-- \nfail2nft';

/** `1h 30m`, `10m`, `45s`; `permanent` for -1. */
export function describeBanTime(seconds: number): string {
  if (seconds < 0) return 'permanent';
  const units: readonly (readonly [string, number])[] = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.length === 0 ? '0s' : parts.join(' ');
}

/** `2026-11-21 10:11:12 UTC`. */
export function describeTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function subject(context: MailTextContext, text: string): string {
  return `${context.subjectPrefix === '' ? '' : `${context.subjectPrefix} `}${context.jail}: ${text}`;
}

export function startedMail(context: MailTextContext, bufferedLines?: number): MailText {
  const buffering =
    bufferedLines === undefined
      ? ''
      : `\nBans are reported in one summary mail per ${bufferedLines} bans, and when the jail stops.\n`;
  return {
    subject: subject(context, `started on ${context.host}`),
    body: `Hello,\n\nfail2nft started jail ${context.jail} on ${context.host}.\n${buffering}\n${SIGNATURE}\n`,
  };
}

export function stoppedMail(context: MailTextContext): MailText {
  return {
    subject: subject(context, `stopped on ${context.host}`),
    body: `Hello,\n\nfail2nft stopped jail ${context.jail} on ${context.host}.\n\n${SIGNATURE}\n`,
  };
}

function failureLines(ban: BanInfo, lines: MailLines, jail: string): string {
  let title: string;
  let list: readonly string[];
  switch (lines) {
    case 'none':
      return '';
    case 'matches':
      title = `Log lines with failures of ${ban.address}:`;
      list = ban.matches ?? [];
      break;
    case 'ipmatches':
      title = `Log lines of ${ban.address} in all jails (${ban.ipFailures ?? ban.failures} failures):`;
      list = ban.ipMatches ?? ban.matches ?? [];
      break;
    case 'ipjailmatches':
      title = `Log lines of ${ban.address} in jail ${jail} (${ban.ipJailFailures ?? ban.failures} failures):`;
      list = ban.ipJailMatches ?? ban.matches ?? [];
      break;
  }
  return `\n${title}\n\n${list.length === 0 ? '(none recorded)' : list.join('\n')}\n`;
}

/** `whois` is the lookup's answer (or why there is none) for the whois variants, else undefined. */
export function banMail(
  context: MailTextContext,
  ban: BanInfo,
  lines: MailLines,
  whois: string | undefined,
): MailText {
  const duration = describeBanTime(ban.durationSec);
  const count = ban.banCount > 1 ? ` This is ban number ${ban.banCount} of this address.` : '';
  const whoisPart =
    whois === undefined ? '' : `\nWhois information for ${ban.address}:\n\n${whois.trimEnd()}\n`;
  return {
    subject: subject(context, `banned ${ban.address} on ${context.host}`),
    body:
      `Hello,\n\nfail2nft on ${context.host} banned ${ban.address} in jail ${context.jail} ` +
      `after ${ban.failures} failures.\n` +
      `Ban time: ${duration}, from ${describeTime(ban.startMs)}.${count}\n` +
      whoisPart +
      failureLines(ban, lines, context.jail) +
      `\n${SIGNATURE}\n`,
  };
}

/** `omitted` counts bans that were dropped from the list because mail could not be sent for long. */
export function summaryMail(context: MailTextContext, bans: readonly BufferedBan[], omitted = 0): MailText {
  const list = bans.map((ban) => `${describeTime(ban.timeMs)}  ${ban.address}  (${ban.failures} failures)`);
  const more =
    omitted > 0 ? `\n(${omitted} earlier bans are not listed: mail could not be sent for a while.)\n` : '';
  return {
    subject: subject(context, `${bans.length + omitted} bans on ${context.host}`),
    body:
      `Hello,\n\nfail2nft on ${context.host} banned these addresses in jail ${context.jail}:\n\n` +
      `${list.join('\n')}\n${more}\n${SIGNATURE}\n`,
  };
}
