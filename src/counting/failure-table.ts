// Storage of the tracked ids of one jail without an object per id or per failure: a Map from id to
// a slot number, and per slot `width` timestamps, a count and a failure total in typed arrays. The
// Map is kept in order of last failure (an updated id is moved to the end), so expiry and eviction
// take ids from the front and stop at the first one still alive.

const INITIAL_CAPACITY = 1024;

export class FailureTable {
  readonly width: number;
  private readonly slots = new Map<string, number>();
  private capacity: number;
  private times: Float64Array;
  private counts: Uint16Array;
  private totals: Uint32Array;
  private readonly freeSlots: number[] = [];
  private nextUnused = 0;

  constructor(width: number, initialCapacity = INITIAL_CAPACITY) {
    this.width = width;
    this.capacity = Math.max(1, initialCapacity);
    this.times = new Float64Array(this.capacity * width);
    this.counts = new Uint16Array(this.capacity);
    this.totals = new Uint32Array(this.capacity);
  }

  get size(): number {
    return this.slots.size;
  }

  /** The typed array holding every slot's times (replaced when the table grows or shrinks). */
  get timeArray(): Float64Array {
    return this.times;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  base(slot: number): number {
    return slot * this.width;
  }

  count(slot: number): number {
    return this.counts[slot] ?? 0;
  }

  setCount(slot: number, count: number): void {
    this.counts[slot] = count;
  }

  /** Failures recorded in the slot since it was opened. */
  total(slot: number): number {
    return this.totals[slot] ?? 0;
  }

  addToTotal(slot: number, amount: number): void {
    this.totals[slot] = (this.totals[slot] ?? 0) + amount;
  }

  /** The newest time of a slot (its times are sorted); -Infinity when empty. */
  newest(slot: number): number {
    const count = this.count(slot);
    return count === 0 ? -Infinity : (this.times[slot * this.width + count - 1] ?? -Infinity);
  }

  /** Opens an empty slot for a new id (the id must not be tracked yet). */
  open(id: string): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      if (this.nextUnused === this.capacity) this.resize(this.capacity * 2);
      slot = this.nextUnused++;
    }
    this.counts[slot] = 0;
    this.totals[slot] = 0;
    this.slots.set(id, slot);
    return slot;
  }

  /** Marks an id as the most recently failing one. */
  touch(id: string, slot: number): void {
    this.slots.delete(id);
    this.slots.set(id, slot);
  }

  close(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    this.freeSlots.push(slot);
  }

  /** The id whose last failure is oldest (the front of the Map). */
  oldest(): string | undefined {
    for (const id of this.slots.keys()) return id;
    return undefined;
  }

  /**
   * Closes ids from the front while `expired(slot)` holds, at most `budget` of them. Returns how many
   * were closed and whether the front id is still expired (more to do).
   */
  closeExpired(
    expired: (slot: number) => boolean,
    budget: number,
    onClose?: (id: string) => void,
  ): { closed: number; more: boolean } {
    let closed = 0;
    let more = false;
    for (const [id, slot] of this.slots) {
      if (!expired(slot)) break;
      if (closed >= budget) {
        more = true;
        break;
      }
      this.slots.delete(id);
      this.freeSlots.push(slot);
      onClose?.(id);
      closed++;
    }
    if (closed > 0) this.shrinkIfSparse();
    return { closed, more };
  }

  clear(): void {
    this.slots.clear();
    this.freeSlots.length = 0;
    this.nextUnused = 0;
    this.resize(INITIAL_CAPACITY);
  }

  /** Gives memory back after a flood: when a quarter or less of the slots is used, halve the arrays. */
  shrinkIfSparse(): void {
    if (this.capacity <= INITIAL_CAPACITY || this.slots.size * 4 > this.capacity) return;
    this.resize(Math.max(INITIAL_CAPACITY, this.capacity >> 1));
  }

  private resize(capacity: number): void {
    const width = this.width;
    const times = new Float64Array(capacity * width);
    const counts = new Uint16Array(capacity);
    const totals = new Uint32Array(capacity);
    if (capacity >= this.nextUnused) {
      times.set(this.times.subarray(0, this.nextUnused * width));
      counts.set(this.counts.subarray(0, this.nextUnused));
      totals.set(this.totals.subarray(0, this.nextUnused));
    } else {
      // Shrinking renumbers the live slots 0..size-1 (Map order is kept: values change in place).
      let next = 0;
      for (const [id, slot] of this.slots) {
        times.set(this.times.subarray(slot * width, (slot + 1) * width), next * width);
        counts[next] = this.counts[slot] ?? 0;
        totals[next] = this.totals[slot] ?? 0;
        this.slots.set(id, next++);
      }
      this.nextUnused = next;
      this.freeSlots.length = 0;
    }
    this.capacity = capacity;
    this.times = times;
    this.counts = counts;
    this.totals = totals;
  }
}
