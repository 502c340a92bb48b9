// Runs one program (an argument array, never a shell) and collects its output, with a time limit and
// bounded output, so a hung or chatty tool cannot stall or swell the demo.
import { spawn } from 'node:child_process';

export interface CommandResult {
  /** Exit status; null when the program was killed or could not be started. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const maxOutputBytes = 8 << 20;

export function runCommand(argv: readonly string[], timeoutMs = 15_000): Promise<CommandResult> {
  const [command = '', ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes < maxOutputBytes) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < maxOutputBytes) err.push(chunk);
      errBytes += chunk.length;
    });
    let failure: string | undefined;
    child.on('error', (error) => {
      failure = error.message;
    });
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: failure === undefined ? stderr : `${stderr}${failure}\n`,
      });
    });
  });
}
