// The CLI's side of the control socket: one connection per request (a command line asks one thing),
// bounded by a timeout and by the size of the answer it is willing to read.
import { createConnection } from 'node:net';
import { Fail2nftError } from '../core/errors.js';
import { connectError } from './connect-error.js';
import type { ControlArgs, ControlCommand, ControlResults } from './control-protocol.js';
import { LineBuffer } from './line-buffer.js';
import { parseControlResponse } from './parse-control-response.js';

export interface ControlClientOptions {
  readonly path: string;
  /** Default 60 s: a reload of a large configuration takes a while. */
  readonly timeoutMs?: number;
  /** Default 256 MiB (the list of a million bans is about 100 MiB of JSON). */
  readonly maxResponseBytes?: number;
}

export interface ControlClient {
  readonly path: string;
  /** The command's result; throws the service's error, or F2N_ERR_CONTROL_* when it cannot be reached. */
  request<C extends ControlCommand>(command: C, args: ControlArgs[C]): Promise<ControlResults[C]>;
}

export function createControlClient(options: ControlClientOptions): ControlClient {
  const { path } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxResponseBytes = options.maxResponseBytes ?? 256 * 1024 * 1024;
  let nextId = 1;

  const request = <C extends ControlCommand>(command: C, args: ControlArgs[C]): Promise<ControlResults[C]> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const reader = new LineBuffer(maxResponseBytes);
      const socket = createConnection(path);
      let connected = false;
      let settled = false;
      const finish = (outcome: { result: unknown } | { error: Error }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.result as ControlResults[C]);
      };
      const timer = setTimeout(() => {
        finish({
          error: new Fail2nftError(
            'F2N_ERR_CONTROL_TIMEOUT',
            `fail2nft did not answer '${command}' within ${timeoutMs / 1000} s (socket ${path})`,
            { path, command },
          ),
        });
      }, timeoutMs);
      socket.once('connect', () => {
        connected = true;
        socket.write(JSON.stringify({ id, command, args }) + '\n');
      });
      socket.on('data', (chunk: Buffer) => {
        const { lines, overflow } = reader.push(chunk);
        const [line] = lines;
        if (line !== undefined) {
          try {
            finish({ result: parseControlResponse(line, id) });
          } catch (error) {
            finish({ error: error as Error });
          }
        } else if (overflow) {
          finish({
            error: new Fail2nftError(
              'F2N_ERR_CONTROL_CONNECTION',
              `fail2nft's answer to '${command}' is larger than ${maxResponseBytes} bytes`,
              { path, command },
            ),
          });
        }
      });
      socket.once('error', (error) => {
        finish({
          error: connected
            ? new Fail2nftError(
                'F2N_ERR_CONTROL_CONNECTION',
                `the connection to fail2nft on ${path} failed: ${error.message}`,
                { path, command },
                error,
              )
            : connectError(error, path),
        });
      });
      socket.once('close', () => {
        finish({
          error: new Fail2nftError(
            'F2N_ERR_CONTROL_CONNECTION',
            `fail2nft closed the connection on ${path} without answering '${command}'`,
            { path, command },
          ),
        });
      });
    });

  return { path, request };
}
