// Keeps log positions from running ahead of the decisions. A source saves a chunk's position as soon as
// the consumer took the chunk, but its lines are still being matched, counted and banned; a crash then
// would skip them. The gate holds each position until the failure pipeline has processed every line up
// to it and the ban sink has committed what those lines decided, then writes it to the real store.
import type { PositionStore, SourcePosition } from '../core/positions.js';

interface Pending {
  readonly key: string;
  readonly position: SourcePosition;
  /** Lines pushed for the source up to and including the chunk this position follows. */
  readonly line: number;
}

export class PositionGate {
  private readonly pushed = new Map<string, number>();
  private readonly processed = new Map<string, number>();
  private readonly pending = new Map<string, Pending[]>();

  constructor(private readonly store: PositionStore) {}

  /** The store a source of `sourceId` is given: loads pass through, saves wait at the gate. */
  storeFor(sourceId: string): PositionStore {
    return {
      load: (key) => this.store.load(key),
      save: (key, position) => {
        let queue = this.pending.get(sourceId);
        if (queue === undefined) {
          queue = [];
          this.pending.set(sourceId, queue);
        }
        const line = this.pushed.get(sourceId) ?? 0;
        const last = queue.at(-1);
        // Consecutive positions of one key at one line count replace each other.
        if (last !== undefined && last.key === key && last.line === line) queue.pop();
        queue.push({ key, position, line });
        return Promise.resolve();
      },
    };
  }

  /** The consumer pushed `lines` more lines of the source to matching. */
  notePushed(sourceId: string, lines: number): void {
    this.pushed.set(sourceId, (this.pushed.get(sourceId) ?? 0) + lines);
  }

  /** The pipeline finished every line of the source up to `line` (1-based, counted like notePushed). */
  noteProcessed(sourceId: string, line: number): void {
    if (line > (this.processed.get(sourceId) ?? 0)) this.processed.set(sourceId, line);
  }

  /**
   * Takes the positions whose lines are all processed. Call `flush` of the ban sink after taking and
   * before writing them (commit does both).
   */
  takeReady(): Pending[] {
    const ready: Pending[] = [];
    for (const [sourceId, queue] of this.pending) {
      const done = this.processed.get(sourceId) ?? 0;
      let count = 0;
      while (count < queue.length && (queue[count]?.line ?? Infinity) <= done) count++;
      if (count === 0) continue;
      // Only the newest position per key matters.
      const newest = new Map<string, Pending>();
      for (const entry of queue.splice(0, count)) newest.set(entry.key, entry);
      ready.push(...newest.values());
    }
    return ready;
  }

  /** Writes the ready positions after `settle` (the ban sink's flush) resolved. Returns how many. */
  async commit(settle: () => Promise<void>): Promise<number> {
    const ready = this.takeReady();
    if (ready.length === 0) return 0;
    await settle();
    for (const entry of ready) await this.store.save(entry.key, entry.position);
    return ready.length;
  }

  /**
   * Starts counting lines from zero again (a new match engine numbers lines from 1). Positions still
   * waiting are dropped: call after everything was processed and committed.
   */
  reset(): void {
    this.pushed.clear();
    this.processed.clear();
    this.pending.clear();
  }

  /** Positions waiting, for status and tests. */
  waiting(): number {
    let count = 0;
    for (const queue of this.pending.values()) count += queue.length;
    return count;
  }
}
