// The ban store benchmark: node dist/bench/persistence/run.js [--sizes 10000,100000,1000000]
// [--batch 1000] [--match-lines 5] [--repeat 3] [--commits 200] [--dir DIR] [--json [FILE]]
// Markdown tables to stdout, progress to stderr; --json also writes the results with the machine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatStoreResults } from './format-store-results.js';
import { measureLatency, measureSize, type LatencyResult, type SizeResult } from './store-scenarios.js';

function positiveIntegers(text: string, name: string): number[] {
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isSafeInteger(v) || v <= 0))
    throw new Error(`--${name} takes positive integers`);
  return values;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000,1000000' },
      batch: { type: 'string', default: '1000' },
      'match-lines': { type: 'string', default: '5' },
      repeat: { type: 'string', default: '3' },
      commits: { type: 'string', default: '200' },
      'matches-up-to': { type: 'string', default: '100000' },
      dir: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const sizes = positiveIntegers(values.sizes, 'sizes');
  const [batch = 1000] = positiveIntegers(values.batch, 'batch');
  const matchLines = Number(values['match-lines']);
  const [repeat = 3] = positiveIntegers(values.repeat, 'repeat');
  const [commits = 200] = positiveIntegers(values.commits, 'commits');
  const [matchesUpTo = 100_000] = positiveIntegers(values['matches-up-to'], 'matches-up-to');
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'fail2nft-store-bench-'));
  mkdirSync(dir, { recursive: true });
  const results: SizeResult[] = [];
  const latencies: LatencyResult[] = [];
  try {
    for (const bans of sizes) {
      process.stderr.write(`${bans} bans...\n`);
      results.push(await measureSize({ dir, bans, batch, matchLines, repeat, matchesUpTo }));
    }
    for (const synchronous of ['full', 'normal'] as const) {
      process.stderr.write(`commit latency, synchronous ${synchronous}...\n`);
      latencies.push(await measureLatency(dir, synchronous, commits));
    }
  } finally {
    if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${formatStoreResults(results, latencies)}\n`);
  if (values.json) {
    const file =
      values.out ??
      join('bench', 'results', `persistence-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(dirname(file), { recursive: true });
    const machine = {
      cpuModel: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      kernel: release(),
      loadAverage: loadavg(),
      node: process.version,
    };
    writeFileSync(
      file,
      `${JSON.stringify({ options: values, machine, sizes: results, latencies }, null, 2)}\n`,
    );
    process.stderr.write(`wrote ${file}\n`);
  }
}

await main();
