// What running firewall commands costs the service's own thread: small `nft -f -` transactions in a
// network namespace, run by spawnCommand (a fork of this process per transaction) and by the helper
// runner (one small helper process does the forking), while this process holds a large heap as the
// service does at 10k failures/s. Fork time and copy-on-write faults grow with the forking process's
// memory, so the direct runner gets slower as the heap grows; the helper runner should not.
//   node dist/bench/firewall/command-runner-cost.js [--heap-mb 300] [--transactions 400] [--in-flight 8] [--json]
// Reported per runner and phase (one transaction at a time, then N in flight):
//   call ms      time the run() call blocks the calling thread (the spawn, or the pipe write)
//   cpu ms/tx    this process's CPU time (user + system, all its threads) per transaction
//   loop p99/max event-loop delay while the transactions run
//   tx/s, p50/p99 wall time of a transaction
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createHelperCommandRunner } from '../../src/firewall/helper-command-runner-io.js';
import { spawnCommand, type CommandRunner } from '../../src/firewall/run-command-io.js';
import { formatCount, percentile, perSecond } from './bench-statistics.js';

const table = 'f2nbench';

interface PhaseResult {
  readonly runner: string;
  readonly phase: string;
  readonly transactions: number;
  readonly callP50Ms: number;
  readonly callP99Ms: number;
  readonly callMaxMs: number;
  readonly cpuMsPerTransaction: number;
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  readonly transactionsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name}: not a non-negative integer: ${text}`);
  return value;
}

function mustRun(argv: readonly string[], input = ''): void {
  const [command = '', ...args] = argv;
  const result = spawnSync(command, args, { input, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
}

/** Small objects, as the service's counting and ban state are; kept reachable until the end. */
function holdHeap(megabytes: number): unknown[] {
  const held: unknown[] = [];
  const target = megabytes * 1024 * 1024;
  for (let i = 0; i < 100_000 && process.memoryUsage().heapUsed < target; i++) {
    held.push(Array.from({ length: 16_384 }, (_, j) => ({ j, text: `192.0.2.${j & 255}` })));
  }
  return held;
}

function transactionScript(n: number): string {
  const lines: string[] = [];
  for (let k = 0; k < 4; k++) {
    const value = n * 4 + k;
    lines.push(
      `add element inet ${table} banned { 10.${(value >> 16) & 255}.${(value >> 8) & 255}.${value & 255} timeout 600s }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function phase(
  name: string,
  runner: CommandRunner,
  argv: readonly string[],
  transactions: number,
  inFlight: number,
  first: number,
): Promise<PhaseResult> {
  const calls: number[] = [];
  const walls: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < transactions) {
      const n = first + next++;
      const script = transactionScript(n);
      const start = performance.now();
      const pending = runner(argv, script, { timeoutMs: 30_000 });
      calls.push(performance.now() - start);
      const result = await pending;
      walls.push(performance.now() - start);
      if (result.code !== 0) throw new Error(`transaction ${n} failed: ${result.stderr}`);
    }
  };
  const cpuBefore = process.cpuUsage();
  loop.enable();
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const totalMs = performance.now() - started;
  loop.disable();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    runner: name,
    phase: inFlight === 1 ? 'one at a time' : `${inFlight} in flight`,
    transactions,
    callP50Ms: percentile(calls, 0.5),
    callP99Ms: percentile(calls, 0.99),
    callMaxMs: Math.max(...calls),
    cpuMsPerTransaction: (cpu.user + cpu.system) / 1000 / transactions,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
    transactionsPerSecond: perSecond(transactions, totalMs),
    p50Ms: percentile(walls, 0.5),
    p99Ms: percentile(walls, 0.99),
  };
}

function markdown(results: readonly PhaseResult[]): string {
  const lines = [
    '| runner | phase | tx | call p50 ms | call p99 ms | call max ms | cpu ms/tx | loop p99 ms | loop max ms | tx/s | p50 ms | p99 ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.runner} | ${r.phase} | ${r.transactions} | ${r.callP50Ms.toFixed(3)} | ${r.callP99Ms.toFixed(3)} | ${r.callMaxMs.toFixed(2)} | ${r.cpuMsPerTransaction.toFixed(2)} | ${r.loopP99Ms.toFixed(1)} | ${r.loopMaxMs.toFixed(1)} | ${formatCount(r.transactionsPerSecond)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'heap-mb': { type: 'string', default: '300' },
      transactions: { type: 'string', default: '400' },
      'in-flight': { type: 'string', default: '8' },
      json: { type: 'boolean', default: false },
    },
  });
  if (process.getuid?.() !== 0) throw new Error('this bench needs root (it creates a network namespace)');
  const transactions = Math.max(1, positive('transactions', values.transactions));
  const inFlight = Math.max(1, positive('in-flight', values['in-flight']));
  const netns = `f2n-spawnbench-${process.pid}`;
  const held = holdHeap(positive('heap-mb', values['heap-mb']));
  const memory = process.memoryUsage();
  mustRun(['ip', 'netns', 'add', netns]);
  const helper = createHelperCommandRunner();
  try {
    mustRun(
      ['ip', 'netns', 'exec', netns, 'nft', '-f', '-'],
      `add table inet ${table}\nadd set inet ${table} banned { type ipv4_addr; flags timeout; }\n`,
    );
    const argv = ['ip', 'netns', 'exec', netns, 'nft', '-f', '-'];
    const runners: [string, CommandRunner][] = [
      ['direct spawn', spawnCommand],
      ['helper', helper.run],
    ];
    // Warm-up: the helper starts on its first command; code paths get compiled.
    for (const [, runner] of runners) await phase('', runner, argv, 10, 1, 0);
    const results: PhaseResult[] = [];
    let first = 1000;
    for (const parallel of [1, inFlight]) {
      for (const [name, runner] of runners) {
        results.push(await phase(name, runner, argv, transactions, parallel, first));
        first += transactions;
        process.stderr.write(`${name}, ${parallel} in flight: done\n`);
      }
    }
    const header = `heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB (${held.length} blocks held), node ${process.version}`;
    if (values.json) process.stdout.write(`${JSON.stringify({ header, results }, null, 2)}\n`);
    else process.stdout.write(`${header}\n\n${markdown(results)}\n`);
  } finally {
    await helper.close();
    spawnSync('ip', ['netns', 'del', netns]);
  }
}

await main();
