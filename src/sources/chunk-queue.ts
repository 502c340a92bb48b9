// A bounded hand-over between a source's reader and its delivery loop. The reader waits in push() while
// the queue is full, which is how a slow consumer pauses reading: memory stays bounded and no line is
// dropped. One puller; any number of pushers.

export class ChunkQueue<T> {
  private readonly items: T[] = [];
  private readonly spaceWaiters: (() => void)[] = [];
  private puller: ((item: T | undefined) => void) | undefined;
  private isClosed = false;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be an integer >= 1');
  }

  get length(): number {
    return this.items.length;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Resolves once the item is queued (true), or false when the queue was closed first. */
  async push(item: T): Promise<boolean> {
    // Each wake-up follows a pull or close, so the loop ends after at most one pass per freed slot.
    while (this.items.length >= this.capacity && !this.isClosed) {
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    }
    if (this.isClosed) return false;
    const puller = this.puller;
    if (puller !== undefined) {
      this.puller = undefined;
      puller(item);
    } else this.items.push(item);
    return true;
  }

  /** The next item, or undefined once the queue is closed. */
  pull(): Promise<T | undefined> {
    if (this.items.length > 0) {
      const item = this.items.shift();
      this.spaceWaiters.shift()?.();
      return Promise.resolve(item);
    }
    if (this.isClosed) return Promise.resolve(undefined);
    if (this.puller !== undefined) throw new Error('ChunkQueue has one puller');
    return new Promise((resolve) => (this.puller = resolve));
  }

  /** Drops what is queued and wakes every waiter: pushers get false, the puller undefined. */
  close(): void {
    this.isClosed = true;
    this.items.length = 0;
    for (const wake of this.spaceWaiters.splice(0)) wake();
    const puller = this.puller;
    this.puller = undefined;
    puller?.(undefined);
  }
}
