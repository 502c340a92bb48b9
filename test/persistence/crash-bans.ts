// The bans the crash test's writer records: batch and index give each a distinct address.
import type { BanDecision } from '../../src/core/records.js';

export const batchSize = 20;

export function crashBan(batch: number, index: number): BanDecision {
  const n = batch * batchSize + index;
  return {
    jail: index % 2 === 0 ? 'sshd' : 'postfix',
    address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    family: 4,
    startMs: 1_800_000_000_000 + n,
    durationSec: 3600,
    banCount: 1,
    failures: 5,
    matches: [`crash test line ${n}`],
  };
}
