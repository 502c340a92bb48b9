// When each corpus line became readable: the writer appends whole-line pieces and notes the time each
// write returned; a line's time is its piece's. Cutting and lookup are pure.

export interface Piece {
  readonly bytes: Buffer;
  /** Corpus lines in this piece. */
  readonly lines: number;
}

export interface WrittenPiece {
  /** Corpus lines written up to and including this piece. */
  readonly endLine: number;
  /** Date.now() after the write returned. */
  readonly t: number;
}

const NEWLINE = 0x0a;

/** Cuts `corpus` (whole lines) into pieces of at most `maxLines` lines and about `maxBytes` bytes. */
export function cutPieces(corpus: Buffer, maxBytes: number, maxLines: number): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  // Bounded by the buffer: every piece takes at least one line.
  while (start < corpus.length) {
    let end = start;
    let lines = 0;
    while (end < corpus.length && lines < maxLines && (lines === 0 || end - start < maxBytes)) {
      const at = corpus.indexOf(NEWLINE, end);
      end = at < 0 ? corpus.length : at + 1;
      lines++;
    }
    pieces.push({ bytes: corpus.subarray(start, end), lines });
    start = end;
  }
  return pieces;
}

/** The write time of 1-based corpus line `line`, or undefined past the last piece. */
export function lineWrittenAt(pieces: readonly WrittenPiece[], line: number): number | undefined {
  let lo = 0;
  let hi = pieces.length - 1;
  // Binary search: the first piece whose endLine ≥ line.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pieces[mid]?.endLine ?? 0) >= line) hi = mid;
    else lo = mid + 1;
  }
  const piece = pieces[lo];
  return piece !== undefined && piece.endLine >= line ? piece.t : undefined;
}
