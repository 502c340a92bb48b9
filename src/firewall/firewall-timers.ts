// Timers for the ban batcher: the real ones in production, ManualTimers in tests (no sleeping).
export interface TimerHandle {
  readonly id: number;
}

export interface FirewallTimers {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export function createSystemTimers(): FirewallTimers {
  const live = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    setTimeout(callback, delayMs) {
      const id = next++;
      const timer = setTimeout(() => {
        live.delete(id);
        callback();
      }, delayMs);
      live.set(id, timer);
      return { id };
    },
    clearTimeout(handle) {
      const timer = live.get(handle.id);
      if (timer === undefined) return;
      clearTimeout(timer);
      live.delete(handle.id);
    },
  };
}
