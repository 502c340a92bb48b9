// Makes the socket path ready to listen on: creates its directory (0755, like /run/fail2ban) and removes a
// socket file left by a service that died, but only after checking that nothing answers on it. A live
// socket belongs to another running fail2nft, and a path that is not a socket is nobody's to delete.
import { mkdirSync, lstatSync, unlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { Fail2nftError } from '../core/errors.js';

type Probe = 'live' | 'dead';

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? '';
}

function listenError(path: string, why: string, cause?: unknown): Fail2nftError {
  return new Fail2nftError(
    'F2N_ERR_CONTROL_LISTEN',
    `cannot create the control socket ${path}: ${why}`,
    { path },
    cause,
  );
}

/** Whether a process accepts connections on the socket file at `path`. */
export function probeSocket(path: string, timeoutMs: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const done = (outcome: Probe | Error): void => {
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // A process that holds the socket but does not accept in time is still alive: never take its path.
    const timer = setTimeout(() => {
      done('live');
    }, timeoutMs);
    socket.once('connect', () => {
      done('live');
    });
    socket.once('error', (error) => {
      const code = errnoOf(error);
      if (code === 'ECONNREFUSED' || code === 'ENOENT') done('dead');
      else if (code === 'EAGAIN') done('live');
      else
        done(
          listenError(
            path,
            `cannot check whether the existing socket is in use (${code || error.message})`,
            error,
          ),
        );
    });
  });
}

export async function prepareSocketPath(path: string, probeTimeoutMs: number): Promise<void> {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
  } catch (error) {
    throw listenError(path, `cannot create its directory (${errnoOf(error) || String(error)})`, error);
  }
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return;
    throw listenError(path, `cannot inspect the path (${errnoOf(error) || String(error)})`, error);
  }
  if (!isSocket) throw listenError(path, 'the path exists and is not a socket (not removing it)');
  if ((await probeSocket(path, probeTimeoutMs)) === 'live') {
    throw new Fail2nftError(
      'F2N_ERR_CONTROL_IN_USE',
      `another fail2nft is running: something answers on the control socket ${path}`,
      { path },
    );
  }
  try {
    unlinkSync(path);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT')
      throw listenError(path, `cannot remove the stale socket (${errnoOf(error) || String(error)})`, error);
  }
}
