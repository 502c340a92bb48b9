// Timers driven by a ManualClock, for tests: advance() moves the clock and runs the timers that fall
// due, in time order, letting promises settle between them.
import type { ManualClock } from '../core/clock.js';
import type { FirewallTimers, TimerHandle } from './firewall-timers.js';

interface PendingTimer {
  readonly id: number;
  readonly dueMs: number;
  readonly callback: () => void;
}

/** Lets every already-queued promise continuation run (a macrotask turn). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ManualTimers implements FirewallTimers {
  private readonly pending = new Map<number, PendingTimer>();
  private next = 1;

  constructor(private readonly clock: ManualClock) {}

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.next++;
    this.pending.set(id, { id, dueMs: this.clock.now() + Math.max(0, delayMs), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle.id);
  }

  /** Timers waiting to fire. */
  get size(): number {
    return this.pending.size;
  }

  /** Moves the clock forward by ms, firing due timers in order (each at its own time). */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    await settle();
    for (let fired = 0; fired < 100_000; fired++) {
      const due = [...this.pending.values()]
        .filter((timer) => timer.dueMs <= target)
        .sort((a, b) => a.dueMs - b.dueMs || a.id - b.id)[0];
      if (due === undefined) break;
      this.pending.delete(due.id);
      if (due.dueMs > this.clock.now()) this.clock.set(due.dueMs);
      due.callback();
      await settle();
    }
    this.clock.set(target);
    await settle();
  }
}
