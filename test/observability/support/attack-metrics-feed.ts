// A replayed attack as the service would report it through the typed metrics API: two log sources
// (a mail log and the journal), three jails, two workers, a firewall that sometimes fails and retries.
// Each step() is one tick of the pipeline; the numbers are deterministic (no Math.random), so a failing
// test fails the same way again.
import { Fail2nftError } from '../../../src/core/errors.js';
import type { Fail2nftMetrics } from '../../../src/observability/metrics.js';

export const feedSources = ['/var/log/mail.log', 'journal:sshd'] as const;
export const feedJails = [
  { jail: 'postfix', filter: 'postfix', source: '/var/log/mail.log' },
  { jail: 'dovecot', filter: 'dovecot', source: '/var/log/mail.log' },
  { jail: 'sshd', filter: 'sshd', source: 'journal:sshd' },
] as const;
export const feedBackend = 'nftables';
export const feedWorkers = 2;

export interface AttackFeed {
  /** One tick: lines read and matched, batches on the workers, bans committed, and the odd failure. */
  step(): void;
  readonly steps: number;
}

export function createAttackFeed(metrics: Fail2nftMetrics): AttackFeed {
  let seed = 0x2545f491;
  const next = (): number => {
    // xorshift32: deterministic, good enough to vary the observations.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x1_0000_0000;
  };
  for (const source of feedSources) metrics.declareSource(source);
  for (const { jail, filter } of feedJails) metrics.declareJail(jail, filter);
  metrics.declareBackend(feedBackend);
  metrics.declareWorkers(feedWorkers);

  let queueDepth = 0;
  metrics.addScrapeHook(() => metrics.matchQueueDepth.set(queueDepth));
  const banned = new Map<string, number>(feedJails.map(({ jail }) => [jail, 0]));
  let steps = 0;

  return {
    get steps() {
      return steps;
    },
    step() {
      steps++;
      for (const source of feedSources) {
        const lines = 1500 + Math.floor(next() * 1000);
        metrics.recordLinesRead(source, lines, lines * 120);
        metrics.recordLinesSkipped(source, 'too_long', steps % 3 === 0 ? 1 : 0);
        metrics.recordLinesSkipped(source, 'invalid', steps % 5 === 0 ? 1 : 0);
        metrics.recordLinesIrregular(source, 'invalid_utf8', steps % 2 === 0 ? 2 : 0);
        metrics.recordLinesIrregular(source, 'nul', steps % 4 === 0 ? 1 : 0);
        metrics.sourceBackpressureSeconds.inc({ source }, next() * 0.02);
        metrics.matchQueueWait.observe(0.0005 + next() * 0.05);
      }
      if (steps % 20 === 0) metrics.recordRotation(feedSources[0], 'rotated');
      queueDepth = Math.floor(next() * 6);

      for (let worker = 0; worker < feedWorkers; worker++) {
        for (let batch = 0; batch < 3; batch++) metrics.observeMatchBatch(worker, 0.001 + next() * 0.004);
      }
      if (steps % 15 === 0) metrics.matchRetries.inc();

      let elements = 0;
      for (const { jail, filter } of feedJails) {
        const matched = Math.floor(next() * 40);
        metrics.linesMatched.inc({ jail, filter }, matched);
        metrics.failures.inc({ jail, filter }, matched);
        const candidates = Math.floor(matched / 10);
        for (let c = 0; c < candidates; c++) {
          const result = c === 0 && steps % 4 === 0 ? 'ignored' : c === 1 ? 'already_banned' : 'banned';
          metrics.recordCandidate(jail, result);
          if (result !== 'banned') continue;
          metrics.recordBan(jail, 'failures');
          metrics.bansActive.inc({ jail });
          banned.set(jail, (banned.get(jail) ?? 0) + 1);
          metrics.observeBanLatency(jail, 0.002 + next() * 0.02);
          elements++;
        }
        if (steps % 3 === 0 && (banned.get(jail) ?? 0) > 0) {
          metrics.recordUnban(jail, 'expired');
          metrics.bansActive.dec({ jail });
          banned.set(jail, (banned.get(jail) ?? 0) - 1);
          elements++;
        }
      }
      if (steps % 10 === 0) metrics.recordBan('sshd', 'manual');

      const failed = steps % 8 === 0;
      metrics.observeFirewallTransaction(feedBackend, {
        elements: Math.max(1, elements),
        seconds: 0.001 + next() * 0.01,
        result: failed ? 'failed' : 'committed',
      });
      if (failed) {
        metrics.firewallRetries.inc({ backend: feedBackend });
        metrics.recordError('firewall', new Fail2nftError('F2N_ERR_INTERNAL', 'nft exited with status 1'));
        metrics.observeFirewallTransaction(feedBackend, {
          elements: Math.max(1, elements),
          seconds: 0.002,
          result: 'committed',
        });
      }
      metrics.observeStoreWrite(0.0002 + next() * 0.002);
      if (steps % 6 === 0) metrics.recordReload(steps % 12 === 0 ? 'failed' : 'ok');
    },
  };
}
