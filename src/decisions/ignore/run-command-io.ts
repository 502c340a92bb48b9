// I/O: runs ignorecommand with execFile (no shell), output discarded beyond a small buffer, killed
// with SIGKILL after the timeout. Resolves with the exit status; never rejects.
import { execFile } from 'node:child_process';
import type { CommandExit, CommandRunner } from './ignore-command.js';

const MAX_OUTPUT_BYTES = 64 * 1024;

export const runCommand: CommandRunner = (argv, timeoutMs) =>
  new Promise<CommandExit>((resolve) => {
    const [program = '', ...args] = argv;
    const child = execFile(
      program,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT_BYTES,
        shell: false,
        windowsHide: true,
      },
      (error) => {
        if (error === null) {
          resolve({ code: 0, signal: null });
          return;
        }
        const code = typeof error.code === 'number' ? error.code : null;
        const signal = error.signal ?? null;
        if (error.killed && signal !== null && code === null)
          resolve({ code: null, signal, error: `no answer within ${timeoutMs / 1000} s (killed)` });
        else if (code === null && signal === null)
          resolve({ code: null, signal: null, error: error.message });
        else resolve({ code, signal });
      },
    );
    child.stdin?.end();
  });
