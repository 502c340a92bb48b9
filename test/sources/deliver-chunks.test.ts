import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkQueue } from '../../src/sources/chunk-queue.js';
import { deliverChunks } from '../../src/sources/deliver-chunks.js';
import type { LogChunk } from '../../src/sources/log-source.js';
import { createSourceStats } from '../../src/sources/source-metrics.js';

function chunk(offset: number): LogChunk {
  return {
    sourceId: 's',
    origin: 'memory:s',
    chunk: Buffer.from('x\n'),
    lines: 1,
    position: { kind: 'memory', offset },
  };
}

test('each chunk is consumed, counted and then its position saved, until the queue closes', async () => {
  const queue = new ChunkQueue<LogChunk>(4);
  const events: string[] = [];
  const stats = createSourceStats();
  await queue.push(chunk(2));
  await queue.push(chunk(4));
  const done = deliverChunks(
    queue,
    (c) => {
      events.push(`consume ${c.position.kind === 'memory' ? c.position.offset : -1}`);
      return Promise.resolve();
    },
    (c) => {
      events.push(`save ${c.position.kind === 'memory' ? c.position.offset : -1}`);
      if (events.length === 4) queue.close();
      return Promise.resolve();
    },
    stats,
  );
  assert.equal(await done, undefined);
  assert.deepEqual(events, ['consume 2', 'save 2', 'consume 4', 'save 4']);
  assert.equal(stats.lines, 2);
  assert.equal(stats.chunks, 2);
});

test('a failing save ends delivery with F2N_ERR_SOURCE_POSITION_STORE', async () => {
  const queue = new ChunkQueue<LogChunk>(1);
  await queue.push(chunk(2));
  const error = await deliverChunks(
    queue,
    () => Promise.resolve(),
    () => Promise.reject(new Error('disk full')),
    createSourceStats(),
  );
  assert.equal(error?.code, 'F2N_ERR_SOURCE_POSITION_STORE');
  assert.equal((error?.cause as Error).message, 'disk full');
});
