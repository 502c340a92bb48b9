// A CommandRunner that runs firewall tools through one long-lived small helper process
// (command-runner-child.ts) instead of forking the service. Spawning from a process with hundreds of
// MB of heap blocks its thread for milliseconds and costs copy-on-write faults afterwards; at hundreds
// of transactions per second that was a third of a core and the ban latency target. Per request the
// service only writes a small header and the script to a pipe. The helper starts on the first command,
// is restarted by the next command after it died, and holds the event loop only while commands run.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Fail2nftError } from '../core/errors.js';
import { encodeFrameHead, FrameDecoder } from './command-frame.js';
import { parseCommandReply, type CommandReply } from './command-runner-protocol.js';
import type { CommandResult, CommandRunner, RunOptions } from './run-command-io.js';

export interface HelperCommandRunner {
  readonly run: CommandRunner;
  /**
   * Lets the helper finish its commands and exit; resolves when it has. The runner stays usable: the
   * next command starts a new helper.
   */
  close(): Promise<void>;
  /** The running helper's process id, if one runs. */
  readonly pid: number | undefined;
}

export interface HelperCommandRunnerOptions {
  /** The compiled helper entry; next to this file by default. */
  readonly script?: string;
  /** How long past a command's own timeout the helper may take to answer before it is killed. */
  readonly answerGraceMs?: number;
}

const defaultScript = fileURLToPath(new URL('./command-runner-child.js', import.meta.url));
const defaultAnswerGraceMs = 10_000;
// Kept for the error message when the helper dies: Node's own last words (a missing module, a crash).
const stderrTailBytes = 4096;

interface Pending {
  readonly command: string;
  readonly resolve: (result: CommandResult) => void;
  readonly reject: (error: Fail2nftError) => void;
  readonly watchdog: NodeJS.Timeout;
  reply?: CommandReply;
  body: Buffer[];
}

interface Referable {
  ref(): void;
  unref(): void;
}

function setReferenced(handles: readonly unknown[], referenced: boolean): void {
  for (const handle of handles) {
    const target = handle as Partial<Referable> | null;
    if (referenced) target?.ref?.();
    else target?.unref?.();
  }
}

function unavailable(message: string, details: Record<string, unknown> = {}, cause?: unknown): Fail2nftError {
  return new Fail2nftError('F2N_ERR_FIREWALL_UNAVAILABLE', message, details, cause);
}

function resultOf(
  reply: CommandReply,
  body: readonly Buffer[],
  command: string,
): CommandResult | Fail2nftError {
  if ('startError' in reply) {
    const cause = Object.assign(new Error(reply.startError), { code: reply.startError });
    return unavailable(`cannot run ${command}: ${reply.startError}`, { command }, cause);
  }
  // Most replies arrive in one slice; concatenating would copy it for nothing.
  const [only] = body;
  const bytes = body.length === 1 && only !== undefined ? only : Buffer.concat(body);
  return {
    code: reply.code,
    stdout: bytes.toString('utf8', 0, reply.stdoutBytes),
    stderr: bytes.toString('utf8', reply.stdoutBytes),
  };
}

