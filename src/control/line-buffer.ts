// Splits a byte stream into newline-terminated lines with a bound on one line's length, so a peer that
// never sends a newline cannot make the service buffer without end. Lines are decoded as UTF-8 whole,
// so a character split across chunks stays intact; a trailing \r is dropped (socat, telnet).

export interface PushResult {
  /** Complete lines in arrival order. */
  readonly lines: string[];
  /** True when a line grew past the limit; the buffer is then unusable (the stream cannot be resynchronised). */
  readonly overflow: boolean;
}

export class LineBuffer {
  private parts: Buffer[] = [];
  private size = 0;
  private overflowed = false;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer): PushResult {
    const lines: string[] = [];
    if (this.overflowed) return { lines, overflow: true };
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, newline);
      start = newline + 1;
      if (this.size + piece.length > this.maxLineBytes) return this.overflow(lines);
      const bytes = this.parts.length === 0 ? piece : Buffer.concat([...this.parts, piece]);
      this.parts = [];
      this.size = 0;
      const text = bytes.toString('utf8');
      lines.push(text.endsWith('\r') ? text.slice(0, -1) : text);
    }
    const rest = chunk.subarray(start);
    if (rest.length > 0) {
      if (this.size + rest.length > this.maxLineBytes) return this.overflow(lines);
      // A copy, so a small remainder does not keep the whole chunk alive.
      this.parts.push(Buffer.from(rest));
      this.size += rest.length;
    }
    return { lines, overflow: false };
  }

  private overflow(lines: string[]): PushResult {
    this.overflowed = true;
    this.parts = [];
    this.size = 0;
    return { lines, overflow: true };
  }
}
