// Where to start reading a file when the source starts: a saved position is kept only when the file
// still has the same first line and is not shorter than the saved offset (else it was replaced or
// truncated and is read from its start); files without a saved position start at head or tail.
import type { FilePosition } from '../log-source.js';
import type { StartAt } from './file-source-config.js';

export type ResumeReason = 'resumed' | 'replaced' | 'truncated' | 'head' | 'tail';

export interface ResumeDecision {
  readonly reason: ResumeReason;
  /** 'tail' decisions are placed by tailStartOffset, which needs the file's last bytes. */
  readonly offset: number;
}

export function decideResumeOffset(
  stored: FilePosition | undefined,
  file: { readonly size: number; readonly firstLineHash: string },
  startAt: StartAt,
): ResumeDecision {
  if (stored === undefined)
    return startAt === 'head' ? { reason: 'head', offset: 0 } : { reason: 'tail', offset: file.size };
  if (stored.offset === 0) return { reason: 'resumed', offset: 0 };
  if (stored.firstLineHash !== file.firstLineHash) return { reason: 'replaced', offset: 0 };
  if (file.size < stored.offset) return { reason: 'truncated', offset: 0 };
  return { reason: 'resumed', offset: stored.offset };
}

export interface TailStart {
  readonly offset: number;
  /** True when the offset falls inside a line longer than maxLineLength: drop up to its newline. */
  readonly midLine: boolean;
}

/** Places a tail start after the last whole line, so an unfinished last line is delivered whole once
 * its newline arrives. `lastBytes` are the file's last bytes (at most maxLineLength + 1 of them). */
export function tailStartOffset(size: number, lastBytes: Buffer, maxLineLength: number): TailStart {
  const newline = lastBytes.lastIndexOf(0x0a);
  if (newline >= 0) return { offset: size - lastBytes.length + newline + 1, midLine: false };
  if (size <= maxLineLength) return { offset: 0, midLine: false };
  return { offset: size, midLine: true };
}
