// A PositionStore kept in a Map: for tests, dry runs and as the model of the contract.
import type { SourcePosition } from './log-source.js';
import type { PositionStore } from './position-store.js';

export class MemoryPositionStore implements PositionStore {
  private readonly positions = new Map<string, SourcePosition>();

  load(key: string): Promise<SourcePosition | undefined> {
    return Promise.resolve(this.positions.get(key));
  }

  save(key: string, position: SourcePosition): Promise<void> {
    this.positions.set(key, position);
    return Promise.resolve();
  }

  /** Every saved position, for tests. */
  entries(): ReadonlyMap<string, SourcePosition> {
    return this.positions;
  }
}
