// I/O: the real ProcessRunner. Each program starts as the leader of its own process group
// (detached), so the timeout can kill everything the command started (a pipeline, a subshell, a
// `sleep` in a loop), not only the shell: SIGTERM to the group first, SIGKILL after a grace period.
import { spawn } from 'node:child_process';
import {
  DEFAULT_MAX_OUTPUT_BYTES,
  type ProcessRequest,
  type ProcessResult,
  type ProcessRunner,
} from './process-runner.js';

export interface ChildProcessRunnerOptions {
  /** Time between SIGTERM and SIGKILL to the process group after a timeout. Default 1000 ms. */
  readonly killGraceMs?: number;
  /**
   * How long to wait for the output pipes to close after the program exited. A background child
   * that keeps them open (a daemon started by actionstart) must not hold the action. Default 200 ms.
   */
  readonly drainMs?: number;
}

class BoundedOutput {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    const room = this.limit - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept !== chunk) this.truncated = true;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone: nothing left to kill.
  }
}

export function createChildProcessRunner(options: ChildProcessRunnerOptions = {}): ProcessRunner {
  const killGraceMs = options.killGraceMs ?? 1000;
  const drainMs = options.drainMs ?? 200;
  return (request: ProcessRequest) =>
    new Promise<ProcessResult>((resolve) => {
      const [program = '', ...args] = request.argv;
      const limit = request.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
      const stdout = new BoundedOutput(limit);
      const stderr = new BoundedOutput(limit);
      let timedOut = false;
      let settled = false;
      let exitCode: number | null = null;
      let exitSignal: string | null = null;
      let exited = false;
      const timers: NodeJS.Timeout[] = [];

      const child = spawn(program, args, {
        detached: true,
        env: request.env === undefined ? process.env : { ...process.env, ...request.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });

      const finish = (spawnError?: string): void => {
        if (settled) return;
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        child.stdout.destroy();
        child.stderr.destroy();
        resolve({
          exitCode,
          signal: exitSignal,
          timedOut,
          ...(spawnError === undefined ? {} : { spawnError }),
          stdout: stdout.text(),
          stderr: stderr.text(),
          truncated: stdout.truncated || stderr.truncated,
        });
      };

      child.stdout.on('data', (chunk: Buffer) => {
        stdout.add(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr.add(chunk);
      });
      // A program that does not read its input closes the pipe early: EPIPE is not the program's failure.
      child.stdin.on('error', () => undefined);
      child.on('error', (error) => {
        finish(error.message);
      });
      child.on('exit', (code, signal) => {
        exited = true;
        exitCode = code;
        exitSignal = signal;
        timers.push(setTimeout(finish, drainMs));
      });
      child.on('close', () => {
        finish();
      });

      timers.push(
        setTimeout(() => {
          if (exited) return;
          timedOut = true;
          killGroup(child.pid, 'SIGTERM');
          // Not cleared when the shell exits: a child that ignores SIGTERM must still go.
          setTimeout(() => {
            killGroup(child.pid, 'SIGKILL');
          }, killGraceMs).unref();
        }, request.timeoutMs),
      );

      if (request.stdin !== undefined) child.stdin.end(request.stdin);
      else child.stdin.end();
    });
}
