// Turns a byte stream (Buffers of any size, cut anywhere) into chunks of whole lines, in bounded memory:
// bytes are copied into a chunk buffer of fixed capacity (from `allocate`, e.g. shared memory for worker
// threads), a full buffer is emitted up to its last newline and the incomplete line moves to the next
// buffer. An incomplete line that grows past maxLineLength is dropped (and counted) up to its newline
// without being kept: a 10 MB line costs no more memory than one chunk buffer. Complete long lines
// inside a chunk are left to the matcher, which skips and counts them too.

export interface LineChunkerOptions {
  /** Longest line kept, in bytes (without its newline). */
  readonly maxLineLength: number;
  /** Capacity of a chunk buffer; more than maxLineLength. */
  readonly chunkBytes: number;
  /** Gives a buffer of exactly `size` bytes for the next chunk (default Buffer.allocUnsafe). */
  readonly allocate?: (size: number) => Buffer;
}

export interface LineChunk {
  /** Whole lines: ends with a newline. A view of a buffer from `allocate`, handed over to the receiver. */
  readonly bytes: Buffer;
  /** Overlong lines dropped just before this chunk's first line (after the previous chunk's last). */
  readonly skippedLong: number;
}

export class LineChunker {
  private readonly allocate: (size: number) => Buffer;
  private buffer: Buffer | undefined;
  private used = 0;
  /** Just after the buffer's last newline. */
  private lineEnd = 0;
  private dropping = false;
  private skipped = 0;

  constructor(private readonly options: LineChunkerOptions) {
    if (!(options.chunkBytes > options.maxLineLength)) {
      throw new RangeError(
        `chunkBytes (${options.chunkBytes}) must exceed maxLineLength (${options.maxLineLength})`,
      );
    }
    this.allocate = options.allocate ?? ((size) => Buffer.allocUnsafe(size));
  }

  /** Bytes of the incomplete last line held (never more than maxLineLength after a push). */
  get carryBytes(): number {
    return this.used - this.lineEnd;
  }

  /** Whether whole lines wait for flush(). */
  get hasWholeLines(): boolean {
    return this.lineEnd > 0;
  }

  /** Overlong lines dropped and not yet reported with a chunk. */
  get pendingSkipped(): number {
    return this.skipped;
  }

  /** Takes bytes; emits every chunk buffer that fills up. */
  push(input: Buffer, emit: (chunk: LineChunk) => void): void {
    const { maxLineLength, chunkBytes } = this.options;
    let pos = 0;
    // A round consumes input, or emits a full buffer (and the next round consumes input).
    for (let round = 0; pos < input.length && round <= 2 * input.length + 4; round++) {
      if (this.dropping) {
        const newline = input.indexOf(10, pos);
        if (newline < 0) return;
        this.dropping = false;
        pos = newline + 1;
        continue;
      }
      this.buffer ??= this.allocate(chunkBytes);
      if (this.used === chunkBytes) {
        this.emitWhole(emit);
        continue;
      }
      const count = Math.min(chunkBytes - this.used, input.length - pos);
      input.copy(this.buffer, this.used, pos, pos + count);
      const newline = input.lastIndexOf(10, pos + count - 1);
      if (newline >= pos) this.lineEnd = this.used + (newline - pos) + 1;
      this.used += count;
      pos += count;
      if (this.used - this.lineEnd > maxLineLength) {
        // The lines before it go out first, so that the count says where the dropped line was.
        this.used = this.lineEnd;
        this.flush(emit);
        this.skipped++;
        this.dropping = true;
      }
    }
  }

  /** Emits the whole lines held, if any; an incomplete last line stays until its newline comes. */
  flush(emit: (chunk: LineChunk) => void): void {
    if (this.lineEnd > 0) this.emitWhole(emit);
  }

  /** Forgets the incomplete last line (the file was truncated or replaced). */
  discardCarry(): void {
    this.used = this.lineEnd;
    this.dropping = false;
  }

  private emitWhole(emit: (chunk: LineChunk) => void): void {
    const full = this.buffer;
    if (full === undefined || this.lineEnd === 0) return;
    const chunk: LineChunk = { bytes: full.subarray(0, this.lineEnd), skippedLong: this.skipped };
    const carry = this.used - this.lineEnd;
    this.buffer = this.allocate(this.options.chunkBytes);
    full.copy(this.buffer, 0, this.lineEnd, this.used);
    this.used = carry;
    this.lineEnd = 0;
    this.skipped = 0;
    emit(chunk);
  }
}
