// Process I/O: the benchmark's end of the fail2nft runner. Starts it, collects its stdout messages, and
// waits for a message that satisfies a condition, bounded in time; keeps the end of its stderr for
// error messages.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { FINAL_REQUEST, parseRunnerMessage, type RunnerMessage } from './runner-protocol.js';

const STDERR_KEPT = 4096;

interface Waiter {
  readonly accept: (message: RunnerMessage) => boolean;
  readonly resolve: (message: RunnerMessage) => void;
  readonly reject: (error: Error) => void;
}

export class RunnerChannel {
  private readonly waiters: Waiter[] = [];
  private stderrTail = '';
  private exit: string | undefined;
  private readonly exited: Promise<void>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = parseRunnerMessage(line);
      if (message !== undefined) this.deliver(message);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (data: string) => {
      this.stderrTail = (this.stderrTail + data).slice(-STDERR_KEPT);
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = signal ?? String(code);
        this.failAll(new Error(`the fail2nft runner exited (${this.exit})${this.stderrNote()}`));
        resolve();
      });
    });
  }

  /** `nodeArgs` go before the script (e.g. --cpu-prof). */
  static start(script: string, args: readonly string[], nodeArgs: readonly string[] = []): RunnerChannel {
    return new RunnerChannel(
      spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] }),
    );
  }

  /** The next message (from now on) that `accept` takes; rejects on timeout, an error message or exit. */
  next<T extends RunnerMessage>(
    what: string,
    accept: (message: RunnerMessage) => message is T,
    timeoutMs: number,
  ): Promise<T>;
  next(what: string, accept: (message: RunnerMessage) => boolean, timeoutMs: number): Promise<RunnerMessage>;
  next(what: string, accept: (message: RunnerMessage) => boolean, timeoutMs: number): Promise<RunnerMessage> {
    if (this.exit !== undefined) {
      return Promise.reject(
        new Error(`the fail2nft runner exited (${this.exit}) before ${what}${this.stderrNote()}`),
      );
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.remove(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.stderrNote()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        accept,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The runner's process id (its /proc entry gives CPU and memory). */
  pid(): number {
    if (this.child.pid === undefined) throw new Error('the fail2nft runner has no pid (it did not start)');
    return this.child.pid;
  }

  requestFinal(): void {
    this.child.stdin.write(`${FINAL_REQUEST}\n`);
  }

  /** Waits for the exit; SIGTERM after `graceMs`, SIGKILL after twice that. */
  async stop(graceMs: number): Promise<void> {
    if (this.exit !== undefined) return;
    const term = setTimeout(() => this.child.kill('SIGTERM'), graceMs);
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 2 * graceMs);
    await this.exited;
    clearTimeout(term);
    clearTimeout(kill);
  }

  private deliver(message: RunnerMessage): void {
    if (message.event === 'error') {
      this.failAll(new Error(`the fail2nft runner failed: ${message.message}${this.stderrNote()}`));
      return;
    }
    for (const waiter of [...this.waiters]) {
      if (!waiter.accept(message)) continue;
      this.remove(waiter);
      waiter.resolve(message);
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private remove(waiter: Waiter): void {
    const at = this.waiters.indexOf(waiter);
    if (at >= 0) this.waiters.splice(at, 1);
  }

  private stderrNote(): string {
    const tail = this.stderrTail.trim();
    return tail === '' ? '' : `; its stderr ends with:\n${tail}`;
  }
}
