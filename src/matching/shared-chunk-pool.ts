// Chunk buffers in shared memory: a worker reads a chunk where the engine wrote it, so no chunk is
// copied per worker or per jail. Buffers are reused once every task on them is done (allocating and
// zeroing 1 MiB of shared memory per chunk would cost more than matching a small chunk).

export class SharedChunkPool {
  private readonly free: SharedArrayBuffer[] = [];

  constructor(
    private readonly size: number,
    /** Free buffers kept for reuse; more are left to the garbage collector. */
    private readonly keep: number,
  ) {}

  /** A buffer of `size` bytes (the chunker asks for exactly the pool's size). */
  allocate(size: number): Buffer {
    const shared = size === this.size ? this.free.pop() : undefined;
    return Buffer.from(shared ?? new SharedArrayBuffer(size));
  }

  /** Gives back the memory under a chunk (a view of a buffer from allocate). */
  release(chunk: Buffer): void {
    const memory = chunk.buffer;
    if (
      memory instanceof SharedArrayBuffer &&
      memory.byteLength === this.size &&
      this.free.length < this.keep
    )
      this.free.push(memory);
  }
}
