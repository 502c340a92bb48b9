// Cuts a byte stream into whole lines. Bytes after the last newline are carried until their newline
// arrives; a line longer than maxLineLength is dropped up to its newline and counted, so no more than
// maxLineLength bytes are ever carried. Pure: the caller does the reading and keeps the offsets.

const newline = 0x0a;

export interface AssembledLines {
  /** Whole lines, each ending with \n; undefined when none completed. */
  readonly chunk: Buffer | undefined;
  readonly lines: number;
  /** How far the resume offset moves: bytes of the delivered lines and of the dropped long lines. */
  readonly advance: number;
  readonly skippedLong: number;
}

const nothing: AssembledLines = { chunk: undefined, lines: 0, advance: 0, skippedLong: 0 };

export class LineAssembler {
  private carry: Buffer = Buffer.alloc(0);
  /** True while an over-long line is being dropped; `dropped` counts its bytes seen so far. */
  private dropping = false;
  private dropped = 0;

  constructor(readonly maxLineLength: number) {}

  /** Bytes read past the resume offset and not yet delivered or dropped. */
  get pendingBytes(): number {
    return this.dropping ? this.dropped : this.carry.length;
  }

  /** Bytes held in memory for an unfinished line (never more than maxLineLength). */
  get heldBytes(): number {
    return this.carry.length;
  }

  push(data: Buffer): AssembledLines {
    if (data.length === 0) return nothing;
    const parts: Buffer[] = [];
    let lines = 0;
    let advance = 0;
    let skippedLong = 0;
    let start = 0;

    if (this.dropping || this.carry.length > 0) {
      const end = data.indexOf(newline);
      if (end < 0) {
        this.hold(data);
        return nothing;
      }
      const length = this.pendingBytes + end;
      if (this.dropping || length > this.maxLineLength) skippedLong++;
      else {
        parts.push(this.carry, data.subarray(0, end + 1));
        lines++;
      }
      advance += length + 1;
      this.carry = Buffer.alloc(0);
      this.dropping = false;
      this.dropped = 0;
      start = end + 1;
    }

    const last = data.lastIndexOf(newline);
    if (last >= start) {
      // One scan finds the line count and any over-long line; runs of good lines stay zero-copy slices.
      let runStart = start;
      for (let lineStart = start; lineStart <= last;) {
        const end = data.indexOf(newline, lineStart);
        if (end - lineStart > this.maxLineLength) {
          if (lineStart > runStart) parts.push(data.subarray(runStart, lineStart));
          skippedLong++;
          runStart = end + 1;
        } else lines++;
        lineStart = end + 1;
      }
      if (last + 1 > runStart) parts.push(data.subarray(runStart, last + 1));
      advance += last + 1 - start;
      start = last + 1;
    }
    if (start < data.length) this.hold(data.subarray(start));

    const chunk = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : Buffer.concat(parts);
    return { chunk, lines, advance, skippedLong };
  }

  /** The bytes of the unfinished line held (empty while a long line is dropped). A reader puts them in
   * front of its next read and hands both to pushContinuing, so that no block is copied to join them. */
  get carried(): Buffer {
    return this.carry;
  }

  /** push() for data that begins with the `carried` bytes (already in front of the new ones). */
  pushContinuing(data: Buffer): AssembledLines {
    const carried = this.carry.length;
    if (this.dropping || data.length < carried)
      throw new RangeError('pushContinuing needs data that begins with the carried bytes');
    this.carry = Buffer.alloc(0);
    return this.push(data);
  }

  /** Ends the stream: carried bytes become a last line (a newline is added); a line being dropped is
   * counted. Used when a rotated file has been read to its end and will not grow any more. */
  flush(): AssembledLines {
    if (this.dropping) {
      const advance = this.dropped;
      this.reset();
      return { chunk: undefined, lines: 0, advance, skippedLong: 1 };
    }
    if (this.carry.length === 0) return nothing;
    const chunk = Buffer.concat([this.carry, Buffer.from('\n')]);
    const advance = this.carry.length;
    this.carry = Buffer.alloc(0);
    return { chunk, lines: 1, advance, skippedLong: 0 };
  }

  /** Forgets carried bytes (the file was truncated or replaced). */
  reset(): void {
    this.carry = Buffer.alloc(0);
    this.dropping = false;
    this.dropped = 0;
  }

  /** Starts in the middle of a line (a tail start inside an over-long line): drops it up to its newline. */
  dropUntilNewline(): void {
    this.carry = Buffer.alloc(0);
    this.dropping = true;
    this.dropped = 0;
  }

  /** Keeps bytes of an unfinished line, or starts/continues dropping it when it is too long. */
  private hold(rest: Buffer): void {
    if (this.dropping) {
      this.dropped += rest.length;
      return;
    }
    const total = this.carry.length + rest.length;
    if (total > this.maxLineLength) {
      this.dropping = true;
      this.dropped = total;
      this.carry = Buffer.alloc(0);
    } else this.carry = Buffer.concat([this.carry, rest]);
  }
}
