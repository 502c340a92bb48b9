// Concurrent sessions: those ready to write their next line, and those pausing until a given time
// (a binary heap by wake-up time). Taking a line from a random ready session is what interleaves pids.
import type { Prng } from './prng.js';
import { isWait, type LineStep, type Script } from './session.js';

interface Running {
  readonly script: Script;
  /** The line the session will write next, once it has been stepped to it. */
  pending: LineStep | undefined;
}

interface Pausing {
  readonly session: Running;
  readonly readyAt: number;
}

export class SessionPool {
  private readonly ready: Running[] = [];
  private readonly heap: Pausing[] = [];

  get readyCount(): number {
    return this.ready.length;
  }

  get size(): number {
    return this.ready.length + this.heap.length;
  }

  add(script: Script): void {
    this.ready.push({ script, pending: undefined });
  }

  /** Moves every session whose pause has ended by `now` to the ready list. */
  wake(now: number): void {
    while (this.heap.length > 0 && (this.heap[0]?.readyAt ?? Infinity) <= now) {
      this.ready.push(this.popHeap().session);
    }
  }

  /**
   * The next line of a random ready session, or undefined when no ready session has one. After its
   * line the session is stepped once more, so a pause that follows a line starts when that line is
   * written (not when the session happens to be picked again). Finished sessions are dropped; the
   * loop is bounded by the ready count.
   */
  take(prng: Prng, now: number): LineStep | undefined {
    const bound = this.ready.length * 2 + 8;
    for (let tries = 0; tries < bound && this.ready.length > 0; tries++) {
      const index = prng.below(this.ready.length);
      const session = this.ready[index];
      if (session === undefined) break;
      const step = session.pending ?? this.advance(session, index, now);
      if (step === undefined) continue;
      session.pending = undefined;
      this.advance(session, index, now);
      return step;
    }
    return undefined;
  }

  /** Steps a ready session: its next line, or undefined when it paused (now in the heap) or ended. */
  private advance(session: Running, index: number, now: number): LineStep | undefined {
    const result = session.script.next();
    if (result.done === true) {
      this.removeReady(index);
      return undefined;
    }
    const step = result.value;
    if (isWait(step)) {
      this.removeReady(index);
      this.pushHeap({ session, readyAt: now + step.wait });
      return undefined;
    }
    session.pending = step;
    return step;
  }

  private removeReady(index: number): void {
    const last = this.ready.pop();
    if (last !== undefined && index < this.ready.length) this.ready[index] = last;
  }

  private pushHeap(item: Pausing): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (p === undefined || p.readyAt <= item.readyAt) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  private popHeap(): Pausing {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) throw new RangeError('pop from an empty heap');
    if (heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const lc = heap[left];
      const rc = heap[right];
      let child = left;
      let childItem = lc;
      if (rc !== undefined && lc !== undefined && rc.readyAt < lc.readyAt) {
        child = right;
        childItem = rc;
      }
      if (childItem === undefined || childItem.readyAt >= last.readyAt) break;
      heap[i] = childItem;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
