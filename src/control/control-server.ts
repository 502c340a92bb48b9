// The control socket of the service: a Unix socket, mode 0600, speaking the line protocol of
// control-protocol.ts. Only the service's user (root) may connect, as with fail2ban's socket: a
// manual ban is as powerful as the firewall itself.
import { chmodSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { isMainThread } from 'node:worker_threads';
import { Fail2nftError } from '../core/errors.js';
import { createSilentLogger, type Logger } from '../core/logger.js';
import { serveControlConnection } from './control-connection.js';
import type { ControlHandler } from './control-handler.js';
import { encodeResponse, maxRequestBytes } from './control-protocol.js';
import { prepareSocketPath } from './prepare-socket-path-io.js';

export interface ControlServerOptions {
  /** The socket file, e.g. /run/fail2nft/fail2nft.sock; its directory is created (0755) when missing. */
  readonly path: string;
  readonly handler: ControlHandler;
  readonly logger?: Logger;
  /** Connections served at once; one more is answered F2N_ERR_CONTROL_BUSY and closed. Default 32. */
  readonly maxConnections?: number;
  /** Longest request line in bytes. Default 1 MiB. */
  readonly maxRequestBytes?: number;
  /** A connection with no request running is closed after this long without traffic. Default 60 s. */
  readonly idleTimeoutMs?: number;
  /** How long start() waits for an existing socket to answer before calling it live. Default 1 s. */
  readonly probeTimeoutMs?: number;
  /** How long stop() lets connections finish before cutting them. Default 1 s. */
  readonly closeGraceMs?: number;
}

export interface ControlServer {
  readonly path: string;
  /**
   * Listens. Throws F2N_ERR_CONTROL_IN_USE when another process answers on the path, and
   * F2N_ERR_CONTROL_LISTEN when the path cannot be used. A stale socket file is replaced.
   */
  start(): Promise<void>;
  /** Stops listening, closes the connections and removes the socket file; safe to call more than once. */
  stop(): Promise<void>;
}

/** sockaddr_un holds 108 bytes with the terminating NUL. */
const maxSocketPathBytes = 107;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Fail2nftError('F2N_ERR_CONTROL_BAD_OPTION', `${name} must be a positive integer, not ${value}`);
  return value;
}

function checkPath(path: string): string {
  if (typeof path !== 'string' || path === '')
    throw new Fail2nftError('F2N_ERR_CONTROL_BAD_OPTION', 'the control socket path is empty');
  if (Buffer.byteLength(path) > maxSocketPathBytes)
    throw new Fail2nftError(
      'F2N_ERR_CONTROL_BAD_OPTION',
      `the control socket path ${path} is longer than ${maxSocketPathBytes} bytes (a limit of Unix sockets)`,
    );
  return path;
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Fail2nftError(
              'F2N_ERR_CONTROL_IN_USE',
              `another process created the control socket ${path}`,
              { path },
              error,
            )
          : new Fail2nftError(
              'F2N_ERR_CONTROL_LISTEN',
              `cannot create the control socket ${path}: ${error.code ?? error.message}`,
              { path },
              error,
            ),
      );
    };
    server.once('error', failed);
    // The socket file is created by the bind inside listen(); a tight umask makes it 0600 from its
    // first instant instead of after a chmod. Workers cannot change the umask, hence the chmod too.
    const previous = isMainThread ? process.umask(0o177) : undefined;
    try {
      server.listen(path, () => {
        server.off('error', failed);
        resolve();
      });
    } finally {
      if (previous !== undefined) process.umask(previous);
    }
  });
}

export function createControlServer(options: ControlServerOptions): ControlServer {
  const path = checkPath(options.path);
  const { handler } = options;
  const logger = options.logger ?? createSilentLogger();
  const maxConnections = positiveInteger('maxConnections', options.maxConnections, 32);
  const connection = {
    handler,
    logger,
    maxRequestBytes: positiveInteger('maxRequestBytes', options.maxRequestBytes, maxRequestBytes),
    idleTimeoutMs: positiveInteger('idleTimeoutMs', options.idleTimeoutMs, 60_000),
  };
  const probeTimeoutMs = positiveInteger('probeTimeoutMs', options.probeTimeoutMs, 1000);
  const closeGraceMs = positiveInteger('closeGraceMs', options.closeGraceMs, 1000);
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const accept = (socket: Socket): void => {
    if (sockets.size >= maxConnections) {
      const message = `too many control connections (${maxConnections}); try again`;
      socket.on('error', () => undefined);
      // Whatever the client sends is dropped; reading it lets the client's end close the socket.
      socket.resume();
      socket.end(encodeResponse({ id: null, ok: false, error: { code: 'F2N_ERR_CONTROL_BUSY', message } }));
      logger.warn({ maxConnections }, 'control connection refused: too many connections');
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serveControlConnection(socket, connection);
  };

  return {
    path,
    async start() {
      if (server !== undefined) return;
      await prepareSocketPath(path, probeTimeoutMs);
      const created = createServer({ allowHalfOpen: true }, accept);
      await listen(created, path);
      try {
        chmodSync(path, 0o600);
      } catch (error) {
        created.close();
        throw new Fail2nftError('F2N_ERR_CONTROL_LISTEN', `cannot make ${path} mode 0600`, { path }, error);
      }
      created.on('error', (error) => {
        logger.error({ err: error }, 'control socket error');
      });
      server = created;
      logger.info({ socket: path }, 'control socket listening');
    },
    async stop() {
      const stopping = server;
      if (stopping === undefined) return;
      server = undefined;
      // close() stops accepting; its callback runs once every connection is closed, and the socket file
      // is removed with the listening handle.
      const closed = new Promise<void>((resolve) =>
        stopping.close(() => {
          resolve();
        }),
      );
      for (const socket of sockets) socket.end();
      const cut = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, closeGraceMs);
      cut.unref();
      await closed;
      clearTimeout(cut);
    },
  };
}
