// The service the demo watches: `fail2nft start` as a child process (in the demo's namespace or on the
// host), recognised as ready by the line it prints once it started, stopped by SIGTERM with a bounded
// wait and SIGKILL after it.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Fail2nftError } from '../../core/errors.js';

export interface ServiceReady {
  /** From "metrics on http://...": undefined when the service serves no metrics. */
  readonly metricsUrl: string | undefined;
  /** "started 4 jail(s)" as the service said it. */
  readonly message: string;
}

export interface ServiceProcess {
  /** Resolves once the service says it started; rejects if it exits or is silent for `timeoutMs`. */
  ready(timeoutMs: number, signal?: AbortSignal): Promise<ServiceReady>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs: number): Promise<string>;
  /** The last part of what the service wrote to its standard error (its own log goes to a file). */
  output(): string;
}

const keptOutputChars = 16_384;
const startedLine = /fail2nft: (started [^\n]*)\n/;

export function spawnService(argv: readonly string[]): ServiceProcess {
  const [command = '', ...args] = argv;
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let spawnError: Error | undefined;
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-keptOutputChars);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.on('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<string>((resolve) => {
    child.on('close', (code, signal) => {
      resolve(signal === null ? `exit status ${code ?? '?'}` : `signal ${signal}`);
    });
  });
  let ended: string | undefined;
  void exited.then((how) => {
    ended = how;
  });

  async function ready(timeoutMs: number, signal?: AbortSignal): Promise<ServiceReady> {
    const pollMs = 50;
    for (let waited = 0; waited <= timeoutMs; waited += pollMs) {
      const started = startedLine.exec(output);
      if (started !== null) {
        const message = started[1] ?? 'started';
        const url = /metrics on (http:\/\/\S+)/.exec(message)?.[1];
        return { metricsUrl: url, message };
      }
      if (spawnError !== undefined || ended !== undefined)
        throw new Fail2nftError(
          'F2N_ERR_DEMO_STEP_FAILED',
          `the service did not start (${spawnError?.message ?? ended ?? ''}): ${output.trim()}`,
        );
      await sleep(pollMs, undefined, { signal });
    }
    throw new Fail2nftError(
      'F2N_ERR_DEMO_STEP_FAILED',
      `the service did not say it started within ${timeoutMs} ms: ${output.trim()}`,
    );
  }

  async function stop(graceMs: number): Promise<string> {
    if (ended !== undefined) return ended;
    child.kill('SIGTERM');
    const cancel = new AbortController();
    const timer = sleep(graceMs, undefined, { signal: cancel.signal }).then(
      () => undefined,
      () => undefined,
    );
    const how = await Promise.race([exited, timer]);
    cancel.abort();
    if (how !== undefined) return how;
    child.kill('SIGKILL');
    return `${await exited} (did not stop within ${graceMs} ms of SIGTERM)`;
  }

  return { ready, stop, output: () => output };
}
