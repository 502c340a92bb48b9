// Child process of the crash test: records batches of bans and log positions in a loop and, after
// each call resolved, writes a marker to stdout with a synchronous write (so the parent never sees
// a marker for something not yet committed). The parent kills it with SIGKILL at a random moment.
//   node crash-writer.js DATABASE full|normal
import { writeSync } from 'node:fs';
import { SqliteBanStore } from '../../src/persistence/sqlite-ban-store.js';
import { batchSize, crashBan } from './crash-bans.js';

const maxBatches = 1_000_000;

async function main(path: string, synchronous: 'full' | 'normal'): Promise<void> {
  const store = new SqliteBanStore({ path, synchronous, positionFlushMs: 0 });
  for (let batch = 0; batch < maxBatches; batch++) {
    const bans = Array.from({ length: batchSize }, (_, index) => crashBan(batch, index));
    await store.recordBans(bans);
    writeSync(1, `b ${batch}\n`);
    await store.save('memory:crash', { kind: 'memory', offset: batch });
    if (batch % 7 === 0) {
      await store.flushPositions();
      writeSync(1, `p ${batch}\n`);
    }
  }
}

const [path, synchronous] = process.argv.slice(2);
if (path !== undefined && (synchronous === 'full' || synchronous === 'normal')) {
  main(path, synchronous).catch((error: unknown) => {
    writeSync(2, `${String(error)}\n`);
    process.exit(1);
  });
}
