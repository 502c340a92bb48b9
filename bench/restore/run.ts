// Restore at start: N stored active bans (SQLite file) back into the kernel when the service starts.
// For each size: write N bans into a fresh store, then time createService(...).start() with that store
// and a real nftables backend in a network namespace this benchmark creates and removes (root needed;
// without root the dry-run backend is used and the table says so). Prints a markdown table; --json.
//
//   node dist/bench/restore/run.js [--sizes 10000,100000,1000000] [--json [FILE]]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSilentLogger } from '../../src/core/logger.js';
import type { BanDecision } from '../../src/core/records.js';
import {
  createDryRunBackend,
  createNftablesBackend,
  type FirewallBackend,
} from '../../src/firewall/index.js';
import { SqliteBanStore } from '../../src/persistence/index.js';
import { createService } from '../../src/service.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, json: { type: 'string' } },
  allowPositionals: false,
  strict: false,
});
const sizes = (typeof values.sizes === 'string' ? values.sizes : '10000,100000,1000000')
  .split(',')
  .map((text) => Number(text));
const root = process.getuid?.() === 0 && spawnSync('nft', ['--version']).status === 0;

function address(n: number): { address: string; family: 4 | 6 } {
  if (n % 8 === 7)
    return { address: `2001:db8:${(n >>> 16).toString(16)}::${(n & 0xffff).toString(16)}`, family: 6 };
  return { address: `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`, family: 4 };
}

interface Row {
  readonly bans: number;
  readonly backend: string;
  readonly writeSeconds: number;
  readonly startSeconds: number;
  readonly restored: number;
}

async function measure(count: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'fail2nft-restore-'));
  const netns = `f2n-restore-${process.pid}-${count}`;
  try {
    const configDir = join(dir, 'config');
    cpSync(resolve(import.meta.dirname, '../../../config'), configDir, { recursive: true });
    mkdirSync(join(dir, 'log'));
    writeFileSync(join(dir, 'log', 'mail.log'), '');
    writeFileSync(
      join(configDir, 'jail.local'),
      `[postfix-sasl]\nenabled = true\nbackend = auto\nignoreself = false\nlogpath = ${join(dir, 'log', 'mail.log')}\n`,
    );
    writeFileSync(
      join(configDir, 'fail2nft.local'),
      `[Definition]\nlogtarget = ${join(dir, 'fail2nft.log')}\nworkers = 1\n`,
    );
    const path = join(dir, 'state.sqlite3');
    const store = new SqliteBanStore({ path });
    const now = Date.now();
    const writeStarted = performance.now();
    for (let first = 0; first < count; first += 10_000) {
      const batch: BanDecision[] = [];
      for (let n = first; n < Math.min(count, first + 10_000); n++)
        batch.push({
          jail: 'postfix-sasl',
          ...address(n),
          startMs: now - 1000,
          durationSec: 86_400,
          banCount: 1,
          failures: 5,
        });
      await store.recordBans(batch);
    }
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    await store.close();

    let backend: FirewallBackend = createDryRunBackend();
    if (root) {
      spawnSync('ip', ['netns', 'add', netns]);
      backend = createNftablesBackend({ netns });
    }
    const reopened = new SqliteBanStore({ path });
    const service = createService({
      configDir,
      logger: createSilentLogger(),
      store: reopened,
      backend,
      dryRun: false,
    });
    const started = performance.now();
    await service.start();
    const startSeconds = (performance.now() - started) / 1000;
    const restored = service.status('postfix-sasl')?.banned.current ?? 0;
    await service.stop();
    await reopened.close();
    return { bans: count, backend: backend.kind, writeSeconds, startSeconds, restored };
  } finally {
    if (root) spawnSync('ip', ['netns', 'del', netns]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
for (const size of sizes) {
  process.stderr.write(`restore: ${size} bans...\n`);
  rows.push(await measure(size));
}
const machine = `${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`;
console.log(`Restore of stored bans at start (${machine}${root ? '' : '; not root: dry-run backend'})\n`);
console.log('| stored bans | backend | write (setup) s | service start with restore s | bans restored |');
console.log('|---:|---|---:|---:|---:|');
for (const row of rows)
  console.log(
    `| ${row.bans} | ${row.backend} | ${row.writeSeconds.toFixed(1)} | ${row.startSeconds.toFixed(2)} | ${row.restored} |`,
  );
if (values.json !== undefined) {
  const file =
    typeof values.json === 'string' && values.json !== ''
      ? values.json
      : `bench/results/restore-${Date.now()}.json`;
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify({ machine, root, rows }, null, 2));
}
