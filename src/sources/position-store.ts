// The PositionStore contract: where sources keep the positions they resume from after a restart. Keys
// are chosen by the sources (`file:<path>`, `journal:<source id>`, ...). The in-memory store serves tests
// and dry runs; a SQLite store (persistence stage) is wired in by the composition root.
import { Fail2nftError } from '../core/errors.js';
import type { PositionStore, SourcePosition } from '../core/positions.js';

export type { PositionStore } from '../core/positions.js';

export function filePositionKey(path: string): string {
  return `file:${path}`;
}

export function journalPositionKey(sourceId: string): string {
  return `journal:${sourceId}`;
}

/** Loads a position; a store failure becomes F2N_ERR_SOURCE_POSITION_STORE naming the source. */
export async function loadPosition(
  store: PositionStore,
  key: string,
  sourceId: string,
): Promise<SourcePosition | undefined> {
  try {
    return await store.load(key);
  } catch (error) {
    throw new Fail2nftError(
      'F2N_ERR_SOURCE_POSITION_STORE',
      `${sourceId}: cannot load the position of ${key}`,
      { source: sourceId, key },
      error,
    );
  }
}
