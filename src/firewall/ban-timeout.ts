// Kernel timeouts of bans. A ban's element times out when the ban ends, so the kernel unbans on time
// even while the service is down. Kernels cap the timeout (ipset at 2147483 s; nftables before Linux
// 5.x misbehaved beyond 2^31 ms), so longer bans get the cap and are added again before it runs out:
// the service calls bansToRefresh at least every periodSec and re-submits what it returns.
import { Fail2nftError } from '../core/errors.js';
import type { BanDecision } from '../core/records.js';

/** Seconds the element should live from nowMs: at least 1, at most maxTimeoutSec; undefined = permanent. */
export function banTimeoutSec(ban: BanDecision, nowMs: number, maxTimeoutSec: number): number | undefined {
  if (ban.durationSec < 0) return undefined;
  const remainingMs = ban.startMs + ban.durationSec * 1000 - nowMs;
  return Math.min(maxTimeoutSec, Math.max(1, Math.ceil(remainingMs / 1000)));
}

export interface RefreshPolicy {
  /** The backend's timeout cap. */
  readonly maxTimeoutSec: number;
  /** The longest time between two calls of bansToRefresh; less than half of maxTimeoutSec. */
  readonly periodSec: number;
}

/**
 * The bans whose kernel element may time out before the ban ends unless added again now. Stateless:
 * every ban ending later than now + maxTimeout - 2 * period is returned. While a ban qualifies, each
 * call extends its element by maxTimeout (more than a period); the last call that returns it happens
 * when the ban ends within maxTimeout - period, so that element carries it to its end.
 */
export function bansToRefresh(
  bans: readonly BanDecision[],
  nowMs: number,
  policy: RefreshPolicy,
): BanDecision[] {
  if (!(policy.periodSec > 0 && policy.periodSec * 2 < policy.maxTimeoutSec)) {
    throw new Fail2nftError(
      'F2N_ERR_FIREWALL_BAD_OPTION',
      `refresh period ${policy.periodSec} s must be positive and less than half the timeout cap ${policy.maxTimeoutSec} s`,
      { option: 'periodSec' },
    );
  }
  const horizonMs = nowMs + (policy.maxTimeoutSec - 2 * policy.periodSec) * 1000;
  return bans.filter((ban) => ban.durationSec >= 0 && ban.startMs + ban.durationSec * 1000 > horizonMs);
}
