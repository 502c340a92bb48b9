// Process ids as a busy host hands them out: one kernel counter for every new process, daemons that
// live for the whole log (qmgr, anvil, postscreen), and Postfix/Dovecot worker pools whose processes
// serve one client at a time and are reused until they retire (Postfix max_use).
import type { Prng } from './prng.js';

const PID_MAX = 4194304;

export class PidCounter {
  private last: number;

  constructor(private readonly prng: Prng) {
    this.last = prng.between(1500, 40000);
  }

  /** The next new process; other processes on the host take the pids in between. */
  next(): number {
    this.last += this.prng.between(1, 9);
    if (this.last >= PID_MAX) this.last = this.prng.between(300, 2000);
    return this.last;
  }
}

export class ProcessPool {
  private readonly idle: number[] = [];

  constructor(
    private readonly pids: PidCounter,
    private readonly prng: Prng,
    /** Chance that a process exits after serving a client instead of waiting for the next. */
    private readonly retireChance: number,
  ) {}

  acquire(): number {
    if (this.idle.length > 0) {
      const index = this.prng.below(this.idle.length);
      const pid = this.idle[index] ?? this.pids.next();
      this.idle[index] = this.idle[this.idle.length - 1] ?? pid;
      this.idle.pop();
      return pid;
    }
    return this.pids.next();
  }

  release(pid: number): void {
    if (!this.prng.chance(this.retireChance)) this.idle.push(pid);
  }
}
