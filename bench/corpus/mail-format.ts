// Small pieces of Postfix and Dovecot message text shared by ordinary and attack sessions.
import { formatIpv4Mapped } from './addresses.js';
import type { Prng } from './prng.js';
import { SERVER } from './vocabulary.js';

export const SMTPD_TLS = [
  'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
  'TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
  'TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)',
] as const;

export const SMTP_TLS = [
  'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256',
  'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (4096 bits) server-digest SHA256',
] as const;

/** `host[addr]` as smtpd names a client; hosts without a verified PTR are `unknown`. */
export function smtpClient(name: string | undefined, printed: string): string {
  return `${name ?? 'unknown'}[${printed}]`;
}

/** How a daemon prints an IPv4 client reaching it over a dual-stack socket, some of the time. */
export function printAddress(prng: Prng, address: string, mappedChance: number): string {
  return !address.includes(':') && prng.chance(mappedChance) ? formatIpv4Mapped(address) : address;
}

/** Dovecot's lip= for a given printed rip= (same family and form). */
export function localAddressFor(printedRemote: string): string {
  if (printedRemote.startsWith('::ffff:')) return formatIpv4Mapped(SERVER.ipv4);
  return printedRemote.includes(':') ? SERVER.ipv6 : SERVER.ipv4;
}

/** Postfix's per-session command summary: `ehlo=2 starttls=1 auth=0/1 quit=1 commands=4/5`. */
export function commandStats(
  commands: readonly (readonly [name: string, ok: number, total: number])[],
): string {
  let ok = 0;
  let total = 0;
  const parts: string[] = [];
  for (const [name, good, all] of commands) {
    if (all === 0) continue;
    ok += good;
    total += all;
    parts.push(good === all ? `${name}=${all}` : `${name}=${good}/${all}`);
  }
  parts.push(ok === total ? `commands=${total}` : `commands=${ok}/${total}`);
  return parts.join(' ');
}

/** Postfix delay numbers: two decimals, trailing zeros dropped, 0 for less than 0.01. */
export function postfixSeconds(seconds: number): string {
  if (seconds < 0.01) return '0';
  return seconds.toFixed(2).replace(/\.?0+$/, '');
}

export function remoteAddress(prng: Prng, domains: readonly string[]): string {
  const locals = ['news', 'info', 'noreply', 'j.doe', 'team', 'orders', 'm.rossi', 'support', 'hello'];
  return `${prng.pick(locals)}${prng.chance(0.3) ? prng.below(100) : ''}@${prng.pick(domains)}`;
}
