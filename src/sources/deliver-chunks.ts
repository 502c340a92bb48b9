// The delivery half of every source: takes chunks from the bounded queue, hands each to the consumer,
// waits for it, then saves the chunk's position. Returns the error that ended it (undefined when the
// queue was closed by stop), so the source can report to its supervisor instead of logging.
import { Fail2nftError } from '../core/errors.js';
import type { ChunkQueue } from './chunk-queue.js';
import type { ChunkConsumer, LogChunk } from './log-source.js';
import type { SourceStats } from './source-metrics.js';

export async function deliverChunks(
  queue: ChunkQueue<LogChunk>,
  consumer: ChunkConsumer,
  savePosition: (chunk: LogChunk) => Promise<void>,
  stats: SourceStats,
): Promise<Fail2nftError | undefined> {
  // Ends when the queue is closed (pull gives undefined) or on the first failure.
  for (;;) {
    const chunk = await queue.pull();
    if (chunk === undefined) return undefined;
    try {
      await consumer(chunk);
    } catch (error) {
      return new Fail2nftError(
        'F2N_ERR_SOURCE_CONSUMER_FAILED',
        `${chunk.sourceId}: processing lines from ${chunk.origin} failed`,
        { source: chunk.sourceId, origin: chunk.origin },
        error,
      );
    }
    stats.chunks++;
    stats.lines += chunk.lines;
    try {
      await savePosition(chunk);
    } catch (error) {
      return new Fail2nftError(
        'F2N_ERR_SOURCE_POSITION_STORE',
        `${chunk.sourceId}: cannot save the position in ${chunk.origin}`,
        { source: chunk.sourceId, origin: chunk.origin },
        error,
      );
    }
  }
}
