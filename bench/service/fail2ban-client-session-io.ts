// Process I/O: one interactive fail2ban-client (`-i`) kept open for the whole run, so that polling
// fail2ban-server several times a second does not start a Python interpreter each time (about 50 ms
// of CPU each, on the cores the measured server needs). Answers are the text between two prompts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

const PROMPT = 'fail2ban> ';

interface Pending {
  readonly resolve: (text: string) => void;
  readonly reject: (error: Error) => void;
}

export class Fail2banClientSession {
  private buffer = '';
  private readonly pending: Pending[] = [];
  private exited: Error | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => {
      this.take(data);
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`fail2ban-client -i exited (${signal ?? String(code)})`);
      for (const waiter of this.pending.splice(0)) waiter.reject(this.exited);
    });
    child.on('error', (error) => {
      this.exited = error;
      for (const waiter of this.pending.splice(0)) waiter.reject(error);
    });
  }

  /** Starts the client on `socket`; resolves once it shows its first prompt. */
  static async open(socket: string, timeoutMs = 10_000): Promise<Fail2banClientSession> {
    const child = spawn('fail2ban-client', ['-s', socket, '-i'], {
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr.resume();
    const session = new Fail2banClientSession(child);
    await session.answer(timeoutMs, 'the first prompt');
    return session;
  }

  /** Sends one command and resolves with its answer; commands run one at a time. */
  command(text: string, timeoutMs = 10_000): Promise<string> {
    const run = this.chain.then(() => {
      if (this.exited !== undefined) throw this.exited;
      const answer = this.answer(timeoutMs, JSON.stringify(text));
      this.child.stdin.write(`${text}\n`);
      return answer;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  close(): void {
    if (this.exited !== undefined) return;
    this.child.stdin.end('exit\n');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    this.child.once('exit', () => {
      clearTimeout(timer);
    });
  }

  private answer(timeoutMs: number, what: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A late answer would be taken for the next command's: the session is unusable from here.
        this.exited = new Error(`fail2ban-client gave no answer to ${what} within ${timeoutMs} ms`);
        for (const other of this.pending.splice(0)) if (other !== waiter) other.reject(this.exited);
        reject(this.exited);
      }, timeoutMs);
      const waiter: Pending = {
        resolve: (text) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.pending.push(waiter);
    });
  }

  private take(data: string): void {
    this.buffer += data;
    // Bounded by the buffer: each round removes one prompt.
    for (let at = this.buffer.indexOf(PROMPT); at >= 0; at = this.buffer.indexOf(PROMPT)) {
      // The text before the first prompt is the banner, which open() waits for.
      const text = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + PROMPT.length);
      this.pending.shift()?.resolve(text);
    }
  }
}
