// The firewall benchmark: bans per second into the kernel through the batcher (nftables with the
// probed element update, nftables forced to add + delete + add, ipset), unbans, one process per element for comparison, reconcile at start-up and the
// latency of single-ban transactions. Everything runs in network namespaces the bench creates (root).
//   node dist/bench/firewall/run.js [--sizes 1000,10000,100000,1000000] [--batches 5000,50000]
//     [--methods nftables,nftables-delete-add,ipset] [--unbans 100000] [--per-element 300] [--single 200] [--json]
// --unbans N: sizes up to N also measure unbanning everything they banned.
import { parseArgs } from 'node:util';
import { runBatcherScenario, type BatcherMethod } from './batcher-scenario.js';
import type { FirewallBenchResult } from './bench-result.js';
import { formatCount } from './bench-statistics.js';
import { runPerElementScenario } from './per-element-scenario.js';
import { runReconcileScenario } from './reconcile-scenario.js';

function numbers(text: string): number[] {
  return text.split(',').map((item) => {
    const value = Number(item.trim());
    if (!Number.isInteger(value) || value <= 0) throw new Error(`not a positive integer: ${item}`);
    return value;
  });
}

function table(results: readonly FirewallBenchResult[]): string {
  const lines = [
    '| scenario | method | elements | per transaction (max) | transactions | seconds | elements/s | p50 ms | p99 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.scenario} | ${r.method} | ${formatCount(r.elements)} | ${formatCount(r.batch)} | ${r.transactions} | ${(r.totalMs / 1000).toFixed(2)} | ${formatCount(r.elementsPerSecond)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,100000,1000000' },
      batches: { type: 'string', default: '5000,50000' },
      methods: { type: 'string', default: 'nftables,nftables-delete-add,ipset' },
      unbans: { type: 'string', default: '100000' },
      'per-element': { type: 'string', default: '300' },
      single: { type: 'string', default: '200' },
      json: { type: 'boolean', default: false },
    },
  });
  if (process.getuid?.() !== 0)
    throw new Error('the firewall bench needs root (it creates network namespaces)');
  const sizes = numbers(values.sizes);
  const batches = numbers(values.batches);
  const methods = values.methods.split(',') as BatcherMethod[];
  const results: FirewallBenchResult[] = [];
  const progress = (result: FirewallBenchResult) => {
    results.push(result);
    process.stderr.write(
      `${result.scenario} ${result.method} ${result.elements}: ${formatCount(result.elementsPerSecond)}/s\n`,
    );
  };
  for (const method of methods) {
    for (const size of sizes) {
      for (const batch of batches) {
        if (batch > size && batch !== batches[0]) continue;
        const rows = await runBatcherScenario(method, size, batch, size <= Number(values.unbans));
        for (const result of rows) progress(result);
      }
    }
  }
  const perElement = Number(values['per-element']);
  if (perElement > 0) {
    progress(await runPerElementScenario('nft', perElement));
    progress(await runPerElementScenario('ipset', perElement));
  }
  const single = Number(values.single);
  for (const method of ['nftables', 'ipset'] as const) {
    for (const size of [sizes[0] ?? 1000, sizes.at(-1) ?? 1000]) {
      for (const result of await runReconcileScenario(method, size, single)) progress(result);
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
  else process.stdout.write(`${table(results)}\n`);
}

await main();
