// Distinct ban decisions for the benchmark: IPv4 addresses counted up from 10.0.0.0 (16M available).
import type { BanDecision } from '../../src/core/records.js';

export const benchJail = 'bench';

export function addressOf(index: number): string {
  return `10.${(index >>> 16) & 255}.${(index >>> 8) & 255}.${index & 255}`;
}

export function makeBans(count: number, startMs: number, offset = 0): BanDecision[] {
  const bans: BanDecision[] = [];
  for (let i = 0; i < count; i++) {
    bans.push({
      jail: benchJail,
      address: addressOf(offset + i),
      family: 4,
      startMs,
      durationSec: 3600,
      banCount: 1,
      failures: 5,
    });
  }
  return bans;
}
