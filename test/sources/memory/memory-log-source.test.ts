// MemoryLogSource, the double other stages test with, passes the LogSource contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLog } from '../../../src/sources/memory/memory-log.js';
import { MemoryLogSource } from '../../../src/sources/memory/memory-log-source.js';
import { MemoryPositionStore } from '../../../src/sources/memory-position-store.js';
import { ChunkCollector } from '../collect-chunks.js';
import { runLogSourceContract } from '../log-source-contract.js';

runLogSourceContract({
  name: 'MemoryLogSource',
  readAheadLimit: 4 * 4096,
  backpressureLines: 5000,
  open: () => {
    const log = new MemoryLog();
    return Promise.resolve({
      append: (text: string) => {
        log.append(text);
        return Promise.resolve();
      },
      createSource: (store, options) =>
        new MemoryLogSource({ id: 'memory', readChunkBytes: 4096, ...options }, log, { store }),
      messageOf: (line: string) => line,
      cleanup: () => Promise.resolve(),
    });
  },
});

test('a memory source started at tail delivers only lines appended after start', async () => {
  const log = new MemoryLog();
  log.append('old\n');
  const source = new MemoryLogSource({ id: 'm', startAt: 'tail' }, log, { store: new MemoryPositionStore() });
  const collector = new ChunkCollector();
  await source.start(collector.consumer);
  log.append('new\n');
  await collector.waitForLines(1);
  await source.stop();
  assert.deepEqual(collector.lines, ['new']);
  assert.deepEqual(collector.chunks[0]?.position, { kind: 'memory', offset: 8 });
});
