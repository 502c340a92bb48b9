// Test support: a consumer that records every chunk and lets a test await a number of lines (bounded
// by a timeout), and a bounded wait for a condition that no event announces.
import type { ChunkConsumer, LogChunk } from '../../src/sources/log-source.js';

export class ChunkCollector {
  readonly chunks: LogChunk[] = [];
  readonly lines: string[] = [];
  /** Calls running now; a source must never call its consumer concurrently. */
  running = 0;
  maxRunning = 0;
  private waiters: { count: number; resolve: () => void }[] = [];
  /** When set, each call waits for this promise before returning (a slow consumer). */
  gate: Promise<void> | undefined;
  /** When set, the consumer throws this error once. */
  failNext: Error | undefined;

  readonly consumer: ChunkConsumer = async (chunk) => {
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.gate !== undefined) await this.gate;
      if (this.failNext !== undefined) {
        const error = this.failNext;
        this.failNext = undefined;
        throw error;
      }
      this.chunks.push(chunk);
      const text = chunk.chunk.toString('utf8');
      if (!text.endsWith('\n')) throw new Error(`chunk does not end with a newline: ${JSON.stringify(text)}`);
      const lines = text.slice(0, -1).split('\n');
      if (lines.length !== chunk.lines)
        throw new Error(`chunk says ${chunk.lines} lines, holds ${lines.length}`);
      this.lines.push(...lines);
      this.waiters = this.waiters.filter((waiter) => {
        if (this.lines.length < waiter.count) return true;
        waiter.resolve();
        return false;
      });
    } finally {
      this.running--;
    }
  };

  /** Resolves once `count` lines in total were consumed; rejects after timeoutMs. */
  waitForLines(count: number, timeoutMs = 4000): Promise<void> {
    if (this.lines.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `timed out waiting for ${count} lines; got ${this.lines.length}: ${this.lines.slice(-5).join(' | ')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}

/** Waits until `condition` holds, checking every intervalMs, at most timeoutMs. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = 4000,
  intervalMs = 10,
): Promise<void> {
  const rounds = Math.ceil(timeoutMs / intervalMs);
  for (let round = 0; round < rounds; round++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (!condition()) throw new Error(`timed out waiting until ${what}`);
}

/** Waits until `read()` gives the same value `stableRounds` times in a row (a reader has paused). */
export async function waitUntilStable(
  read: () => number,
  what: string,
  stableRounds = 5,
  intervalMs = 20,
): Promise<number> {
  let last = read();
  let same = 0;
  for (let round = 0; round < 200; round++) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const now = read();
    same = now === last ? same + 1 : 0;
    last = now;
    if (same >= stableRounds) return now;
  }
  throw new Error(`${what} never settled`);
}

/** A gate a slow consumer waits on, opened by the test. */
export function createGate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
