// Deterministic bans for the store benchmark, made one batch at a time so that 1M of them never sit
// in the heap together: three jails, one address in eight IPv6, and `matchLines` log lines of about
// 130 characters each (a postfix SASL failure is that long; maxretry 5 gives 5 lines).
import type { BanDecision } from '../../src/core/records.js';

const jails = ['postfix-sasl', 'dovecot', 'sshd'] as const;

function addressOf(n: number): { address: string; family: 4 | 6 } {
  if (n % 8 === 7)
    return { address: `2001:db8:${(n >>> 16).toString(16)}::${(n & 0xffff).toString(16)}`, family: 6 };
  return {
    address: `${10 + ((n >>> 24) & 127)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`,
    family: 4,
  };
}

function matchLine(n: number, line: number): string {
  const { address } = addressOf(n);
  return `Nov 21 12:${String(line).padStart(2, '0')}:07 mx1 postfix/smtpd[${1000 + (n % 9000)}]: warning: unknown[${address}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`;
}

/** Bans number `from` to `from + count - 1`, each started `from` ms after `startMs`. */
export function benchBans(from: number, count: number, startMs: number, matchLines: number): BanDecision[] {
  const bans = new Array<BanDecision>(count);
  for (let i = 0; i < count; i++) {
    const n = from + i;
    const matches = Array.from({ length: matchLines }, (_, line) => matchLine(n, line));
    bans[i] = {
      jail: jails[n % jails.length] ?? 'sshd',
      ...addressOf(n),
      startMs: startMs + n,
      durationSec: n % 10 === 0 ? -1 : 86_400,
      banCount: 1 + (n % 3),
      failures: 5,
      ...(matchLines === 0 ? {} : { matches }),
    };
  }
  return bans;
}
