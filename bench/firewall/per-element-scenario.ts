// The way fail2ban's actions ban: one `nft add element` (or `ipset add`) process per element.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { NftablesBackend } from '../../src/firewall/nftables-backend.js';
import { IpsetBackend } from '../../src/firewall/ipset-backend.js';
import { nftSetNames } from '../../src/firewall/render-nft-script.js';
import { ipsetSetNames } from '../../src/firewall/render-ipset-script.js';
import { addressOf, benchJail } from './ban-stream.js';
import type { FirewallBenchResult } from './bench-result.js';
import { createBenchNetns } from './bench-netns.js';
import { perSecond, percentile } from './bench-statistics.js';

export type PerElementMethod = 'nft' | 'ipset';

function runProcess(argv: readonly string[]): Promise<void> {
  const [command = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${argv.join(' ')} exited with ${code}`));
    });
  });
}

export async function runPerElementScenario(
  method: PerElementMethod,
  elements: number,
): Promise<FirewallBenchResult> {
  const netns = createBenchNetns();
  try {
    const jails = [
      {
        jail: benchJail,
        rules: [{ ports: 'all' as const, protocols: ['tcp' as const], blocktype: 'drop' as const }],
      },
    ];
    if (method === 'nft') await new NftablesBackend({ netns: netns.name }).start(jails);
    else await new IpsetBackend({ netns: netns.name }).start(jails);
    const durations: number[] = [];
    const started = performance.now();
    for (let i = 0; i < elements; i++) {
      const address = addressOf(i);
      const argv =
        method === 'nft'
          ? [
              'nft',
              'add',
              'element',
              'inet',
              'fail2nft',
              nftSetNames(benchJail).v4,
              `{ ${address} timeout 1h }`,
            ]
          : ['ipset', '-exist', 'add', ipsetSetNames(benchJail).v4, address, 'timeout', '3600'];
      const before = performance.now();
      await runProcess(['ip', 'netns', 'exec', netns.name, ...argv]);
      durations.push(performance.now() - before);
    }
    const totalMs = performance.now() - started;
    return {
      scenario: 'per-element',
      method: `${method} process per element`,
      elements,
      batch: 1,
      transactions: elements,
      totalMs,
      elementsPerSecond: perSecond(elements, totalMs),
      p50Ms: percentile(durations, 0.5),
      p99Ms: percentile(durations, 0.99),
    };
  } finally {
    netns.remove();
  }
}
