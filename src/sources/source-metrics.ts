// Counters every log source keeps, as plain numbers; the observability stage turns them into metrics.

export interface SourceStats {
  /** Bytes read from the log (files: file bytes; journal: journalctl's JSON output). */
  bytesRead: number;
  /** Lines delivered to the consumer. */
  lines: number;
  /** Chunks delivered to the consumer. */
  chunks: number;
  /** Files replaced under their path (renamed or deleted, then created again). */
  rotations: number;
  /** Files that shrank below the read position, or whose first line changed in place (copytruncate). */
  truncations: number;
  /** Lines longer than maxLineLength, dropped up to their newline. */
  skippedLong: number;
  /** Problems met while running (unreadable files, malformed journal entries, ...). */
  errors: number;
}

export function createSourceStats(): SourceStats {
  return { bytesRead: 0, lines: 0, chunks: 0, rotations: 0, truncations: 0, skippedLong: 0, errors: 0 };
}
