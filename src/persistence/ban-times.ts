// When a stored ban ends and when its history may be forgotten: the rules both stores apply (the
// SQLite store states the same conditions in SQL, and the contract test holds them to each other).

/** End of a ban in ms; Infinity for a permanent one (durationSec < 0). */
export function banEndMs(startMs: number, durationSec: number): number {
  return durationSec < 0 ? Infinity : startMs + durationSec * 1000;
}

/** Active at nowMs: ends after it, or permanent. */
export function isBanActive(startMs: number, durationSec: number, nowMs: number): boolean {
  return banEndMs(startMs, durationSec) > nowMs;
}

/**
 * fail2ban's bips purge, which BanHistory also applies: a history row goes once its last ban started
 * before `olderThanMs` (now − dbpurgeage) and so did start + 3 × its ban time. Permanent bans stay.
 */
export function isHistoryPurgeable(lastStartMs: number, durationSec: number, olderThanMs: number): boolean {
  return durationSec >= 0 && lastStartMs < olderThanMs && lastStartMs + 3 * durationSec * 1000 < olderThanMs;
}
