// Runs one firewall tool (nft, ipset, iptables-restore) with an argument array, never a shell, feeding
// the script on stdin. The runner is injected into the backends so their error paths can be tested.
import { spawn } from 'node:child_process';
import { Fail2nftError } from '../core/errors.js';
import { createOutputCollector } from './command-runner-protocol.js';

export interface CommandResult {
  /** Exit code; null when a signal (the timeout) ended the process. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly timeoutMs: number;
}

/** Resolves with the outcome of the process; rejects (F2N_ERR_FIREWALL_UNAVAILABLE) when it cannot start. */
export type CommandRunner = (
  argv: readonly string[],
  input: string,
  options: RunOptions,
) => Promise<CommandResult>;

export const spawnCommand: CommandRunner = (argv, input, options) =>
  new Promise((resolve, reject) => {
    const [command, ...args] = argv;
    if (command === undefined) {
      reject(new Fail2nftError('F2N_ERR_INTERNAL', 'empty command line'));
      return;
    }
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout = createOutputCollector();
    const stderr = createOutputCollector();
    let settled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
    });
    // A tool that exits before reading all of its input closes the pipe; its exit status tells why.
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(
        new Fail2nftError(
          'F2N_ERR_FIREWALL_UNAVAILABLE',
          `cannot run ${command}: ${error.code ?? error.message}`,
          { command },
          error,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve({
        code,
        stdout: Buffer.concat(stdout.chunks).toString('utf8'),
        stderr: Buffer.concat(stderr.chunks).toString('utf8'),
      });
    });
    child.stdin.end(input);
  });

/** The command line, run inside a network namespace when one is named (tests, benches, the demo). */
export function inNamespace(netns: string | undefined, argv: readonly string[]): string[] {
  return netns === undefined ? [...argv] : ['ip', 'netns', 'exec', netns, ...argv];
}

/** The first lines of a tool's error output, for error messages. */
export function firstLines(text: string, count = 6): string {
  const lines = text.trim().split('\n');
  return lines.length <= count
    ? lines.join('\n')
    : `${lines.slice(0, count).join('\n')}\n(${lines.length - count} more lines)`;
}

/** Runs a command and throws F2N_ERR_FIREWALL_COMMAND_FAILED when it exits unsuccessfully. */
export async function runChecked(
  run: CommandRunner,
  argv: readonly string[],
  input: string,
  options: RunOptions,
  what: string,
): Promise<CommandResult> {
  const result = await run(argv, input, options);
  if (result.code !== 0) {
    const reason =
      result.code === null ? `was killed after ${options.timeoutMs} ms` : `exited with ${result.code}`;
    throw new Fail2nftError(
      'F2N_ERR_FIREWALL_COMMAND_FAILED',
      `${what}: ${argv.join(' ')} ${reason}${result.stderr.trim() === '' ? '' : `: ${firstLines(result.stderr)}`}`,
      { command: argv.join(' '), exitCode: result.code, stderr: firstLines(result.stderr, 20) },
    );
  }
  return result;
}
