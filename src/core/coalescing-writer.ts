// The service log's destination: lines logged during one turn of the event loop go out together in
// one write when the turn ends (or at once when 64 KiB pile up). A flood logs thousands of bans a
// second; one write per line took a third of the main thread's time per ban, and pino's own
// background mode re-measures its growing buffer on every line. Writes stay synchronous, so nothing
// is ever half-written in the background: the exit handler writes what is left, also after an
// uncaught error; only a SIGKILL can lose the lines of the current turn.
import { writeSync } from 'node:fs';

const MAX_PENDING_CHARS = 64 * 1024;
/** How often a write that would block (a full pipe) is tried again, 1 ms apart, before giving up. */
const BLOCKED_TRIES = 2000;

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  for (let tries = 0; offset < data.length && tries < BLOCKED_TRIES;) {
    try {
      offset += writeSync(fd, data, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      tries++;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

export class CoalescingWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private scheduled = false;
  private failures = 0;
  private readonly onExit = (): void => {
    this.flushSync();
  };

  constructor(private readonly fd: number) {
    process.on('exit', this.onExit);
  }

  /** pino's stream interface: one serialised line. */
  write(line: string): boolean {
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= MAX_PENDING_CHARS) this.flushReporting();
    else if (!this.scheduled) {
      this.scheduled = true;
      // Unreferenced: a pending log line never keeps the process alive; the exit handler writes it.
      setImmediate(() => {
        this.scheduled = false;
        this.flushReporting();
      }).unref();
    }
    return true;
  }

  /** Log writes that failed (a full disk, a closed descriptor); their lines are lost. */
  get failedWrites(): number {
    return this.failures;
  }

  /** Writes every pending line now. */
  flushSync(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    writeAll(this.fd, Buffer.from(text, 'utf8'));
  }

  /**
   * A log that cannot be written must not stop the service (a full disk would otherwise end every
   * ban): the failure is counted and said on standard error, the first time and every 1000th.
   */
  private flushReporting(): void {
    try {
      this.flushSync();
    } catch (error) {
      if (this.failures++ % 1000 !== 0) return;
      try {
        writeSync(2, `fail2nft: cannot write the log: ${(error as Error).message}\n`);
      } catch {
        // Standard error is gone too: nothing is left to tell.
      }
    }
  }

  /** pino's logger.flush(): writes everything out, then calls back. */
  flush(callback?: (error?: Error) => void): void {
    try {
      this.flushSync();
    } catch (error) {
      callback?.(error as Error);
      return;
    }
    callback?.();
  }

  /** Writes what is pending and stops watching for the exit (the file descriptor stays open). */
  end(): void {
    this.flushSync();
    process.off('exit', this.onExit);
  }
}
