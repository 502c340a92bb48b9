// An append-only log held in memory: what the in-memory source reads. Tests append to it as a program
// would append to a log file.

export class MemoryLog {
  private buffer = Buffer.alloc(1024);
  private used = 0;
  private readonly listeners = new Set<() => void>();

  get size(): number {
    return this.used;
  }

  append(data: string | Buffer): void {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (this.used + bytes.length > this.buffer.length) {
      const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.used + bytes.length));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    bytes.copy(this.buffer, this.used);
    this.used += bytes.length;
    for (const listener of this.listeners) listener();
  }

  /** A copy of at most `length` bytes from `offset`. */
  read(offset: number, length: number): Buffer {
    return Buffer.from(this.buffer.subarray(offset, Math.min(this.used, offset + length)));
  }

  /** Calls `listener` after every append; returns the function that removes it. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
