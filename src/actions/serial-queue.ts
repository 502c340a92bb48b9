// Runs jobs one at a time in submission order (fail2ban runs one action's commands sequentially, and
// an unban must not overtake its ban). Nothing is ever dropped: the bound is a signal, ready()
// resolves only while the queue is shorter than it, and callers that await ready() slow down.

interface QueuedJob {
  /** Runs the job and returns how to settle its caller's promise (called once the queue has moved on). */
  readonly job: () => Promise<() => void>;
}

const nothing: QueuedJob = { job: () => Promise.resolve(() => undefined) };

export class SerialQueue {
  private readonly jobs: QueuedJob[] = [];
  private head = 0;
  private running = false;
  private active = false;
  private readyWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly maxLength: number) {
    if (!Number.isInteger(maxLength) || maxLength < 1)
      throw new RangeError('maxLength must be a positive integer');
  }

  /** Jobs waiting or running. */
  get length(): number {
    return this.jobs.length - this.head + (this.active ? 1 : 0);
  }

  /** Queues a job; the promise settles with the job's own result. */
  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({
        job: () =>
          job().then(
            (value) => () => {
              resolve(value);
            },
            (error: unknown) => () => {
              // Whatever the job threw goes back to its caller unchanged.
              // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
              reject(error);
            },
          ),
      });
      if (!this.running) void this.drain();
    });
  }

  ready(): Promise<void> {
    if (this.length < this.maxLength) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  idle(): Promise<void> {
    if (this.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.head < this.jobs.length) {
      const next = this.jobs[this.head] ?? nothing;
      this.jobs[this.head] = nothing;
      this.head++;
      this.active = true;
      // `run` wraps every job so it never rejects here.
      const settle = await next.job();
      this.active = false;
      if (this.head > 1024 && this.head * 2 > this.jobs.length) {
        this.jobs.splice(0, this.head);
        this.head = 0;
      }
      // The caller resumes seeing the queue without its job.
      settle();
      this.wake();
    }
    this.jobs.length = 0;
    this.head = 0;
    this.running = false;
    this.wake();
  }

  private wake(): void {
    if (this.readyWaiters.length > 0 && this.length < this.maxLength) {
      const waiters = this.readyWaiters;
      this.readyWaiters = [];
      for (const resolve of waiters) resolve();
    }
    if (this.idleWaiters.length > 0 && this.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
