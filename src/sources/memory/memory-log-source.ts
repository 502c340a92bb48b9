// MemoryLogSource: the LogSource double for other stages' tests. It reads a MemoryLog with the same
// line assembly, bounded queue, delivery and position saving as the real sources, without I/O.
// Its metrics are the shared SourceStats (it has no rotations or truncations to count).
import { Fail2nftError } from '../../core/errors.js';
import { ChunkQueue } from '../chunk-queue.js';
import { SourceLifecycle } from '../source-lifecycle.js';
import { deliverChunks } from '../deliver-chunks.js';
import { LineAssembler } from '../line-assembler.js';
import type { ChunkConsumer, LogChunk, LogSource, SourceEnd } from '../log-source.js';
import { loadPosition, type PositionStore } from '../position-store.js';
import { createSourceStats, type SourceStats } from '../source-metrics.js';
import {
  fillMemorySourceOptions,
  type FilledMemorySourceOptions,
  type MemorySourceOptions,
} from './memory-source-config.js';
import type { MemoryLog } from './memory-log.js';

export interface MemoryLogSourceDeps {
  readonly store: PositionStore;
}

export function memoryPositionKey(sourceId: string): string {
  return `memory:${sourceId}`;
}

export class MemoryLogSource implements LogSource {
  readonly id: string;
  private readonly options: FilledMemorySourceOptions;
  private readonly counters = createSourceStats();
  private readonly queue: ChunkQueue<LogChunk>;
  private readonly assembler: LineAssembler;
  private offset = 0;
  private readOffset = 0;
  private readonly life: SourceLifecycle;
  private wakeReader: (() => void) | undefined;
  private removeListener: () => void = () => undefined;
  private readerDone: Promise<void> = Promise.resolve();
  private deliveryDone: Promise<Fail2nftError | undefined> = Promise.resolve(undefined);

  constructor(
    options: MemorySourceOptions,
    private readonly log: MemoryLog,
    private readonly deps: MemoryLogSourceDeps,
  ) {
    this.options = fillMemorySourceOptions(options);
    this.id = this.options.id;
    this.queue = new ChunkQueue(this.options.queueCapacity);
    this.assembler = new LineAssembler(this.options.maxLineLength);
    this.life = new SourceLifecycle(this.id);
  }

  async start(consumer: ChunkConsumer): Promise<void> {
    this.life.begin();
    let stored;
    try {
      stored = await loadPosition(this.deps.store, memoryPositionKey(this.id), this.id);
    } catch (error) {
      this.life.endNow({ reason: 'failed', error: error as Fail2nftError });
      throw error;
    }
    if (stored?.kind === 'memory' && stored.offset <= this.log.size) this.offset = stored.offset;
    else if (this.options.startAt === 'tail') this.offset = this.log.size;
    this.readOffset = this.offset;
    this.removeListener = this.log.onAppend(() => {
      this.wake();
    });
    this.deliveryDone = deliverChunks(
      this.queue,
      consumer,
      (chunk) => this.deps.store.save(memoryPositionKey(this.id), chunk.position),
      this.counters,
    );
    void this.deliveryDone.then((error) => {
      if (error !== undefined) void this.shutdown({ reason: 'failed', error });
    });
    this.readerDone = this.read();
  }

  async stop(): Promise<void> {
    await this.life.stop(() => this.teardown());
  }

  ended(): Promise<SourceEnd> {
    return this.life.ended;
  }

  /** The in-memory log has no start-up backlog: tests append to it while the source runs. */
  inBacklog(): boolean {
    return false;
  }

  stats(): SourceStats {
    return { ...this.counters };
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  private async read(): Promise<void> {
    while (this.life.state === 'running') {
      if (this.readOffset >= this.log.size) {
        await new Promise<void>((resolve) => (this.wakeReader = resolve));
        continue;
      }
      const data = this.log.read(this.readOffset, this.options.readChunkBytes);
      this.readOffset += data.length;
      this.counters.bytesRead += data.length;
      const assembled = this.assembler.push(data);
      this.offset += assembled.advance;
      this.counters.skippedLong += assembled.skippedLong;
      if (assembled.chunk === undefined) continue;
      await this.queue.push({
        sourceId: this.id,
        origin: `memory:${this.id}`,
        chunk: assembled.chunk,
        lines: assembled.lines,
        position: { kind: 'memory', offset: this.offset },
      });
    }
  }

  private async shutdown(end: SourceEnd): Promise<void> {
    await this.life.shutdown(end, () => this.teardown());
  }

  private async teardown(): Promise<void> {
    this.removeListener();
    this.queue.close();
    this.wake();
    await this.readerDone;
    await this.deliveryDone;
  }
}

export function createMemoryLogSource(
  options: MemorySourceOptions,
  log: MemoryLog,
  deps: MemoryLogSourceDeps,
): MemoryLogSource {
  return new MemoryLogSource(options, log, deps);
}