/** One helper process and the commands it was asked to run. */
class HelperProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private readonly decoder: FrameDecoder;
  private readonly answerGraceMs: number;
  private readonly closed: Promise<void>;
  private stderrTail = '';
  private nextId = 0;
  private current: Pending | undefined;
  private ending = false;
  dead = false;

  constructor(script: string, answerGraceMs: number) {
    this.answerGraceMs = answerGraceMs;
    // No shell, no inherited execArgv (inspector ports, heap sizes of the service).
    this.child = spawn(process.execPath, [script]);
    this.decoder = new FrameDecoder({
      head: (header, bodyLength) => {
        this.receiveHead(header, bodyLength);
      },
      body: (slice) => this.current?.body.push(slice),
      end: () => {
        this.settle();
      },
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      const problem = this.decoder.push(chunk);
      if (problem !== undefined) this.abandon(`sent a corrupt reply (${problem})`);
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-stderrTailBytes);
    });
    // A dead helper closes its stdin; 'close' below reports it.
    this.child.stdin.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.fail(unavailable(`cannot start the firewall command helper: ${error.message}`, {}, error));
        resolve();
      });
      this.child.on('close', (code, signal) => {
        const how = signal === null ? `exited with ${code}` : `was killed by ${signal}`;
        const said = this.stderrTail.trim();
        this.fail(
          unavailable(
            `the firewall command helper (pid ${this.child.pid}) ${how}${said === '' ? '' : `: ${said}`}`,
            { pid: this.child.pid, exitCode: code, signal },
          ),
        );
        resolve();
      });
    });
    this.reference(false);
  }

  run(argv: readonly string[], input: string, options: RunOptions): Promise<CommandResult> {
    const id = this.nextId++;
    const head = encodeFrameHead({ id, argv, timeoutMs: options.timeoutMs }, Buffer.byteLength(input));
    const command = argv[0] ?? '';
    return new Promise((resolve, reject) => {
      const watchdog = setTimeout(() => {
        this.abandon(`did not answer within ${options.timeoutMs + this.answerGraceMs} ms`);
      }, options.timeoutMs + this.answerGraceMs);
      this.pending.set(id, { command, resolve, reject, watchdog, body: [] });
      if (this.pending.size === 1) this.reference(true);
      const { stdin } = this.child;
      stdin.cork();
      stdin.write(head);
      if (input !== '') stdin.write(input, 'utf8');
      stdin.uncork();
    });
  }

  /** Ends the helper's input: it finishes its commands and exits. */
  close(): Promise<void> {
    if (!this.ending) {
      this.ending = true;
      // Until it has exited, so that whoever awaits this is not dropped by an empty event loop.
      this.reference(true);
      this.child.stdin.end();
    }
    return this.closed;
  }

  /** Kills a helper that cannot be trusted any more; its commands fail and are retried by the caller. */
  private abandon(reason: string): void {
    this.fail(unavailable(`the firewall command helper (pid ${this.child.pid}) ${reason}`));
    this.child.kill('SIGKILL');
  }

  private receiveHead(header: unknown, bodyLength: number): void {
    if (this.dead) return;
    const reply = parseCommandReply(header, bodyLength);
    const pending = reply === undefined ? undefined : this.pending.get(reply.id);
    if (reply === undefined || pending === undefined) {
      this.abandon('sent a reply to no request');
      return;
    }
    pending.reply = reply;
    this.current = pending;
  }

  private settle(): void {
    const pending = this.current;
    this.current = undefined;
    if (pending?.reply === undefined || this.dead) return;
    this.forget(pending.reply.id, pending);
    const result = resultOf(pending.reply, pending.body, pending.command);
    if (result instanceof Fail2nftError) pending.reject(result);
    else pending.resolve(result);
  }

  private forget(id: number, pending: Pending): void {
    clearTimeout(pending.watchdog);
    this.pending.delete(id);
    if (this.pending.size === 0 && !this.ending) this.reference(false);
  }

  private fail(error: Fail2nftError): void {
    this.dead = true;
    for (const [id, pending] of this.pending) {
      this.forget(id, pending);
      pending.reject(error);
    }
  }

  /** An idle helper must not keep the service (or a test, or a one-shot CLI command) alive. */
  private reference(referenced: boolean): void {
    setReferenced([this.child, this.child.stdin, this.child.stdout, this.child.stderr], referenced);
  }
}

export function createHelperCommandRunner(options: HelperCommandRunnerOptions = {}): HelperCommandRunner {
  const script = options.script ?? defaultScript;
  const answerGraceMs = options.answerGraceMs ?? defaultAnswerGraceMs;
  let helper: HelperProcess | undefined;

  const run: CommandRunner = (argv, input, runOptions) => {
    if (argv[0] === undefined)
      return Promise.reject(new Fail2nftError('F2N_ERR_INTERNAL', 'empty command line'));
    if (helper === undefined || helper.dead) {
      // A missing build output would otherwise surface as Node's module-not-found exit.
      if (!existsSync(script))
        return Promise.reject(
          unavailable(`the firewall command helper is missing: ${script}`, { script, command: argv[0] }),
        );
      helper = new HelperProcess(script, answerGraceMs);
    }
    return helper.run(argv, input, runOptions);
  };

  return {
    run,
    close() {
      const closing = helper;
      helper = undefined;
      return closing === undefined ? Promise.resolve() : closing.close();
    },
    get pid() {
      return helper === undefined || helper.dead ? undefined : helper.child.pid;
    },
  };
}

/**
 * A backend's runner: the one its caller injected (tests, benches), else a helper of its own, which the
 * backend closes when it stops (`own`).
 */
export function backendRunner(given: CommandRunner | undefined): {
  readonly run: CommandRunner;
  readonly own: HelperCommandRunner | undefined;
} {
  if (given !== undefined) return { run: given, own: undefined };
  const own = createHelperCommandRunner();
  return { run: own.run, own };
}
