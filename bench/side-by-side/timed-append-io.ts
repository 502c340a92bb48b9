// Appending the corpus to the watched log and noting when each piece became readable: at full speed
// (synchronous 1 MiB writes back to back, as in the service benchmark), or paced at a line rate
// (a piece every tick, the event loop free in between).
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Piece, WrittenPiece } from './write-times.js';

export interface TimedAppend {
  readonly firstWriteMs: number;
  readonly lastWriteMs: number;
  readonly pieces: readonly WrittenPiece[];
}

function writeAll(fd: number, bytes: Buffer): void {
  // Bounded by the length: every round writes at least one byte or throws.
  for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Every piece as fast as the file takes it; `tail` (the sentinels) last, not counted as corpus lines. */
export function appendFullSpeed(path: string, pieces: readonly Piece[], tail: Buffer): TimedAppend {
  const fd = openSync(path, 'a');
  const written: WrittenPiece[] = [];
  let lines = 0;
  const firstWriteMs = Date.now();
  try {
    for (const piece of pieces) {
      writeAll(fd, piece.bytes);
      lines += piece.lines;
      written.push({ endLine: lines, t: Date.now() });
    }
    writeAll(fd, tail);
  } finally {
    closeSync(fd);
  }
  return { firstWriteMs, lastWriteMs: Date.now(), pieces: written };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Pieces of `linesPerTick` lines each (cut by the caller), one every `tickMs`, on schedule from the
 * first write (a late tick writes what is due at once); then `tail`.
 */
export async function appendPaced(
  path: string,
  pieces: readonly Piece[],
  tickMs: number,
  tail: Buffer,
): Promise<TimedAppend> {
  const fd = openSync(path, 'a');
  const written: WrittenPiece[] = [];
  let lines = 0;
  const firstWriteMs = Date.now();
  try {
    for (let index = 0; index < pieces.length; index++) {
      const due = firstWriteMs + index * tickMs;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const piece = pieces[index];
      if (piece === undefined) break;
      writeAll(fd, piece.bytes);
      lines += piece.lines;
      written.push({ endLine: lines, t: Date.now() });
    }
    writeAll(fd, tail);
  } finally {
    closeSync(fd);
  }
  return { firstWriteMs, lastWriteMs: Date.now(), pieces: written };
}
